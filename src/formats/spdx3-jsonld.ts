// SPDX 3.0 / 3.0.1 JSON-LD (Core + Software profiles) → the library's Models.Bom.
//
// SPDX 3 is a graph: every element (package, file, relationship, agent, licence expression, …) is
// a node of `@graph`, and elements refer to each other by spdxId. The same graph may be written in
// the compact form the spec's context defines (`type`/`spdxId`, `software_packageVersion`), with
// `@type`/`@id`, with property names without their profile prefix, or expanded (full IRIs as
// names, values as `{"@value"}` / `{"@id"}`); `Graph` below reads every form into one shape.
//
// The mapping follows the SPDX 2 JSON reader's conventions (spdx-json.ts):
//   software_Package → component (type from software_primaryPurpose), software_File → component
//     of type file, or left out under spdx-files: exclude (spdx-files.ts)
//   name, software_packageVersion, software_packageUrl / externalIdentifier packageUrl → purl,
//     externalIdentifier cpe22/cpe23 → cpe, verifiedUsing Hash → hashes, suppliedBy → supplier,
//     originatedBy → author, description (else summary), software_copyrightText → copyright,
//     software_downloadLocation → distribution, software_homePage → website, externalRef → external
//     references
//   Relationship / LifecycleScopedRelationship: dependsOn, contains, hasStaticLink, hasDynamicLink,
//     hasPrerequisite, hasOptional*/hasProvidedDependency → dependencies; describes → the root;
//     hasDeclaredLicense / hasConcludedLicense → licences (declared wins, as in SPDX 2)
//   build_Build: each hasOutput depends on the build's non-source hasInput (a Yocto rootfs on the
//     packages installed in it); output-from-source is reported, like SPDX 2's GENERATED_FROM
//   SpdxDocument / software_Sbom rootElement → metadata.component (the first software element)
//   CreationInfo created → timestamp, createdBy → authors / manufacture, createdUsing → tools
//   whatever else has no CycloneDX field: a `spdx:*` property, or a DroppedData entry. Elements of
//   other profiles (AI, Dataset, Security, Build, Extension, …) are reported, never skipped silently.
import * as Enums from '@cyclonedx/cyclonedx-library/Enums'
import * as Models from '@cyclonedx/cyclonedx-library/Models'
import { isSupportedSpdxId } from '@cyclonedx/cyclonedx-library/SPDX'
import { isCPE } from '@cyclonedx/cyclonedx-library/Types'
import { SbomError } from '../shared/errors.js'
import { isJsonObject, type JsonObject } from '../shared/json.js'
import { shapeOf, SYNTHESIZED_TOOL_TYPE, type DroppedData, type SynthesizedPaths } from './loss.js'
import {
  collapseThroughFiles,
  DEFAULT_SPDX_FILES,
  countElements,
  describedRoot,
  type ElementCounts,
  strandedReason,
  type DependencyEdge,
  type SpdxReadOptions,
} from './spdx-files.js'

export interface Spdx3ReadResult extends ElementCounts {
  readonly bom: Models.Bom
  /** e.g. "3.0.1", from the document's CreationInfo specVersion. */
  readonly specVersion: string
  readonly dropped: DroppedData[]
  /** What the model holds that the document did not say: not the user's to lose. */
  readonly synthesized: SynthesizedPaths
  /** The elements the document describes when there are several (one is metadata.component). */
  readonly described: readonly Models.Component[]
  readonly notes: string[]
}

// --- One shape for every serialization ---

/** A node of the graph: an element, or a structured value (Hash, ExternalIdentifier, …). */
interface Node {
  /** Compact type name (`software_Package`, `Relationship`); '' when the node has none. */
  readonly type: string
  /** spdxId / @id, compact IRIs expanded; undefined for an anonymous node. */
  readonly id: string | undefined
  /** Where it is in the input, for the report: `$.@graph[3]`, `$.@graph[3].verifiedUsing[0]`. */
  readonly path: string
  /** Canonical (compact, profile-prefixed) property name → its values. */
  readonly props: ReadonlyMap<string, readonly Value[]>
}
type Value = string | number | boolean | Node

const TERMS = /^https?:\/\/spdx\.org\/rdf\/3(?:\.\d+)*\/terms\/([A-Za-z]+)\/([A-Za-z0-9_]+)$/
/** The vocabulary individuals (`…/terms/Core/RelationshipType/dependsOn`) → their name. */
const VOCABULARY =
  /^https?:\/\/spdx\.org\/rdf\/3(?:\.\d+)*\/terms\/[A-Za-z]+\/[A-Za-z]+\/([A-Za-z0-9_]+)$/
/** Profile namespace → the prefix the compact form gives its names. */
const NAMESPACE_PREFIXES: Readonly<Record<string, string>> = {
  Core: '',
  Software: 'software_',
  Security: 'security_',
  Build: 'build_',
  AI: 'ai_',
  Dataset: 'dataset_',
  SimpleLicensing: 'simplelicensing_',
  ExpandedLicensing: 'expandedlicensing_',
  Extension: 'extension_',
  Lite: 'lite_',
}
/** Software-profile properties some writers name without their `software_` prefix. */
const SOFTWARE_PROPERTIES = new Set([
  'packageVersion',
  'packageUrl',
  'downloadLocation',
  'homePage',
  'primaryPurpose',
  'additionalPurpose',
  'copyrightText',
  'attributionText',
  'sourceInfo',
  'fileKind',
  'sbomType',
  'byteRange',
  'lineRange',
  'snippetFromFile',
  'contentIdentifier',
])
/** Names that mean the same property: → the one used here. */
const ALIASES: Readonly<Record<string, string>> = {
  '@type': 'type',
  '@id': 'id',
  spdxId: 'id',
  software_contentType: 'contentType',
}
/** Nodes that are values of an element, not elements. */
const STRUCTURED_VALUES = new Set([
  'CreationInfo',
  'Hash',
  'PackageVerificationCode',
  'IntegrityMethod',
  'ExternalIdentifier',
  'ExternalRef',
  'ExternalMap',
  'NamespaceMap',
  'PositiveIntegerRange',
  'DictionaryEntry',
  'software_ContentIdentifier',
])
// Far deeper than any SPDX 3 document nests (parseJsonDocument already stops at 128).
const MAX_DEPTH = 100

