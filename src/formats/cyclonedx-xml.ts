// CycloneDX XML → the CycloneDX *JSON* shape, so one reader (cyclonedx-json.ts) builds the
// model and one comparison (sbom/loss-report.ts) finds what was dropped, whatever the input syntax:
// the same BOM written in XML and in JSON gives the same document, hence the same output and the
// same loss report (__tests__/formats/cyclonedx-xml-pairs.test.ts proves it on the spec's examples).
//
// The parser cannot be turned against the runner: DTDs are refused before parsing (CycloneDX
// never uses one), so external entities and entity expansion bombs never reach it; escapes are
// decoded by xml-escapes.ts, which refuses what XML refuses; size and nesting depth are bounded.
//
// Where XML and JSON differ, the tables below say how (from the XSDs of CycloneDX 1.2–1.7):
// wrapper elements that hold a JSON array, elements repeated directly under their parent, names
// that change, values that are numbers or booleans in JSON, and the elements whose JSON object is
// built from text and attributes (hashes, properties, attachments, license expressions, …).
// Content the XSDs leave open to other namespaces (and attributes CycloneDX does not define) has
// no JSON counterpart: it is left out of the document and listed in `extensions`.
import { XMLParser } from 'fast-xml-parser'
import { SbomError } from '../shared/errors.js'
import type { JsonObject } from '../shared/json.js'
import { shapeOf, type DroppedData } from './loss.js'
import { SUPPORTED_SPEC_VERSIONS } from './spec-versions.js'
import { XmlEscapeError, xmlEntityDecoder } from './xml-escapes.js'

export interface XmlReadResult {
  /** The document in the CycloneDX JSON shape. */
  readonly document: JsonObject
  /**
   * XML content without a JSON counterpart (elements of other namespaces, attributes CycloneDX
   * does not define), one entry per shape path and namespace, as the report should list it.
   */
  readonly extensions: readonly DroppedData[]
}

const NAMESPACE = /^http:\/\/cyclonedx\.org\/schema\/bom\/(\d+\.\d+)$/
/** xsi:schemaLocation and the like say how to validate, not what the BOM holds. */
const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance'
const MAX_DEPTH = 64

/**
 * Wrapper elements whose children are the items of a JSON array (`<hashes><hash/>…</hashes>` →
 * `hashes: [...]`), wherever they occur. Wrappers that are something else in other places are in
 * isWrapper.
 */
const WRAPPERS = new Set([
  'advisories',
  'affects',
  'algorithms',
  'aliases',
  'altIds',
  'ancestors',
  'annotations',
  'assemblies',
  'assessors',
  'attestations',
  'authors',
  'certificateExtensions',
  'cipherSuites',
  'citations',
  'claims',
  'collection',
  'commands',
  'commits',
  'components',
  'compositions',
  'conditions',
  'counterClaims',
  'cryptoFunctions',
  'custodians',
  'cwes',
  'datasets',
  'dependencies',
  'descendants',
  'descriptions',
  'endpoints',
  'energyConsumptions',
  'environmentVars',
  'ethicalConsiderations',
  'expressions',
  'externalReferences',
  'fairnessAssessments',
  'formulation',
  'frames',
  'hashes',
  'identifiers',
  'individuals',
  'inputs',
  'levels',
  'licenses',
  'licenseTypes',
  'lifecycles',
  'members',
  'methods',
  'mitigationStrategies',
  'occurrences',
  'organizations',
  'outputs',
  'owners',
  'parameters',
  'patches',
  'patentAssertions',
  'patentRefs',
  'patents',
  'performanceMetrics',
  'performanceTradeoffs',
  'pointers',
  'properties',
  'ratings',
  'references',
  'relatedCryptographicAssets',
  'requirements',
  'resolves',
  'resourceReferences',
  'responses',
  'runtimeTopology',
  'services',
  'signatories',
  'standards',
  'steps',
  'stewards',
  'subjects',
  'supportingMaterial',
  'tags',
  'taskDependencies',
  'taskTypes',
  'tasks',
  'technicalLimitations',
  'tlsGroups',
  'tlsSignatureSchemes',
  'useCases',
  'users',
  'variants',
  'versions',
  'vulnerabilities',
  'workflows',
  'workspaces',
])

/** Parents of organizationalEntity elements, whose `url` and `contact` repeat. */
const ORGANIZATIONS = ['supplier', 'manufacture', 'manufacturer', 'provider', 'organization']

/** Elements (as `parent/child`) that repeat directly under their parent: a JSON array. */
const REPEATED = new Set([
  ...ORGANIZATIONS.flatMap((parent) => [`${parent}/url`, `${parent}/contact`]),
  'dependency/dependency',
  'dependency/provides',
  'component/omniborId',
  'component/swhid',
  'component/data',
  'data/sensitiveData',
  'dataset/sensitiveData',
  'claim/evidence',
  'claim/counterEvidence',
  'requirement/openCre',
  'algorithmProperties/certificationLevel',
  'certificateProperties/certificateState',
  'protocolProperties/cryptoRef',
  'ikev2TransformTypes/encr',
  'ikev2TransformTypes/prf',
  'ikev2TransformTypes/integ',
  'ikev2TransformTypes/ke',
  'ikev2TransformTypes/auth',
  'energyConsumption/energyProviders',
  'attestation/map',
  'evidence/data',
  'patent/patentAssignee',
  'expression-detailed/details',
])

/** Elements (as `parent/child`) whose JSON member has another name. */
const RENAMED: Readonly<Record<string, string>> = {
  'dependency/dependency': 'dependsOn',
  'analysis/responses': 'response',
  'expression-detailed/details': 'expressionDetails',
  'protocolProperties/cryptoRef': 'cryptoRefArray',
}

type Scalar = 'integer' | 'number' | 'boolean'

/** Elements (as `parent/child`) whose JSON value is a number or a boolean. */
const TYPED: Readonly<Record<string, Scalar>> = {
  'cwes/cwe': 'integer',
  'rating/score': 'number',
  'confidence/score': 'number',
  'conformance/score': 'number',
  'identity/confidence': 'number',
  'method/confidence': 'number',
  'occurrence/line': 'integer',
  'occurrence/offset': 'integer',
  'frame/line': 'integer',
  'frame/column': 'integer',
  'activityEnergyCost/value': 'number',
  'energyProvided/value': 'number',
  'co2CostEquivalent/value': 'number',
  'co2CostOffset/value': 'number',
  'algorithmProperties/classicalSecurityLevel': 'integer',
  'algorithmProperties/nistQuantumSecurityLevel': 'integer',
  'relatedCryptoMaterialProperties/size': 'integer',
  'encr/keyLength': 'integer',
  'ke/group': 'integer',
  'component/modified': 'boolean',
  'service/authenticated': 'boolean',
  'service/x-trust-boundary': 'boolean',
  'assessor/thirdParty': 'boolean',
  'volume/persistent': 'boolean',
  'volume/remote': 'boolean',
  'ikev2TransformTypes/esn': 'boolean',
}

/**
 * Every attribute the CycloneDX 1.2–1.7 XSDs define, with its JSON member (`content-type` →
 * `contentType`, `license-identifier` → `licenseIdentifier`; the others keep their names) and
 * its JSON type where it is not a string. `version` is a number on <bom> only (swid's is a string).
 */
const ATTRIBUTES: Readonly<Record<string, { readonly json: string; readonly type?: Scalar }>> = {
  'bom-ref': { json: 'bom-ref' },
  serialNumber: { json: 'serialNumber' },
  version: { json: 'version' },
  type: { json: 'type' },
  'mime-type': { json: 'mime-type' },
  isExternal: { json: 'isExternal', type: 'boolean' },
  alg: { json: 'alg' },
  'content-type': { json: 'contentType' },
  encoding: { json: 'encoding' },
  acknowledgement: { json: 'acknowledgement' },
  name: { json: 'name' },
  description: { json: 'description' },
  flow: { json: 'flow' },
  ref: { json: 'ref' },
  expression: { json: 'expression' },
  'license-identifier': { json: 'licenseIdentifier' },
  tagId: { json: 'tagId' },
  tagVersion: { json: 'tagVersion', type: 'integer' },
  patch: { json: 'patch', type: 'boolean' },
}

/**
 * Elements whose JSON value is an object wherever they occur: written empty (`<provider/>`), they
 * are an empty object, not an empty string.
 */