/** The `@graph` read into nodes, each element once, with prefixes declared in `@context` expanded. */
class Graph {
  /** Elements in document order (an embedded one just before the element that holds it). */
  readonly elements: Node[] = []
  readonly byId = new Map<string, Node>()
  /** spdxIds given to more than one node: the first keeps it. */
  duplicates = 0
  readonly #prefixes = new Map<string, string>()
  /** Property names and types repeat on every element: each is worked out once. */
  readonly #names = new Map<string, string>()

  constructor(document: JsonObject) {
    this.#readContext(document['@context'])
  }

  read(items: readonly unknown[]): void {
    items.forEach((item, index) => {
      if (!isJsonObject(item)) return
      this.#node(item, `$.@graph[${index}]`, 0, true)
    })
  }

  /** A reference (spdxId or compact IRI) → the IRI it stands for. */
  expand(reference: string): string {
    const colon = reference.indexOf(':')
    if (colon <= 0) return reference
    const iri = this.#prefixes.get(reference.slice(0, colon))
    return iri === undefined ? reference : iri + reference.slice(colon + 1)
  }

  #readContext(context: unknown): void {
    for (const entry of Array.isArray(context) ? context : [context])
      if (isJsonObject(entry))
        for (const [prefix, value] of Object.entries(entry)) {
          const iri =
            typeof value === 'string'
              ? value
              : typeof value === 'object' && value !== null && '@id' in value
                ? (value as JsonObject)['@id']
                : undefined
          if (typeof iri === 'string' && /^[A-Za-z][\w.-]*$/.test(prefix) && /[/#:]$/.test(iri))
            this.#prefixes.set(prefix, iri)
        }
  }

  /** A property name or type → its compact name. */
  #name(raw: string): string {
    let name = this.#names.get(raw)
    if (name === undefined) {
      name = this.#canonicalName(raw)
      this.#names.set(raw, name)
    }
    return name
  }

  #canonicalName(raw: string): string {
    const alias = own(ALIASES, raw)
    if (alias !== undefined) return alias
    const terms = TERMS.exec(this.expand(raw))
    if (terms) {
      const prefix =
        own(NAMESPACE_PREFIXES, terms[1] as string) ?? `${(terms[1] as string).toLowerCase()}_`
      const name = `${prefix}${terms[2] as string}`
      return own(ALIASES, name) ?? name
    }
    return SOFTWARE_PROPERTIES.has(raw) ? `software_${raw}` : raw
  }

  #node(json: JsonObject, path: string, depth: number, topLevel: boolean): Node {
    const props = new Map<string, Value[]>()
    let type = ''
    let id: string | undefined
    for (const [rawKey, raw] of Object.entries(json)) {
      if (rawKey === '@context') continue
      const key = this.#name(rawKey)
      if (key === 'type') {
        type = this.#type(raw)
        continue
      }
      if (key === 'id') {
        const value = first(this.#values(raw, `${path}.${rawKey}`, depth))
        if (typeof value === 'string') id = this.expand(value)
        continue
      }
      const values = this.#values(raw, `${path}.${rawKey}`, depth)
      if (values.length === 0) continue
      const known = props.get(key)
      if (known) known.push(...values)
      else props.set(key, values)
    }
    const node: Node = { type, id, path, props }
    if (id !== undefined) {
      if (this.byId.has(id)) this.duplicates += 1
      else this.byId.set(id, node)
    }
    // An element written inside another (a supplier in place of its spdxId) is still an element;
    // it comes just before the element that holds it.
    if (topLevel || (id !== undefined && type !== '' && !STRUCTURED_VALUES.has(type)))
      this.elements.push(node)
    return node
  }

  #type(raw: unknown): string {
    const names = (Array.isArray(raw) ? raw : [raw])
      .filter((item): item is string => typeof item === 'string')
      .map((item) => this.#name(item))
    return names.find((name) => !name.includes(':')) ?? names[0] ?? ''
  }

  #values(raw: unknown, path: string, depth: number): Value[] {
    if (depth > MAX_DEPTH) return []
    if (Array.isArray(raw))
      return raw.flatMap((item, index) => this.#values(item, `${path}[${index}]`, depth + 1))
    if (typeof raw === 'string' || typeof raw === 'boolean') return [raw]
    if (typeof raw === 'number') return Number.isFinite(raw) ? [raw] : []
    if (typeof raw !== 'object' || raw === null) return []
    const json = raw as JsonObject
    if ('@value' in json) return this.#values(json['@value'], path, depth + 1)
    if ('@list' in json) return this.#values(json['@list'], path, depth + 1)
    const keys = Object.keys(json)
    if (keys.length === 1 && typeof json['@id'] === 'string') return [this.expand(json['@id'])]
    return [this.#node(json, path, depth + 1, false)]
  }
}

function first(values: readonly Value[] | undefined): Value | undefined {
  return values?.[0]
}

// --- Mapping tables ---

const HASH_ALGORITHMS: Readonly<Record<string, Enums.HashAlgorithm>> = {
  md5: Enums.HashAlgorithm.MD5,
  sha1: Enums.HashAlgorithm['SHA-1'],
  sha256: Enums.HashAlgorithm['SHA-256'],
  sha384: Enums.HashAlgorithm['SHA-384'],
  sha512: Enums.HashAlgorithm['SHA-512'],
  sha3_256: Enums.HashAlgorithm['SHA3-256'],
  sha3_384: Enums.HashAlgorithm['SHA3-384'],
  sha3_512: Enums.HashAlgorithm['SHA3-512'],
  blake2b256: Enums.HashAlgorithm['BLAKE2b-256'],
  blake2b384: Enums.HashAlgorithm['BLAKE2b-384'],
  blake2b512: Enums.HashAlgorithm['BLAKE2b-512'],
  blake3: Enums.HashAlgorithm.BLAKE3,
}

/**
 * software_primaryPurpose → component type, among the types every target (CycloneDX 1.2+) has:
 * a newer type (device-driver, data, machine-learning-model, platform) would make 1.4 output drop
 * the component. `exact: false` keeps the SPDX purpose as the property `spdx:primaryPurpose`.
 */