const OBJECTS = new Set([
  'activityEnergyCost',
  'address',
  'advisory',
  'affirmation',
  'algorithmProperties',
  'analysis',
  'annotation',
  'annotator',
  'approach',
  'attestation',
  'bom',
  'callstack',
  'certificateProperties',
  'certificateState',
  'cipherSuite',
  'citation',
  'co2CostEquivalent',
  'co2CostOffset',
  'command',
  'commit',
  'committer',
  'component',
  'composition',
  'condition',
  'confidenceInterval',
  'conformance',
  'considerations',
  'contact',
  'contents',
  'credits',
  'cryptoProperties',
  'custodian',
  'dataflow',
  'dataset',
  'declarations',
  'definitions',
  'dependency',
  'details',
  'diff',
  'distributionConstraints',
  'energyConsumption',
  'energyProvided',
  'energyProviders',
  'environmentalConsiderations',
  'ethicalConsideration',
  'event',
  'expression-detailed',
  'externalReference',
  'fairnessAssessment',
  'formula',
  'frame',
  'governance',
  'graphic',
  'graphics',
  'identity',
  'ikev2TransformTypes',
  'individual',
  'input',
  'issue',
  'level',
  'license',
  'licensee',
  'licensing',
  'licensor',
  'lifecycle',
  'manufacture',
  'manufacturer',
  'map',
  'metadata',
  'modelCard',
  'modelParameters',
  'occurrence',
  'organization',
  'output',
  'patch',
  'patent',
  'patentAssertion',
  'patentFamily',
  'pedigree',
  'performanceMetric',
  'priorityApplication',
  'proofOfConcept',
  'protocolProperties',
  'provider',
  'purchaser',
  'quantitativeAnalysis',
  'rating',
  'reference',
  'relatedCryptoMaterialProperties',
  'relatedCryptographicAsset',
  'releaseNotes',
  'resource',
  'resourceReference',
  'reviewer',
  'securedBy',
  'service',
  'signatory',
  'standard',
  'step',
  'steward',
  'supplier',
  'swid',
  'targets',
  'trigger',
  'volume',
  'vulnerability',
  'workflow',
  'workspace',
])

/**
 * Elements that hold one of several alternatives and whose JSON value is that alternative itself
 * (1.7 patents: `<asserter><organization>…</organization></asserter>` → `asserter: {name, …}`).
 */
const CHOICES = new Set(['asserter', 'patentAssignee'])

/** Parents whose <text> is an attachment (`{contentType, encoding, content}`), not a string. */
const ATTACHMENT_TEXT_PARENTS = new Set(['license', 'details', 'swid', 'note', 'diff'])
/** Parents whose <data> is an attachment (formulation inputs, outputs and trigger events). */
const ATTACHMENT_DATA_PARENTS = new Set(['input', 'output', 'event'])

export function looksLikeXml(text: string): boolean {
  return /^\s*</.test(text)
}

/** CycloneDX XML → the same BOM as a CycloneDX JSON document. */
export function readCycloneDxXml(file: string, text: string): JsonObject {
  return readCycloneDxXmlDocument(file, text).document
}

/** CycloneDX XML → the same BOM as a CycloneDX JSON document, and what JSON cannot hold of it. */
export function readCycloneDxXmlDocument(file: string, text: string): XmlReadResult {
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    throw new SbomError(
      file,
      'is XML with a DTD (<!DOCTYPE or <!ENTITY). DTDs are refused: they enable external-entity and entity-expansion attacks, and CycloneDX never uses them.',
      {
        hint: 'Remove the DOCTYPE declaration; a CycloneDX generator never writes one.',
      },
    )
  const root = findRoot(file, parse(file, text))
  const rootNamespace = root.scope.get(prefixOf(root.tag)) ?? ''
  const specVersion = NAMESPACE.exec(rootNamespace)?.[1]
  if (localName(root.tag) !== 'bom')
    throw new SbomError(file, 'is XML but has no <bom> root element, so it is not CycloneDX XML.', {
      hint: `Accepted XML: CycloneDX ${SUPPORTED_SPEC_VERSIONS.join('/')}.`,
    })
  if (specVersion === undefined)
    throw new SbomError(
      file,
      `has a <bom> root in namespace "${rootNamespace}", not a CycloneDX namespace (http://cyclonedx.org/schema/bom/1.x).`,
    )
  const converter = new Converter(rootNamespace, Number(specVersion.split('.')[1]))
  const converted = converter.object(converter.element(root.node, root.scope), '')
  return {
    document: { bomFormat: 'CycloneDX', specVersion, ...converted },
    extensions: converter.extensions.entries(),
  }
}

/** fast-xml-parser's ordered output: `{tag: children, ':@': attributes}` or `{'#text': text}`. */
type OrderedNode = Record<string, unknown>
type Namespaces = ReadonlyMap<string, string>

const ATTRIBUTES_KEY = ':@'
const TEXT_KEY = '#text'

function parse(file: string, text: string): OrderedNode[] {
  try {
    return new XMLParser({
      preserveOrder: true,
      ignoreAttributes: false,
      attributeNamePrefix: '',
      textNodeName: TEXT_KEY,
      removeNSPrefix: false,
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: true,
      ignoreDeclaration: true,
      ignorePiTags: true,
      maxNestedTags: MAX_DEPTH,
      // Decodes every XML escape, refusing what XML refuses (xml-escapes.ts).
      processEntities: true,
      entityDecoder: xmlEntityDecoder,
    }).parse(text, true) as OrderedNode[]
  } catch (error) {
    if (error instanceof XmlEscapeError)
      throw new SbomError(file, `is not well-formed XML: ${error.message}.`, {
        hint: 'Fix the generator so that it escapes text as XML does (&amp; &lt; &gt; &quot; &apos;, or &#…; for a character XML allows).',
      })
    throw new SbomError(file, `is not well-formed XML: ${(error as Error).message}`)
  }
}

function findRoot(
  file: string,
  nodes: OrderedNode[],
): { node: OrderedNode; tag: string; scope: Namespaces } {
  for (const node of nodes) {
    const tag = tagOf(node)
    if (tag !== undefined && tag !== TEXT_KEY)
      return { node, tag, scope: scopeOf(attributesOf(node), new Map()) }
  }
  throw new SbomError(file, 'is XML but has no <bom> root element, so it is not CycloneDX XML.', {
    hint: `Accepted XML: CycloneDX ${SUPPORTED_SPEC_VERSIONS.join('/')}.`,
  })
}

function tagOf(node: OrderedNode): string | undefined {
  for (const key in node) if (key !== ATTRIBUTES_KEY) return key
  return undefined
}

function attributesOf(node: OrderedNode): Record<string, string> {
  return (node[ATTRIBUTES_KEY] as Record<string, string> | undefined) ?? {}
}

function prefixOf(qualifiedName: string): string {
  const colon = qualifiedName.indexOf(':')
  return colon === -1 ? '' : qualifiedName.slice(0, colon)
}

function localName(qualifiedName: string): string {
  return qualifiedName.slice(qualifiedName.indexOf(':') + 1)
}

/** The namespaces in scope on an element: its parent's, plus what its xmlns attributes declare. */
function scopeOf(attributes: Record<string, string>, parent: Namespaces): Namespaces {
  let scope: Map<string, string> | undefined
  for (const name in attributes) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue
    scope ??= new Map(parent)
    scope.set(name === 'xmlns' ? '' : name.slice(6), attributes[name] ?? '')
  }
  return scope ?? parent
}

/** An element of the parsed document, with its namespace resolved. */
interface Element {
  /** Local name. */
  readonly name: string
  /** As written, with its prefix. */
  readonly tag: string
  readonly namespace: string
  readonly attributes: Record<string, string>
  readonly nodes: OrderedNode[]
  readonly scope: Namespaces
}

class Converter {
  readonly extensions = new Extensions()
  /** The JSON path of the value being built, as steps (member names and indexes). */
  readonly #path: (string | number)[] = ['$']
  readonly #namespace: string
  /** The minor version of the spec the document declares (1.6 → 6). */
  readonly #minor: number

  constructor(namespace: string, minor: number) {
    this.#namespace = namespace
    this.#minor = minor
  }

  element(node: OrderedNode, parentScope: Namespaces): Element {
    const tag = tagOf(node) ?? ''
    const attributes = attributesOf(node)
    const scope = scopeOf(attributes, parentScope)
    return {
      name: localName(tag),
      tag,
      namespace: scope.get(prefixOf(tag)) ?? '',
      attributes,
      nodes: (node[tag] as OrderedNode[] | undefined) ?? [],
      scope,
    }
  }

  /** The CycloneDX child elements of `element`, in document order; others are extensions. */
  #children(element: Element): Element[] {
    const children: Element[] = []
    for (const node of element.nodes) {
      const tag = tagOf(node)
      if (tag === undefined || tag === TEXT_KEY) continue
      const child = this.element(node, element.scope)
      if (child.namespace === this.#namespace) children.push(child)
      else this.#extension(`element <${child.tag}>`, child.tag, child.namespace)
    }
    return children
  }