const PURPOSES: Readonly<Record<string, { type: Enums.ComponentType; exact: boolean }>> = {
  application: { type: Enums.ComponentType.Application, exact: true },
  framework: { type: Enums.ComponentType.Framework, exact: true },
  library: { type: Enums.ComponentType.Library, exact: true },
  container: { type: Enums.ComponentType.Container, exact: true },
  operatingSystem: { type: Enums.ComponentType.OperatingSystem, exact: true },
  device: { type: Enums.ComponentType.Device, exact: true },
  firmware: { type: Enums.ComponentType.Firmware, exact: true },
  file: { type: Enums.ComponentType.File, exact: true },
  executable: { type: Enums.ComponentType.Application, exact: false },
  install: { type: Enums.ComponentType.Application, exact: false },
  archive: { type: Enums.ComponentType.File, exact: false },
  filesystemImage: { type: Enums.ComponentType.File, exact: false },
  diskImage: { type: Enums.ComponentType.File, exact: false },
}

const EXTERNAL_REF_TYPES: Readonly<Record<string, Enums.ExternalReferenceType>> = {
  vcs: Enums.ExternalReferenceType.VCS,
  issueTracker: Enums.ExternalReferenceType.IssueTracker,
  altWebPage: Enums.ExternalReferenceType.Website,
  securityAdvisory: Enums.ExternalReferenceType.Advisories,
  mailingList: Enums.ExternalReferenceType.MailingList,
  socialMedia: Enums.ExternalReferenceType.Social,
  chat: Enums.ExternalReferenceType.Chat,
  documentation: Enums.ExternalReferenceType.Documentation,
  support: Enums.ExternalReferenceType.Support,
  altDownloadLocation: Enums.ExternalReferenceType.Distribution,
  license: Enums.ExternalReferenceType.License,
  buildMeta: Enums.ExternalReferenceType.BuildMeta,
  buildSystem: Enums.ExternalReferenceType.BuildSystem,
  releaseNotes: Enums.ExternalReferenceType.ReleaseNotes,
}