  /** JSON value of the CycloneDX element `element` found under `parent` (itself under `grandparent`). */
  #value(element: Element, parent: string, grandparent: string): unknown {
    const { name } = element
    if (this.#isWrapper(element, parent)) return this.#list(element, parent)
    if (parent === 'licenses') return this.#licenseChoice(element)
    if (this.#isReference(name, parent, grandparent))
      return element.attributes.ref ?? this.#scalar(element, '')
    switch (name) {
      case 'hash':
      case 'fingerprint':
        return { ...this.#attributes(element), content: textOf(element) }
      case 'property':
      case 'environmentVar': {
        const value = textOf(element)
        return { ...this.#attributes(element), ...(value === undefined ? {} : { value }) }
      }
      case 'image':
      case 'attachment':
        return this.#attachment(element)
      case 'text':
        if (parent === 'copyright') return { text: textOf(element) ?? '' }
        if (ATTACHMENT_TEXT_PARENTS.has(parent)) return this.#attachment(element)
        break
      case 'data':
        if (ATTACHMENT_DATA_PARENTS.has(parent)) return this.#attachment(element)
        break
      case 'classification':
        // Service data (≤1.4, and still allowed after): `<classification flow="…">PII</…>`.
        if (parent === 'data' && grandparent === 'service')
          return { ...this.#attributes(element), classification: textOf(element) ?? '' }
        break
      case 'ref':
        if (parent === 'datasets') return { ref: textOf(element) ?? '' }
        break
    }
    if (CHOICES.has(name)) return this.#choice(element)
    if (this.#hasContent(element)) return this.object(element, parent)
    return OBJECTS.has(name) && textOf(element) === undefined
      ? this.#attributes(element)
      : this.#scalar(element, parent)
  }

  /** The value of the alternative a choice element holds (the first, should it hold several). */
  #choice(element: Element): unknown {
    this.#attributes(element)
    const [chosen] = this.#children(element)
    return chosen === undefined ? {} : this.#value(chosen, element.name, '')
  }

  #isWrapper(element: Element, parent: string): boolean {
    const { name } = element
    if (WRAPPERS.has(name)) return true
    switch (name) {
      case 'tools':
        // ≤1.4 (and deprecated after): <tool> items; 1.5+: an object of components and services.
        return element.nodes.some((node) => localName(tagOf(node) ?? '') === 'tool')
      case 'evidence':
        return parent === 'declarations'
      case 'data':
        return parent === 'service'
      case 'source':
      case 'destination':
        return parent === 'dataflow'
      case 'copyright':
        return parent === 'evidence'
      case 'notes':
        return parent === 'releaseNotes'
      default:
        return false
    }
  }

  /** Items that are a bom-ref in a `ref` attribute in XML and the bom-ref string itself in JSON. */
  #isReference(name: string, parent: string, grandparent: string): boolean {
    if (parent === 'dependency') return name === 'dependency' || name === 'provides'
    if (parent === 'assemblies' || parent === 'subjects') return true
    if (grandparent === 'composition')
      return parent === 'dependencies' || parent === 'vulnerabilities'
    return parent === 'tools' && grandparent === 'identity'
  }

  #list(element: Element, parent: string): unknown[] {
    this.#attributes(element)
    const items: unknown[] = []
    for (const child of this.#children(element)) {
      this.#path.push(items.length)
      items.push(this.#value(child, element.name, parent))
      this.#path.pop()
    }
    return items
  }

  /** `<license>` → `{license: {…}}`; `<expression>` → `{expression, acknowledgement, bom-ref}`. */
  #licenseChoice(element: Element): unknown {
    switch (element.name) {
      case 'license':
        this.#path.push('license')
        try {
          return { license: this.object(element, 'licenses') }
        } finally {
          this.#path.pop()
        }
      case 'expression':
        return { expression: textOf(element) ?? '', ...this.#attributes(element) }
      default:
        // 1.7 <expression-detailed expression="…">: its attributes and children are the members.
        return this.object(element, 'licenses')
    }
  }

  #attachment(element: Element): JsonObject {
    return { ...this.#attributes(element), content: textOf(element) ?? '' }
  }

  /** Whether the element holds child elements or CycloneDX attributes (else its value is its text). */
  #hasContent(element: Element): boolean {
    for (const name in element.attributes) if (Object.hasOwn(ATTRIBUTES, name)) return true
    return element.nodes.some((node) => {
      const tag = tagOf(node)
      return tag !== undefined && tag !== TEXT_KEY
    })
  }

  #scalar(element: Element, parent: string): unknown {
    this.#attributes(element)
    const text = textOf(element) ?? ''
    const type = TYPED[`${parent}/${element.name}`]
    return type === undefined ? text : typed(text, type)
  }