/** Relationship types that are a dependency edge: `from` depends on (or contains) each `to`. */
const DEPENDENCY_TYPES = new Set([
  'dependsOn',
  'contains',
  'hasStaticLink',
  'hasDynamicLink',
  'hasPrerequisite',
  'hasOptionalDependency',
  'hasProvidedDependency',
  'hasOptionalComponent',
])
const LICENSE_TYPES = new Set(['hasDeclaredLicense', 'hasConcludedLicense'])
/** Elements that gather others: their rootElement is what they describe. */
const COLLECTIONS = new Set(['SpdxDocument', 'software_Sbom', 'Bom', 'Bundle', 'ElementCollection'])
const AGENTS = new Set(['Agent', 'Person', 'Organization', 'SoftwareAgent', 'Tool'])
const RELATIONSHIPS = new Set(['Relationship', 'LifecycleScopedRelationship'])
/** Read where they are referenced (licences of components, agents, creation info). */
const REFERENCED_ONLY = new Set([
  ...AGENTS,
  'CreationInfo',
  'simplelicensing_LicenseExpression',
  'expandedlicensing_ListedLicense',
  'expandedlicensing_ListedLicenseException',
  'expandedlicensing_ConjunctiveLicenseSet',
  'expandedlicensing_DisjunctiveLicenseSet',
  'expandedlicensing_OrLaterOperator',
  'expandedlicensing_WithAdditionOperator',
  'expandedlicensing_NoAssertionLicense',
  'expandedlicensing_NoneLicense',
])
/** Licence elements whose text has no place in the output (SPDX 2: hasExtractedLicensingInfos). */
const LICENSE_TEXTS = new Set([
  'simplelicensing_SimpleLicensingText',
  'expandedlicensing_CustomLicense',
  'expandedlicensing_CustomLicenseAddition',
])
const SOURCE_PURPOSES = new Set(['source', 'patch'])
const NONE_REFERENCE =
  /(?:^|[/:_#])(NoneElement|NoAssertionElement|NoneLicense|NoAssertionLicense)$/

/** Keys mapped to CycloneDX fields or read as references, per kind of node. */
const MAPPED_KEYS = {
  artifact: new Set([
    'creationInfo',
    'name',
    'description',
    'summary',
    'verifiedUsing',
    'externalIdentifier',
    'externalRef',
    'suppliedBy',
    'originatedBy',
    'software_copyrightText',
    'software_primaryPurpose',
    'software_packageVersion',
    'software_packageUrl',
    'software_downloadLocation',
    'software_homePage',
  ]),
  document: new Set(['creationInfo', 'rootElement', 'element', 'dataLicense']),
  collection: new Set(['creationInfo', 'rootElement', 'element']),
  creationInfo: new Set(['created', 'createdBy', 'createdUsing', 'specVersion']),
}
/** Keys kept as `spdx:<name>` properties (the name without its profile prefix). */
const PROPERTY_KEYS = {
  artifact: [
    'comment',
    'builtTime',
    'releaseTime',
    'validUntilTime',
    'standardName',
    'supportLevel',
    'software_additionalPurpose',
    'software_attributionText',
    'software_sourceInfo',
    'software_fileKind',
    'contentType',
  ],
  document: ['name', 'comment', 'profileConformance'],
  collection: ['name', 'comment', 'profileConformance', 'software_sbomType'],
  creationInfo: ['comment'],
} as const
/** Property names on the document's metadata, where `spdx:name` alone would be unclear. */
const METADATA_PROPERTY_NAMES: Readonly<Record<string, string>> = {
  'document.name': 'spdx:documentName',
  'collection.name': 'spdx:sbomName',
  'collection.comment': 'spdx:sbomComment',
  'creationInfo.comment': 'spdx:creationInfoComment',
}

/** PROPERTY_KEYS with the property name each is written as. */
const PROPERTY_NAMES = Object.fromEntries(
  Object.entries(PROPERTY_KEYS).map(([kind, keys]) => [
    kind,
    keys.map((key) => [
      key,
      METADATA_PROPERTY_NAMES[`${kind}.${key}`] ?? `spdx:${key.replace(/^[a-z]+_/, '')}`,
    ]),
  ]),
) as unknown as Readonly<Record<keyof typeof PROPERTY_KEYS, readonly (readonly [string, string])[]>>

/** Values that mean "nothing said" in SPDX. */
const NO_VALUE = new Set(['NOASSERTION', 'NONE', ''])

export function readSpdx3JsonLd(
  file: string,
  document: JsonObject,
  options: SpdxReadOptions = {},
): Spdx3ReadResult {
  return new Spdx3Reader(file, document, options).read()
}

interface Agent {
  readonly kind: string
  readonly name: string
  readonly email: string | undefined
}

class Spdx3Reader {
  readonly #file: string
  readonly #document: JsonObject
  readonly #includeFiles: boolean
  readonly #graph: Graph
  readonly #bom = new Models.Bom()
  readonly #components = new Map<string, Models.Component>()
  readonly #leftOutFiles = new Set<string>()
  readonly #dropped: DroppedData[] = []
  readonly #notes: string[] = []
  #described: readonly Models.Component[] = []
  /** Component id → licence expressions, declared and concluded. */
  readonly #licenses = new Map<string, { declared: string[]; concluded: string[] }>()

  constructor(file: string, document: JsonObject, options: SpdxReadOptions) {
    this.#file = file
    this.#document = document
    this.#includeFiles = (options.files ?? DEFAULT_SPDX_FILES) === 'include'
    this.#graph = new Graph(document)
  }

  read(): Spdx3ReadResult {
    const graph = this.#graph
    graph.read(graphItems(this.#document))
    const elements = graph.elements
    if (elements.length === 0)
      throw new SbomError(this.#file, 'has no SPDX 3 elements: its @graph is empty.', {
        hint: 'Check that the generator finished writing the document (an SPDX 3 JSON-LD SBOM lists its packages and files in @graph).',
      })
    const packages = elements.filter((node) => node.type === 'software_Package')
    const files = elements.filter((node) => node.type === 'software_File')
    const documentNode = elements.find((node) => node.type === 'SpdxDocument')
    const relationships = elements.filter((node) => RELATIONSHIPS.has(node.type))
    const roots = this.#roots(documentNode, relationships)
    this.#refuseWithoutSoftware(packages.length, files.length, roots)
    if (graph.duplicates > 0)
      this.#notes.push(
        `${graph.duplicates} element(s) reuse an spdxId already given to another; the first element with that spdxId is the one read.`,
      )

    const specVersion = this.#metadata(documentNode, elements)
    const rootIds = new Set(roots)
    for (const node of packages) this.#artifact(node, 'package')
    for (const node of files) {
      // A file the document describes is what the SBOM is about: it stays whatever spdx-files says.
      if (!this.#includeFiles && node.id !== undefined && !rootIds.has(node.id))
        this.#leftOutFiles.add(node.id)
      else this.#artifact(node, 'file')
    }
    const root = this.#setRoot(roots)
    const { collapsed, intoFiles } = this.#relationships(relationships, rootIds)
    this.#applyLicenses()
    this.#reportOtherElements(elements)
    for (const component of this.#components.values())
      if (component !== root) this.#bom.components.add(component)
    const counts = countElements(
      {
        packages: packages.length,
        files: files.length,
        leftOut: this.#leftOutFiles.size,
        collapsed,
        intoFiles,
        relationships: relationships.length,
      },
      this.#notes,
    )
    return {
      bom: this.#bom,
      specVersion,
      dropped: this.#dropped,
      synthesized: SYNTHESIZED_TOOL_TYPE,
      described: this.#described,
      notes: this.#notes,
      ...counts,
    }
  }

  /** A document without software elements, or one about an AI model or a data set, is no SBOM here. */
  #refuseWithoutSoftware(packages: number, files: number, roots: readonly string[]): void {
    const others = new Map<string, number>()
    for (const node of this.#graph.elements)
      if (/^(ai|dataset)_/.test(node.type)) others.set(node.type, (others.get(node.type) ?? 0) + 1)
    const held = [...others].map(([type, count]) => `${type} ×${count}`).join(', ')
    const hint =
      'The action publishes software SBOMs: SPDX 3 software_Package / software_File elements (Core and Software profiles). For an AI model or a data set, publish the SBOM of the software that ships it.'
    if (packages + files === 0)
      throw new SbomError(
        this.#file,
        `has no software_Package or software_File element, so nothing to list as a component${held ? ` (it holds ${held})` : ''}.`,
        { hint },
      )
    if (packages > 0) return
    const rootTypes = roots.map((id) => this.#graph.byId.get(id)?.type ?? '')
    const aboutSoftware = rootTypes.some((type) => type === 'software_File')
    const profileRoot = rootTypes.find((type) => /^(ai|dataset)_/.test(type))
    if (!aboutSoftware && profileRoot !== undefined) {
      const rootNode = this.#graph.byId.get(roots[rootTypes.indexOf(profileRoot)] as string)
      const name = rootNode ? text(first(rootNode.props.get('name'))) : undefined
      throw new SbomError(
        this.#file,
        `is an SPDX 3 ${profileRoot.startsWith('ai_') ? 'AI' : 'Dataset'} profile document, not a software SBOM: it describes ${profileRoot}${name ? ` ${JSON.stringify(name.slice(0, 80))}` : ''} and has no software_Package; its ${files} software_File element(s) are that ${profileRoot.startsWith('ai_') ? "model's" : "data set's"} files. The AI and Dataset profiles have no mapping in this action.`,
        { hint },
      )
    }
  }

  // --- Metadata ---

  /** Timestamp, authors, tools and document properties; returns the spec version. */
  #metadata(documentNode: Node | undefined, elements: readonly Node[]): string {
    const metadata = this.#bom.metadata
    const fromContext = /spdx\.org\/rdf\/(3(?:\.\d+){0,2})\//.exec(
      JSON.stringify(this.#document['@context'] ?? ''),
    )?.[1]
    const infoRef = documentNode ? first(documentNode.props.get('creationInfo')) : undefined
    const info =
      this.#resolve(infoRef) ?? elements.find((node) => node.type === 'CreationInfo') ?? undefined
    if (documentNode) {
      this.#unmappedKeys(documentNode, 'document')
      this.#properties(metadata.properties, documentNode, 'document')
      if (documentNode.id !== undefined)
        metadata.properties.add(new Models.Property('spdx:documentId', documentNode.id))
    } else
      this.#notes.push(
        'the document has no SpdxDocument element: what it describes is taken from its software_Sbom (if any).',
      )
    for (const collection of elements.filter(
      (node) => COLLECTIONS.has(node.type) && node.type !== 'SpdxDocument',
    )) {
      this.#unmappedKeys(collection, 'collection')
      this.#properties(metadata.properties, collection, 'collection')
    }
    if (info === undefined || info.type !== 'CreationInfo') {
      this.#notes.push(
        `the document has no CreationInfo: no timestamp, authors or tools were taken from it; the spec version (${fromContext ?? '3'}) is the one its @context names.`,
      )
      return fromContext ?? '3'
    }
    this.#unmappedKeys(info, 'creationInfo')
    this.#properties(metadata.properties, info, 'creationInfo')
    const created = text(first(info.props.get('created')))
    const timestamp = created === undefined ? undefined : new Date(created)
    if (timestamp && !Number.isNaN(timestamp.getTime())) metadata.timestamp = timestamp
    for (const ref of info.props.get('createdBy') ?? []) {
      const agent = this.#agent(ref)
      if (agent === undefined) {
        const unresolved = this.#reference(ref)
        if (unresolved !== undefined)
          metadata.properties.add(new Models.Property('spdx:createdBy', unresolved))
      } else if (agent.kind === 'Organization')
        metadata.manufacture ??= new Models.OrganizationalEntity({ name: agent.name })
      else if (agent.kind === 'SoftwareAgent' || agent.kind === 'Tool')
        metadata.tools.components.add(toolComponent(agent.name))
      else
        metadata.authors.add(
          new Models.OrganizationalContact({ name: agent.name, email: agent.email }),
        )
    }
    for (const ref of info.props.get('createdUsing') ?? []) {
      const agent = this.#agent(ref)
      if (agent !== undefined) metadata.tools.components.add(toolComponent(agent.name))
      else {
        const unresolved = this.#reference(ref)
        if (unresolved !== undefined)
          metadata.properties.add(new Models.Property('spdx:createdUsing', unresolved))
      }
    }
    const version = text(first(info.props.get('specVersion')))
    return version !== undefined && /^3(\.\d+){0,2}$/.test(version)
      ? version
      : (fromContext ?? version ?? '3')
  }

  /** What the document describes, in order: rootElement (through Sbom/Bundle) and `describes`. */
  #roots(documentNode: Node | undefined, relationships: readonly Node[]): string[] {
    const roots: string[] = []
    const seen = new Set<string>()
    const collections = new Set<string>()
    const visit = (id: string, depth: number): void => {
      if (seen.has(id) || depth > 16) return
      seen.add(id)
      const node = this.#graph.byId.get(id)
      if (node !== undefined && COLLECTIONS.has(node.type)) {
        collections.add(id)
        for (const ref of node.props.get('rootElement') ?? []) {
          const next = this.#reference(ref)
          if (next !== undefined) visit(next, depth + 1)
        }
      } else roots.push(id)
    }
    const starts = documentNode
      ? [documentNode]
      : this.#graph.elements.filter((node) => COLLECTIONS.has(node.type))
    for (const start of starts) if (start.id !== undefined) visit(start.id, 0)
    for (const relationship of relationships) {
      if (vocabulary(first(relationship.props.get('relationshipType'))) !== 'describes') continue
      const from = this.#reference(first(relationship.props.get('from')))
      if (from === undefined || !collections.has(from)) continue
      for (const ref of relationship.props.get('to') ?? []) {
        const to = this.#reference(ref)
        if (to !== undefined && !NONE_REFERENCE.test(to)) visit(to, 1)
      }
    }
    return roots
  }

  #setRoot(roots: readonly string[]): Models.Component | undefined {
    const described = roots
      .map((id) => this.#components.get(id))
      .filter((component) => component !== undefined)
    if (described.length === 0) {
      if (roots.length > 0)
        this.#notes.push(
          `the document describes ${roots.length} element(s), none of them a software package or file read here: the IoT package depends on each top-level component instead.`,
        )
      return undefined
    }
    const { root, several } = describedRoot(described)
    if (root !== undefined) this.#bom.metadata.component = root
    this.#described = several
    return root
  }

  // --- Packages and files ---

  #artifact(node: Node, kind: 'package' | 'file'): void {
    const id = node.id
    const name = text(first(node.props.get('name')))
    const where = `${node.path}(${node.type})`
    if (id === undefined || name === undefined) {
      this.#drop(where, `an SPDX 3 ${kind} without spdxId or name cannot become a component`)
      return
    }
    this.#unmappedKeys(node, 'artifact')
    const purpose = vocabulary(first(node.props.get('software_primaryPurpose')))
    const mapped = purpose === undefined ? undefined : own(PURPOSES, purpose)
    const type =
      kind === 'file' ? Enums.ComponentType.File : (mapped?.type ?? Enums.ComponentType.Library)
    const description = value(first(node.props.get('description')))
    const summary = value(first(node.props.get('summary')))
    const originators = (node.props.get('originatedBy') ?? [])
      .map((ref) => this.#agent(ref)?.name)
      .filter((agent) => agent !== undefined)
    const component = new Models.Component(type, name, {
      bomRef: id,
      version: value(first(node.props.get('software_packageVersion'))),
      description: description ?? summary,
      copyright: value(first(node.props.get('software_copyrightText'))),
      author: originators.length > 0 ? originators.join(', ') : undefined,
      hashes: this.#hashes(node),
    })
    if (purpose !== undefined && (kind === 'file' ? purpose !== 'file' : !mapped?.exact))
      component.properties.add(new Models.Property('spdx:primaryPurpose', purpose))
    if (description !== undefined && summary !== undefined && summary !== description)
      component.properties.add(new Models.Property('spdx:summary', summary))
    const supplierRef = first(node.props.get('suppliedBy'))
    const supplier = this.#agent(supplierRef)
    if (supplier !== undefined) {
      component.supplier = new Models.OrganizationalEntity({ name: supplier.name })
      if (supplier.email !== undefined)
        component.supplier.contact.add(new Models.OrganizationalContact({ email: supplier.email }))
    } else if (this.#reference(supplierRef) !== undefined)
      component.properties.add(
        new Models.Property('spdx:suppliedBy', this.#reference(supplierRef) as string),
      )
    const purl = value(first(node.props.get('software_packageUrl')))
    if (purl !== undefined) component.purl = purl
    const download = value(first(node.props.get('software_downloadLocation')))
    if (download !== undefined)
      component.externalReferences.add(
        new Models.ExternalReference(download, Enums.ExternalReferenceType.Distribution),
      )
    const homepage = value(first(node.props.get('software_homePage')))
    if (homepage !== undefined)
      component.externalReferences.add(
        new Models.ExternalReference(homepage, Enums.ExternalReferenceType.Website),
      )
    this.#externalIdentifiers(component, node)
    this.#externalRefs(component, node)
    this.#properties(component.properties, node, 'artifact')
    this.#components.set(id, component)
  }

  #hashes(node: Node): Models.HashDictionary {
    const hashes = new Models.HashDictionary()
    for (const [index, entry] of (node.props.get('verifiedUsing') ?? []).entries()) {
      const method = entry as Node
      const algorithm =
        typeof entry === 'object' ? vocabulary(first(method.props.get('algorithm'))) : undefined
      const hash =
        typeof entry === 'object' ? text(first(method.props.get('hashValue'))) : undefined
      const mapped = algorithm === undefined ? undefined : own(HASH_ALGORITHMS, algorithm)
      const where = `${node.path}(${node.type}).verifiedUsing[${index}]`
      if (typeof entry === 'object' && method.type !== '' && method.type !== 'Hash')
        this.#drop(where, `SPDX 3 integrity method ${method.type} has no CycloneDX equivalent`)
      else if (mapped !== undefined && hash !== undefined) hashes.set(mapped, hash.toLowerCase())
      else
        this.#drop(
          where,
          `hash algorithm ${algorithm ?? '(none)'} has no CycloneDX equivalent${hash === undefined ? ' (or the hash has no value)' : ''}`,
        )
    }
    return hashes
  }

  #externalIdentifiers(component: Models.Component, node: Node): void {
    for (const [index, entry] of (node.props.get('externalIdentifier') ?? []).entries()) {
      if (typeof entry !== 'object') continue
      const type = vocabulary(first(entry.props.get('externalIdentifierType')))
      const identifier = text(first(entry.props.get('identifier')))
      if (identifier === undefined) {
        this.#drop(
          `${node.path}(${node.type}).externalIdentifier[${index}]`,
          'external identifier without an identifier',
        )
        continue
      }
      if ((type === 'packageUrl' || type === 'purl') && component.purl === undefined)
        component.purl = identifier
      else if (
        (type === 'cpe23' || type === 'cpe22') &&
        component.cpe === undefined &&
        isCPE(identifier)
      )
        component.cpe = identifier
      // A second purl or CPE, or a type CycloneDX has no field for: keep the fact as a property.
      else
        component.properties.add(
          new Models.Property(`spdx:externalIdentifier:${type ?? 'unknown'}`, identifier),
        )
    }
  }

  #externalRefs(component: Models.Component, node: Node): void {
    for (const [index, entry] of (node.props.get('externalRef') ?? []).entries()) {
      if (typeof entry !== 'object') continue
      const type = vocabulary(first(entry.props.get('externalRefType')))
      const locators = (entry.props.get('locator') ?? [])
        .map(text)
        .filter((locator) => locator !== undefined)
      if (locators.length === 0)
        this.#drop(
          `${node.path}(${node.type}).externalRef[${index}]`,
          'external reference without locator',
        )
      const mapped = type === undefined ? undefined : own(EXTERNAL_REF_TYPES, type)
      const comment = text(first(entry.props.get('comment')))
      for (const locator of locators)
        component.externalReferences.add(
          new Models.ExternalReference(locator, mapped ?? Enums.ExternalReferenceType.Other, {
            comment: mapped
              ? comment
              : `SPDX externalRef ${type ?? 'other'}${comment ? `: ${comment}` : ''}`,
          }),
        )
    }
  }

  // --- Relationships ---

  #relationships(
    relationships: readonly Node[],
    rootIds: ReadonlySet<string>,
  ): { collapsed: number; intoFiles: number } {
    const unmapped = new Map<
      string,
      { count: number; example: string; kind: 'dependency' | 'licence' }
    >()
    const count = (
      reason: string,
      example: string,
      kind: 'dependency' | 'licence' = 'dependency',
    ) => {
      const known = unmapped.get(reason)
      if (known) known.count += 1
      else unmapped.set(reason, { count: 1, example, kind })
    }
    const known = (id: string) => this.#components.has(id) || this.#leftOutFiles.has(id)
    const edges: DependencyEdge[] = []
    const scopes = new Map<string, number>()
    const builds = new Map<string, { inputs: string[]; outputs: string[] }>()
    for (const relationship of relationships) {
      const example = `${relationship.path}(${relationship.type})`
      const type = vocabulary(first(relationship.props.get('relationshipType')))
      const from = this.#reference(first(relationship.props.get('from')))
      const tos = (relationship.props.get('to') ?? [])
        .map((ref) => this.#reference(ref))
        .filter((to): to is string => to !== undefined && !NONE_REFERENCE.test(to))
      if (type === undefined || from === undefined) {
        count('without from or relationshipType', example)
        continue
      }
      if (type === 'describes') {
        if (!COLLECTIONS.has(this.#graph.byId.get(from)?.type ?? '') && !rootIds.has(from))
          count(`describes between elements`, example)
        continue
      }
      if (LICENSE_TYPES.has(type)) {
        if (this.#components.has(from)) this.#licenseRelationship(from, type, tos, example)
        else if (!this.#leftOutFiles.has(from))
          count(`${type} of ${this.#what(from)}`, example, 'licence')
        continue
      }
      const fromType = this.#graph.byId.get(from)?.type
      if ((type === 'hasInput' || type === 'hasOutput') && fromType === 'build_Build') {
        const build = builds.get(from) ?? { inputs: [], outputs: [] }
        builds.set(from, build)
        ;(type === 'hasInput' ? build.inputs : build.outputs).push(...tos)
        continue
      }
      if (!DEPENDENCY_TYPES.has(type)) {
        count(type, example)
        continue
      }
      const outside = [from, ...tos].find((id) => !known(id))
      if (outside !== undefined) count(`${type} to or from ${this.#what(outside)}`, example)
      for (const to of tos) {
        if (!known(from) || !known(to)) continue
        edges.push({ from, to })
        const scope = vocabulary(first(relationship.props.get('scope')))
        if (scope !== undefined) scopes.set(scope, (scopes.get(scope) ?? 0) + 1)
      }
    }
    this.#buildEdges(builds, edges, known)
    const result = collapseThroughFiles(edges, this.#leftOutFiles)
    for (const { from, to } of result.edges) {
      const dependent = this.#components.get(from)
      const dependency = this.#components.get(to)
      if (dependent && dependency && dependent !== dependency)
        dependent.dependencies.add(dependency.bomRef)
    }
    for (const [reason, { count: times, example, kind }] of unmapped)
      this.#drop(
        example,
        kind === 'licence'
          ? `${times} relationship(s) ${reason}: the licence has no component to go to`
          : `${times} relationship(s) ${reason} have no CycloneDX dependency equivalent`,
      )
    if (result.stranded > 0) this.#drop('$.@graph[](Relationship)', strandedReason(result.stranded))
    if (scopes.size > 0) {
      const listed = [...scopes].map(([scope, times]) => `${scope} ×${times}`).join(', ')
      this.#notes.push(
        `dependency relationships with a lifecycle scope (${listed}) became plain dependencies: CycloneDX dependencies have no scope.`,
      )
    }
    return result
  }

  /**
   * A build's outputs depend on its inputs (a rootfs on the packages installed in it, an image
   * file on its rootfs), except inputs that are sources or patches: an output generated from
   * source is provenance, not a dependency (as SPDX 2's GENERATED_FROM).
   */
  #buildEdges(
    builds: ReadonlyMap<string, { inputs: string[]; outputs: string[] }>,
    edges: DependencyEdge[],
    known: (id: string) => boolean,
  ): void {
    if (builds.size === 0) return
    let derived = 0
    let fromSource = 0
    let elsewhere = 0
    for (const { inputs, outputs } of builds.values())
      for (const output of outputs) {
        if (!known(output)) {
          elsewhere += inputs.length
          continue
        }
        for (const input of inputs) {
          const purpose = vocabulary(
            first(this.#graph.byId.get(input)?.props.get('software_primaryPurpose')),
          )
          if (purpose !== undefined && SOURCE_PURPOSES.has(purpose)) fromSource += 1
          else if (!known(input)) elsewhere += 1
          else {
            edges.push({ from: output, to: input })
            derived += 1
          }
        }
      }
    const example = this.#graph.elements.find((node) => node.type === 'build_Build')
    this.#drop(
      example ? `${example.path}(build_Build)` : '$.@graph[](build_Build)',
      `SPDX 3 Build profile: ${builds.size} build(s) with inputs or outputs are not components; ${derived} dependency edge(s) were derived from them (each output depends on the build's non-source inputs); ${fromSource} output-from-source pair(s) and ${elsewhere} pair(s) with an input or output that is not a component here have no CycloneDX dependency equivalent`,
    )
  }

  // --- Licences ---

  #licenseRelationship(from: string, type: string, tos: readonly string[], example: string): void {
    const expressions = tos
      .map((to) => this.#licenseExpression(to, 0, example))
      .filter((expression) => expression !== undefined)
    if (expressions.length === 0) return
    const entry = this.#licenses.get(from) ?? { declared: [], concluded: [] }
    this.#licenses.set(from, entry)
    ;(type === 'hasDeclaredLicense' ? entry.declared : entry.concluded).push(...expressions)
  }

  /** A licence element (or a listed licence's IRI) as an SPDX licence expression. */
  #licenseExpression(ref: string, depth: number, example: string): string | undefined {
    if (NONE_REFERENCE.test(ref) || depth > 32) return undefined
    const node = this.#graph.byId.get(ref)
    const listed = /^https?:\/\/spdx\.org\/licenses\/([A-Za-z0-9.+-]+)$/.exec(ref)?.[1]
    if (node === undefined) {
      if (listed !== undefined) return listed
      this.#drop(example, 'a licence that is not in this document cannot be named')
      return undefined
    }
    const props = node.props
    const member = (key: string) =>
      (props.get(key) ?? [])
        .map((item) => this.#reference(item))
        .filter((item) => item !== undefined)
        .map((item) => this.#licenseExpression(item, depth + 1, example))
        .filter((item) => item !== undefined)
    const one = (key: string) => member(key)[0]
    switch (node.type) {
      case 'simplelicensing_LicenseExpression':
        return value(first(props.get('simplelicensing_licenseExpression')))
      case 'expandedlicensing_ListedLicense':
      case 'expandedlicensing_ListedLicenseException':
        return listed ?? licenseRef('', lastSegment(ref), text(first(props.get('name'))))
      case 'expandedlicensing_CustomLicense':
        return licenseRef('LicenseRef-', lastSegment(ref), text(first(props.get('name'))))
      case 'expandedlicensing_CustomLicenseAddition':
        return licenseRef('AdditionRef-', lastSegment(ref), text(first(props.get('name'))))
      case 'expandedlicensing_ConjunctiveLicenseSet':
      case 'expandedlicensing_DisjunctiveLicenseSet': {
        const members = member('expandedlicensing_member')
        const operator = node.type.includes('Conjunctive') ? ' AND ' : ' OR '
        return members.length === 0 ? undefined : `(${members.join(operator)})`
      }
      case 'expandedlicensing_OrLaterOperator': {
        const subject = one('expandedlicensing_subjectLicense')
        return subject === undefined ? undefined : `${subject}+`
      }
      case 'expandedlicensing_WithAdditionOperator': {
        const subject = one('expandedlicensing_subjectExtendableLicense')
        const addition = one('expandedlicensing_subjectAddition')
        return subject === undefined
          ? undefined
          : addition === undefined
            ? subject
            : `${subject} WITH ${addition}`
      }
      default:
        this.#drop(example, `${node.type || 'an untyped element'} is not a licence`)
        return undefined
    }
  }

  /** Declared wins (what the author said); a different concluded licence is kept as a property. */
  #applyLicenses(): void {
    for (const [id, { declared, concluded }] of this.#licenses) {
      const component = this.#components.get(id) as Models.Component
      const join = (list: readonly string[]) =>
        list.length === 0 ? undefined : list.length === 1 ? list[0] : `(${list.join(') AND (')})`
      const declaredText = join([...new Set(declared)])
      const concludedText = join([...new Set(concluded)])
      const chosen = declaredText ?? concludedText
      if (chosen === undefined) continue
      component.licenses.add(
        isSupportedSpdxId(chosen)
          ? new Models.SpdxLicense(chosen)
          : new Models.LicenseExpression(chosen),
      )
      if (
        declaredText !== undefined &&
        concludedText !== undefined &&
        concludedText !== declaredText
      )
        component.properties.add(new Models.Property('spdx:licenseConcluded', concludedText))
    }
  }

  // --- What is not mapped ---

  /** Elements of types that are neither read nor referenced from what is read: one entry per type. */
  #reportOtherElements(elements: readonly Node[]): void {
    const handled = (type: string) =>
      type === 'software_Package' ||
      type === 'software_File' ||
      type === 'build_Build' ||
      COLLECTIONS.has(type) ||
      RELATIONSHIPS.has(type) ||
      REFERENCED_ONLY.has(type)
    const groups = new Map<string, { example: string; count: number }>()
    for (const node of elements) {
      if (handled(node.type)) continue
      const group = groups.get(node.type) ?? { example: `${node.path}(${node.type})`, count: 0 }
      groups.set(node.type, group)
      group.count += 1
    }
    for (const [type, { example, count }] of groups)
      this.#drop(example, `${whatIs(type)}${count > 1 ? ` (${count} in the document)` : ''}`)
  }

  #unmappedKeys(node: Node, kind: keyof typeof MAPPED_KEYS): void {
    const kept: readonly string[] = PROPERTY_KEYS[kind]
    for (const [key, values] of node.props)
      if (!MAPPED_KEYS[kind].has(key) && !kept.includes(key) && !values.every(saysNothing))
        this.#drop(`${node.path}(${node.type}).${key}`, 'SPDX 3 property with no CycloneDX mapping')
  }

  #properties(
    target: Models.PropertyRepository,
    node: Node,
    kind: keyof typeof PROPERTY_KEYS,
  ): void {
    for (const [key, name] of PROPERTY_NAMES[kind]) {
      const values = node.props.get(key)
      if (values === undefined) continue
      for (const item of values) {
        const shown = typeof item === 'object' ? undefined : String(vocabulary(item) ?? item)
        if (shown !== undefined && !NO_VALUE.has(shown.trim()))
          target.add(new Models.Property(name, shown))
      }
    }
  }

  // --- References ---

  /** A reference value (an IRI, or an element written in place) → the spdxId it names. */
  #reference(ref: Value | undefined): string | undefined {
    if (typeof ref === 'string') return this.#graph.expand(ref)
    if (typeof ref === 'object') return ref.id
    return undefined
  }

  #resolve(ref: Value | undefined): Node | undefined {
    if (typeof ref === 'object') return ref
    const id = this.#reference(ref)
    return id === undefined ? undefined : this.#graph.byId.get(id)
  }

  #agent(ref: Value | undefined): Agent | undefined {
    const node = this.#resolve(ref)
    if (node === undefined || !AGENTS.has(node.type)) return undefined
    const name = value(first(node.props.get('name')))
    if (name === undefined) return undefined
    const email = (node.props.get('externalIdentifier') ?? [])
      .filter((entry): entry is Node => typeof entry === 'object')
      .find((entry) => vocabulary(first(entry.props.get('externalIdentifierType'))) === 'email')
    return { kind: node.type, name, email: text(first(email?.props.get('identifier'))) }
  }

  /** "elements that are not components here (ai_AIPackage)" / "an element outside this document". */
  #what(id: string): string {
    const node = this.#graph.byId.get(id)
    return node === undefined
      ? 'an element outside this document'
      : `an element that is not a component here (${node.type || 'untyped'})`
  }

  #drop(example: string, reason: string): void {
    const path = shapeOf(example)
    if (!this.#dropped.some((entry) => entry.path === path && entry.reason === reason))
      this.#dropped.push({ path, example, reason })
  }
}

/** The nodes of the document: `@graph`, or the document itself when it is a single element. */
function graphItems(document: JsonObject): unknown[] {
  const graph = document['@graph']
  if (Array.isArray(graph)) return graph
  if (typeof graph === 'object' && graph !== null) return [graph]
  if (graph === undefined && ('type' in document || '@type' in document)) return [document]
  return []
}

/** Why an element of this type is not carried. */
function whatIs(type: string): string {
  if (type === '') return 'an SPDX 3 element without a type cannot be read'
  if (type === 'software_Snippet')
    return 'SPDX 3 software_Snippet (a part of a file) has no CycloneDX equivalent'
  if (type === 'Annotation') return 'SPDX 3 Annotation has no CycloneDX mapping here'
  if (LICENSE_TEXTS.has(type))
    return `SPDX 3 ${type}: the licence text is not carried (expressions name the licence)`
  const profile = /^([a-z]+)_/.exec(type)?.[1]
  const names: Readonly<Record<string, string>> = {
    ai: 'AI',
    dataset: 'Dataset',
    security: 'Security',
    build: 'Build',
    extension: 'Extension',
    simplelicensing: 'SimpleLicensing',
    expandedlicensing: 'ExpandedLicensing',
    software: 'Software',
  }
  const where = profile === undefined ? 'Core' : (own(names, profile) ?? profile)
  return `SPDX 3 ${where} profile element ${type} has no mapping in this action`
}