  /** The element's attributes and children as the members of a JSON object. */
  object(element: Element, parent: string): JsonObject {
    const result: JsonObject = this.#attributes(element)
    const { name } = element
    for (const child of this.#children(element)) {
      const key = `${name}/${child.name}`
      // 1.5+ dataflow: its <classification flow="…"> gives the dataflow's flow and classification.
      if (key === 'dataflow/classification') {
        Object.assign(result, this.#attributes(child), { classification: textOf(child) ?? '' })
        continue
      }
      const member = RENAMED[key] ?? child.name
      const repeated = REPEATED.has(key) || (key === 'evidence/identity' && this.#minor >= 6)
      if (!repeated && Object.hasOwn(result, member)) continue
      this.#path.push(member)
      if (repeated) {
        const list = Object.hasOwn(result, member) ? (result[member] as unknown[]) : []
        this.#path.push(list.length)
        list.push(this.#value(child, name, parent))
        this.#path.pop()
        setMember(result, member, list)
      } else setMember(result, member, this.#value(child, name, parent))
      this.#path.pop()
    }
    return result
  }

  /** The element's CycloneDX attributes as JSON members; the others are extensions. */
  #attributes(element: Element): JsonObject {
    const result: JsonObject = {}
    for (const qualified in element.attributes) {
      if (qualified === 'xmlns' || qualified.startsWith('xmlns:')) continue
      const value = element.attributes[qualified] ?? ''
      const prefix = prefixOf(qualified)
      const known = prefix === '' ? ATTRIBUTES[qualified] : undefined
      if (known) {
        const type = element.name === 'bom' && qualified === 'version' ? 'integer' : known.type
        setMember(result, known.json, type === undefined ? value : typed(value, type))
        continue
      }
      const namespace = prefix === '' ? '' : (element.scope.get(prefix) ?? '')
      if (namespace !== XSI_NAMESPACE)
        this.#extension(`attribute ${qualified} of <${element.tag}>`, `@${qualified}`, namespace)
    }
    return result
  }

  #extension(what: string, step: string, namespace: string): void {
    this.extensions.add(this.#concretePath(), step, what, namespace)
  }

  #concretePath(): string {
    return this.#path
      .map((step, index) =>
        typeof step === 'number' ? `[${step}]` : index === 0 ? step : `.${step}`,
      )
      .join('')
  }
}

/** Extension content, grouped by shape path and namespace: 50,000 components make one entry. */
class Extensions {
  readonly #groups = new Map<string, { example: string; what: string; count: number }>()

  add(path: string, step: string, what: string, namespace: string): void {
    const example = `${path}.${step}`
    const key = `${shapeOf(example)}\n${namespace}`
    const group = this.#groups.get(key)
    if (group) group.count += 1
    else
      this.#groups.set(key, {
        example,
        what: namespace === '' ? `${what}, in no namespace` : `${what}, in namespace ${namespace}`,
        count: 1,
      })
  }

  entries(): DroppedData[] {
    return [...this.#groups.values()].map(({ example, what, count }) => ({
      path: shapeOf(example),
      example,
      reason: `XML extension content (${what}) that CycloneDX does not define: JSON has no place for it${count > 1 ? ` (${count} times)` : ''}`,
    }))
  }
}

/** The element's text (text and CDATA nodes joined), or undefined when it has none. */
function textOf(element: Element): string | undefined {
  let text: string | undefined
  for (const node of element.nodes)
    if (TEXT_KEY in node) text = (text ?? '') + String(node[TEXT_KEY] as string | number)
  return text
}

/** An XSD-typed value as its JSON number or boolean; kept as written when it is not one. */
function typed(value: string, type: Scalar): unknown {
  switch (type) {
    case 'boolean':
      if (value === 'true' || value === '1') return true
      if (value === 'false' || value === '0') return false
      return value
    case 'integer':
      return /^[+-]?\d+$/.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : value
    case 'number':
      return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(value) ? Number(value) : value
  }
}

/** `object[name] = value`, also for a member named `__proto__` (an own member, never the prototype). */
function setMember(object: JsonObject, name: string, value: unknown): void {
  if (name === '__proto__')
    Object.defineProperty(object, name, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  else object[name] = value
}