/** "tool-1.2.3" → name "tool", version "1.2.3" (SPDX 2 convention: split at the last dash before a digit). */
function toolComponent(name: string): Models.Component {
  const match = /^(.*?)-(\d[^\s]*)$/.exec(name)
  return new Models.Component(Enums.ComponentType.Application, match?.[1] ?? name, {
    version: match?.[2],
  })
}

function licenseRef(prefix: string, segment: string, name: string | undefined): string {
  const base = segment.replace(/^(LicenseRef-|AdditionRef-)/, '') || name || 'unnamed'
  return `${prefix}${base.replace(/[^A-Za-z0-9.-]+/g, '-')}`
}

function lastSegment(iri: string): string {
  return iri.slice(Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#'), iri.lastIndexOf(':')) + 1)
}

/**
 * `table[key]` when `key` is the table's own: a key from the input such as `__proto__` or
 * `constructor` must not reach Object.prototype.
 */
function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined
}

/** A vocabulary value (`dependsOn`, or its IRI in the expanded form) → its name. */
function vocabulary(raw: Value | undefined): string | undefined {
  if (typeof raw !== 'string') return undefined
  return VOCABULARY.exec(raw)?.[1] ?? raw
}

/**
 * A value that says nothing: a blank, NOASSERTION or NONE string, or an anonymous structured value
 * with nothing more in it. Leaving it out loses nothing, so it is not reported.
 */
function saysNothing(raw: Value): boolean {
  if (typeof raw === 'string') return NO_VALUE.has(raw.trim())
  if (typeof raw !== 'object') return false
  if (raw.id !== undefined) return false
  for (const values of raw.props.values()) if (!values.every(saysNothing)) return false
  return true
}

/** A string value, or undefined. */
function text(raw: Value | undefined): string | undefined {
  return typeof raw === 'string' ? raw : undefined
}

/** A string value that says something (not NOASSERTION / NONE / empty). */
function value(raw: Value | undefined): string | undefined {
  return typeof raw === 'string' && !NO_VALUE.has(raw.trim()) ? raw : undefined
}
