// CycloneDX JSON → the library's Models.Bom. The library serializes but has no deserializer, so
// this is ours. It is deliberately lenient: a value of the wrong type is skipped rather than
// fatal. Two mechanisms make sure nothing is lost without a word:
//  - what this reader refuses on purpose (a component of an unknown type, a dependency on a
//    bom-ref nobody has, an unparsable timestamp, …) is recorded here with its JSON path and why;
//  - everything else that does not reach the output (fields the library does not model, invalid
//    enum values, what the target spec cannot hold) is found by sbom/loss-report.ts, which
//    compares the input with the final output.
import * as Enums from '@cyclonedx/cyclonedx-library/Enums'
import * as Models from '@cyclonedx/cyclonedx-library/Models'
import { isCPE, isCWE } from '@cyclonedx/cyclonedx-library/Types'
import { PackageURL } from 'packageurl-js'
import { SbomError } from '../shared/errors.js'
import { asObject, asObjects, type JsonObject } from '../shared/json.js'
import { shapeOf, type DroppedData } from './loss.js'
import { isSpecVersion, SUPPORTED_SPEC_VERSIONS, type SpecVersion } from './spec-versions.js'

export interface ReadResult {
  readonly bom: Models.Bom
  readonly specVersion: SpecVersion
  /** The parsed input, for the before/after comparison. */
  readonly input: JsonObject
  /** What the reader refused on purpose, one entry per shape path and reason, with the values. */
  readonly dropped: readonly DroppedData[]
  /** Every refused input path, each a whole subtree the report must not count as lost again. */
  readonly refusedPaths: ReadonlySet<string>
  readonly notes: readonly string[]
}

const COMPONENT_TYPES = new Set<string>(Object.values(Enums.ComponentType))
const COMPONENT_SCOPES = new Set<string>(Object.values(Enums.ComponentScope))
const HASH_ALGORITHMS = new Set<string>(Object.values(Enums.HashAlgorithm))
const EXTERNAL_REFERENCE_TYPES = new Set<string>(Object.values(Enums.ExternalReferenceType))
const LIFECYCLE_PHASES = new Set<string>(Object.values(Enums.LifecyclePhase))
const LICENSE_ACKNOWLEDGEMENTS = new Set<string>(Object.values(Enums.LicenseAcknowledgement))

/** How many invalid purls a note quotes; the rest are counted. */
const PURL_EXAMPLES = 3

/** A parsed CycloneDX JSON document → the library's model, plus what was refused and why. */
export function readCycloneDxJson(file: string, input: JsonObject): ReadResult {
  if (input.bomFormat !== 'CycloneDX')
    throw new SbomError(
      file,
      `has bomFormat ${JSON.stringify(input.bomFormat) ?? '(missing)'}; a CycloneDX JSON document has "CycloneDX".`,
    )
  if (!isSpecVersion(input.specVersion))
    throw new SbomError(
      file,
      `declares CycloneDX specVersion ${JSON.stringify(input.specVersion) ?? '(missing)'}, which is not supported.`,
      { hint: `Supported: ${SUPPORTED_SPEC_VERSIONS.join(', ')}.` },
    )
  const reader = new CycloneDxReader()
  const bom = reader.read(input)
  return {
    bom,
    specVersion: input.specVersion,
    input,
    dropped: reader.refusals.entries(),
    refusedPaths: reader.refusals.paths,
    notes: reader.notes(),
  }
}

class CycloneDxReader {
  /** bom-ref value → the model's BomRef object; the library wires dependencies by object identity. */
  readonly #refs = new Map<string, Models.BomRef>()
  readonly #dependents = new Map<string, Models.BomRefRepository>()
  readonly #invalidPurls: string[] = []
  readonly refusals = new Refusals()

  read(input: JsonObject): Models.Bom {
    const bom = new Models.Bom()
    if (isPositiveInteger(input.version)) bom.version = input.version
    else if (!isBlank(input.version))
      this.#refuse(
        '$.version',
        'not a positive integer; the BOM is written with version 1',
        input.version,
      )
    if (typeof input.serialNumber === 'string') bom.serialNumber = input.serialNumber
    const metadata = asObject(input.metadata)
    if (metadata) this.#metadata(bom.metadata, metadata, '$.metadata')
    forEachObject(input.components, '$.components', (json, path) => {
      const model = this.#component(json, path, true)
      if (model) bom.components.add(model)
    })
    forEachObject(input.services, '$.services', (json, path) => {
      const model = this.#service(json, path, true)
      if (model) bom.services.add(model)
    })
    // Dependencies and vulnerability affects point at bom-refs: read them once all are known.
    forEachObject(input.dependencies, '$.dependencies', (json, path) =>
      this.#dependency(json, path),
    )
    forEachObject(input.vulnerabilities, '$.vulnerabilities', (json, path) =>
      bom.vulnerabilities.add(this.#vulnerability(json, path)),
    )
    return bom
  }

  notes(): string[] {
    const count = this.#invalidPurls.length
    if (count === 0) return []
    const shown = this.#invalidPurls.slice(0, PURL_EXAMPLES).join('; ')
    const more = count > PURL_EXAMPLES ? `; and ${count - PURL_EXAMPLES} more` : ''
    return [
      `${count} purl(s) do not parse as package URLs and are kept exactly as written: ${shown}${more}.`,
    ]
  }

  #refuse(path: string, reason: string, value?: unknown): void {
    this.refusals.add(path, reason, value)
  }

  #metadata(target: Models.Metadata, json: JsonObject, path: string): void {
    const timestamp = date(json.timestamp)
    if (timestamp) target.timestamp = timestamp
    else if (!isBlank(json.timestamp))
      this.#refuse(
        `${path}.timestamp`,
        'not a date-time; left out (the commit time is used when there is one)',
        json.timestamp,
      )
    for (const lifecycle of asObjects(json.lifecycles)) {
      if (typeof lifecycle.phase === 'string' && LIFECYCLE_PHASES.has(lifecycle.phase))
        target.lifecycles.add(lifecycle.phase as Enums.LifecyclePhase)
      else if (typeof lifecycle.name === 'string')
        target.lifecycles.add(
          new Models.NamedLifecycle(lifecycle.name, { description: str(lifecycle.description) }),
        )
    }
    this.#tools(target.tools, json.tools, `${path}.tools`)
    for (const author of asObjects(json.authors)) target.authors.add(contact(author))
    const component = asObject(json.component)
    if (component) target.component = this.#component(component, `${path}.component`, true)
    const manufacture = asObject(json.manufacture)
    if (manufacture) target.manufacture = entity(manufacture)
    const supplier = asObject(json.supplier)
    if (supplier) target.supplier = entity(supplier)
    addLicenses(target.licenses, json.licenses)
    addProperties(target.properties, json.properties)
  }

  /** ≤1.4: an array of tools; 1.5+: `{components, services}` (the array form is deprecated but valid). */
  #tools(target: Models.Tools, json: unknown, path: string): void {
    if (Array.isArray(json)) {
      for (const tool of asObjects(json))
        target.tools.add(
          new Models.Tool({
            vendor: str(tool.vendor),
            name: str(tool.name),
            version: str(tool.version),
            hashes: hashes(tool.hashes),
            externalReferences: externalReferences(tool.externalReferences),
          }),
        )
      return
    }
    const tools = asObject(json)
    if (!tools) return
    // Tool components/services describe the tools, not the product: their bom-refs are not
    // dependency targets, so they are not registered.
    forEachObject(tools.components, `${path}.components`, (component, itemPath) => {
      const model = this.#component(component, itemPath, false)
      if (model) target.components.add(model)
    })
    forEachObject(tools.services, `${path}.services`, (service, itemPath) => {
      const model = this.#service(service, itemPath, false)
      if (model) target.services.add(model)
    })
  }

  #component(json: JsonObject, path: string, register: boolean): Models.Component | undefined {
    const type = str(json.type)
    const name = str(json.name)
    if (type === undefined || !COMPONENT_TYPES.has(type)) {
      this.#refuse(
        path,
        `not a component type the CycloneDX library knows (${[...COMPONENT_TYPES].join(', ')}); the component and everything nested in it are left out`,
        json.type ?? '(no type)',
      )
      return undefined
    }
    if (name === undefined) {
      this.#refuse(path, 'a component without a name; it and everything nested in it are left out')
      return undefined
    }
    const scope = str(json.scope)
    const component = new Models.Component(type as Enums.ComponentType, name, {
      bomRef: str(json['bom-ref']),
      author: str(json.author),
      copyright: str(json.copyright),
      description: str(json.description),
      group: str(json.group),
      publisher: str(json.publisher),
      purl: this.#purl(json.purl, `${path}.purl`),
      scope:
        scope !== undefined && COMPONENT_SCOPES.has(scope)
          ? (scope as Enums.ComponentScope)
          : undefined,
      version: str(json.version),
      // The model's setter throws on a malformed CPE; leaving it out lets the report list it.
      cpe: isCPE(json.cpe) ? json.cpe : undefined,
      hashes: hashes(json.hashes),
      externalReferences: externalReferences(json.externalReferences),
    })
    const supplier = asObject(json.supplier)
    if (supplier) component.supplier = entity(supplier)
    addLicenses(component.licenses, json.licenses)
    addProperties(component.properties, json.properties)
    component.swid = swid(json.swid)
    component.evidence = evidence(json.evidence)
    if (register) this.#register(json['bom-ref'], component.bomRef, component.dependencies)
    forEachObject(json.components, `${path}.components`, (child, childPath) => {
      const model = this.#component(child, childPath, register)
      if (model) component.components.add(model)
    })
    return component
  }

  /** Kept as written either way (the model holds a string); an unparsable one is noted. */
  #purl(value: unknown, path: string): string | undefined {
    if (typeof value !== 'string') return undefined
    try {
      PackageURL.fromString(value)
    } catch (error) {
      this.#invalidPurls.push(`${path} ${JSON.stringify(value)} (${(error as Error).message})`)
    }
    return value
  }

  #service(json: JsonObject, path: string, register: boolean): Models.Service | undefined {
    const name = str(json.name)
    if (name === undefined) {
      this.#refuse(path, 'a service without a name; it and everything nested in it are left out')
      return undefined
    }
    const provider = asObject(json.provider)
    const service = new Models.Service(name, {
      bomRef: str(json['bom-ref']),
      group: str(json.group),
      version: str(json.version),
      description: str(json.description),
      provider: provider ? entity(provider) : undefined,
      externalReferences: externalReferences(json.externalReferences),
    })
    addLicenses(service.licenses, json.licenses)
    addProperties(service.properties, json.properties)
    if (register) this.#register(json['bom-ref'], service.bomRef, service.dependencies)
    forEachObject(json.services, `${path}.services`, (child, childPath) => {
      const model = this.#service(child, childPath, register)
      if (model) service.services.add(model)
    })
    return service
  }

  /** The first holder of a bom-ref value is what dependencies on it mean; enrich.ts renames later duplicates. */
  #register(value: unknown, bomRef: Models.BomRef, dependencies: Models.BomRefRepository): void {
    if (typeof value !== 'string' || this.#refs.has(value)) return
    this.#refs.set(value, bomRef)
    this.#dependents.set(value, dependencies)
  }

  #dependency(entry: JsonObject, path: string): void {
    const ref = str(entry.ref)
    const dependencies = ref === undefined ? undefined : this.#dependents.get(ref)
    if (dependencies === undefined) {
      // An entry with no edges (`"dependsOn": []`, as generators write for every leaf) loses no
      // edges: left out without a word, though still kept from the comparison.
      if (!hasEdges(entry)) this.refusals.skip(path)
      else if (ref === undefined) this.#refuse(path, 'a dependency entry without a ref')
      else
        this.#refuse(
          path,
          'its ref names no component or service of this BOM, so its edges have no source',
          ref,
        )
      return
    }
    forEachString(entry.dependsOn, `${path}.dependsOn`, (target, targetPath) => {
      const bomRef = this.#refs.get(target)
      if (target === ref)
        this.#refuse(
          targetPath,
          'a dependency of a component on itself (CycloneDX writes no self-edges)',
          target,
        )
      else if (bomRef) dependencies.add(bomRef)
      else this.#refuse(targetPath, 'names no component or service of this BOM', target)
    })
  }

  #vulnerability(json: JsonObject, path: string): Models.Vulnerability.Vulnerability {
    const V = Models.Vulnerability
    const vulnerability = new V.Vulnerability({
      bomRef: str(json['bom-ref']),
      id: str(json.id),
      source: source(json.source),
      description: str(json.description),
      detail: str(json.detail),
      recommendation: str(json.recommendation),
      created: date(json.created),
      published: date(json.published),
      updated: date(json.updated),
    })
    for (const reference of asObjects(json.references)) {
      const referenceSource = source(reference.source)
      if (typeof reference.id === 'string' && referenceSource)
        vulnerability.references.add(new V.Reference(reference.id, referenceSource))
    }
    for (const rating of asObjects(json.ratings))
      vulnerability.ratings.add(
        new V.Rating({
          source: source(rating.source),
          score: typeof rating.score === 'number' ? rating.score : undefined,
          severity: oneOf(rating.severity, Enums.Vulnerability.Severity),
          method: oneOf(rating.method, Enums.Vulnerability.RatingMethod),
          vector: str(rating.vector),
          justification: str(rating.justification),
        }),
      )
    if (Array.isArray(json.cwes))
      for (const cwe of json.cwes) if (isCWE(cwe)) vulnerability.cwes.add(cwe)
    for (const advisory of asObjects(json.advisories))
      if (typeof advisory.url === 'string')
        vulnerability.advisories.add(new V.Advisory(advisory.url, { title: str(advisory.title) }))
    const credits = asObject(json.credits)
    if (credits)
      vulnerability.credits = new V.Credits({
        organizations: new Models.OrganizationalEntityRepository(
          asObjects(credits.organizations).map(entity),
        ),
        individuals: new Models.OrganizationalContactRepository(
          asObjects(credits.individuals).map(contact),
        ),
      })
    this.#tools(vulnerability.tools, json.tools, `${path}.tools`)
    vulnerability.analysis = analysis(json.analysis)
    forEachObject(json.affects, `${path}.affects`, (affect, affectPath) => {
      const model = this.#affect(affect, affectPath)
      if (model) vulnerability.affects.add(model)
    })
    addProperties(vulnerability.properties, json.properties)
    return vulnerability
  }

  /** `affects` point at components or services by bom-ref: resolved to the model's own BomRef objects. */
  #affect(json: JsonObject, path: string): Models.Vulnerability.Affect | undefined {
    const target = typeof json.ref === 'string' ? this.#refs.get(json.ref) : undefined
    if (!target) {
      this.#refuse(
        path,
        'its ref names no component or service of this BOM',
        json.ref ?? '(no ref)',
      )
      return undefined
    }
    const model = new Models.Vulnerability.Affect(target)
    for (const version of asObjects(json.versions)) {
      const status = oneOf(version.status, Enums.Vulnerability.AffectStatus)
      if (typeof version.version === 'string')
        model.versions.add(
          new Models.Vulnerability.AffectedSingleVersion(version.version, { status }),
        )
      else if (typeof version.range === 'string')
        model.versions.add(new Models.Vulnerability.AffectedVersionRange(version.range, { status }))
    }
    return model
  }
}

/** How many refused values one report entry quotes. */
const QUOTED_VALUES = 3

/**
 * What the reader refused, grouped by shape path and reason so that 5,000 dangling dependency
 * refs make one report line (with a count and the first values), not 5,000.
 */
class Refusals {
  /** Every refused concrete path. */
  readonly paths = new Set<string>()
  readonly #groups = new Map<
    string,
    { example: string; reason: string; values: unknown[]; count: number }
  >()

  /** A path left out that loses nothing worth a report line (see #dependency): only kept from the comparison. */
  skip(path: string): void {
    this.paths.add(path)
  }

  add(path: string, reason: string, value?: unknown): void {
    this.paths.add(path)
    const key = `${shapeOf(path)}\n${reason}`
    const group = this.#groups.get(key) ?? { example: path, reason, values: [], count: 0 }
    this.#groups.set(key, group)
    group.count += 1
    if (value !== undefined && group.values.length < QUOTED_VALUES) group.values.push(value)
  }

  entries(): DroppedData[] {
    return [...this.#groups.values()].map(({ example, reason, values, count }) => {
      const quoted = values.map((value) => JSON.stringify(value)).join(', ')
      const more = count > values.length && values.length > 0 ? ', …' : ''
      const times = count > 1 ? ` (${count} times)` : ''
      return {
        path: shapeOf(example),
        example,
        reason: values.length > 0 ? `${reason}: ${quoted}${more}${times}` : `${reason}${times}`,
      }
    })
  }
}

function analysis(json: unknown): Models.Vulnerability.Analysis | undefined {
  const value = asObject(json)
  if (!value) return undefined
  const model = new Models.Vulnerability.Analysis({
    state: oneOf(value.state, Enums.Vulnerability.AnalysisState),
    justification: oneOf(value.justification, Enums.Vulnerability.AnalysisJustification),
    detail: str(value.detail),
  })
  for (const response of asStrings(value.response)) {
    const known = oneOf(response, Enums.Vulnerability.AnalysisResponse)
    if (known) model.response.add(known)
  }
  return model
}

function swid(json: unknown): Models.SWID | undefined {
  const value = asObject(json)
  if (!value || typeof value.tagId !== 'string' || typeof value.name !== 'string') return undefined
  return new Models.SWID(value.tagId, value.name, {
    version: str(value.version),
    patch: typeof value.patch === 'boolean' ? value.patch : undefined,
    url: str(value.url),
    text: attachment(value.text),
    // The model refuses a negative tagVersion; the report lists what is left out.
    tagVersion:
      Number.isInteger(value.tagVersion) && (value.tagVersion as number) >= 0
        ? (value.tagVersion as number)
        : undefined,
  })
}

/** The library models evidence licenses and copyright; identity, occurrences, callstack are reported. */
function evidence(json: unknown): Models.ComponentEvidence | undefined {
  const value = asObject(json)
  if (!value) return undefined
  const model = new Models.ComponentEvidence()
  addLicenses(model.licenses, value.licenses)
  for (const copyright of asObjects(value.copyright))
    if (typeof copyright.text === 'string') model.copyright.add(copyright.text)
  // An evidence with nothing the model holds would be written as `{}`: leave it to the report.
  return model.licenses.size > 0 || model.copyright.size > 0 ? model : undefined
}

function attachment(json: unknown): Models.Attachment | undefined {
  const value = asObject(json)
  if (!value || typeof value.content !== 'string') return undefined
  return new Models.Attachment(value.content, {
    contentType: str(value.contentType),
    encoding: value.encoding === 'base64' ? Enums.AttachmentEncoding.Base64 : undefined,
  })
}

function source(json: unknown): Models.Vulnerability.Source | undefined {
  const value = asObject(json)
  return value
    ? new Models.Vulnerability.Source({ name: str(value.name), url: str(value.url) })
    : undefined
}

function date(value: unknown): Date | undefined {
  const parsed = typeof value === 'string' ? new Date(value) : undefined
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : undefined
}

/** The value when it is one of the enum's values; the report lists what is left out. */
function oneOf<T extends string>(value: unknown, values: Record<string, T>): T | undefined {
  return typeof value === 'string' && (Object.values(values) as string[]).includes(value)
    ? (value as T)
    : undefined
}

function hashes(json: unknown): Models.HashDictionary {
  const dictionary = new Models.HashDictionary()
  for (const hash of asObjects(json))
    if (
      typeof hash.alg === 'string' &&
      HASH_ALGORITHMS.has(hash.alg) &&
      typeof hash.content === 'string'
    )
      dictionary.set(hash.alg as Enums.HashAlgorithm, hash.content)
  return dictionary
}

function externalReferences(json: unknown): Models.ExternalReferenceRepository {
  const repository = new Models.ExternalReferenceRepository()
  for (const reference of asObjects(json))
    if (
      typeof reference.url === 'string' &&
      typeof reference.type === 'string' &&
      EXTERNAL_REFERENCE_TYPES.has(reference.type)
    )
      repository.add(
        new Models.ExternalReference(reference.url, reference.type as Enums.ExternalReferenceType, {
          comment: str(reference.comment),
          hashes: hashes(reference.hashes),
        }),
      )
  return repository
}

/**
 * `{license: {id}}` → SpdxLicense, `{license: {name}}` → NamedLicense, `{expression}` →
 * LicenseExpression. The acknowledgement (1.6+) sits inside `license`, but beside `expression`.
 */
function addLicenses(target: Models.LicenseRepository, json: unknown): void {
  for (const choice of asObjects(json)) {
    if (typeof choice.expression === 'string' && choice.expression !== '') {
      const expression = new Models.LicenseExpression(choice.expression)
      expression.acknowledgement = licenseAcknowledgement(choice.acknowledgement)
      target.add(expression)
      continue
    }
    const license = asObject(choice.license)
    const model = license && disjunctiveLicense(license)
    if (model) target.add(model)
  }
}

function licenseAcknowledgement(json: unknown): Enums.LicenseAcknowledgement | undefined {
  const value = str(json)
  return value !== undefined && LICENSE_ACKNOWLEDGEMENTS.has(value)
    ? (value as Enums.LicenseAcknowledgement)
    : undefined
}

function disjunctiveLicense(license: JsonObject): Models.DisjunctiveLicense | undefined {
  const options = {
    url: str(license.url),
    acknowledgement: licenseAcknowledgement(license.acknowledgement),
    text: attachment(license.text),
  }
  // The library writes an id it does not know as a name; sbom/loss-report.ts then lists the id as
  // changed.
  let model: Models.DisjunctiveLicense | undefined
  if (typeof license.id === 'string' && license.id !== '')
    model = new Models.SpdxLicense(license.id, options)
  else if (typeof license.name === 'string') model = new Models.NamedLicense(license.name, options)
  if (model) addProperties(model.properties, license.properties)
  return model
}

function addProperties(target: Models.PropertyRepository, json: unknown): void {
  for (const property of asObjects(json))
    if (typeof property.name === 'string')
      target.add(
        new Models.Property(
          property.name,
          typeof property.value === 'string' ? property.value : '',
        ),
      )
}

function entity(json: JsonObject): Models.OrganizationalEntity {
  const model = new Models.OrganizationalEntity({ name: str(json.name) })
  for (const url of asStrings(json.url)) model.url.add(url)
  for (const person of asObjects(json.contact)) model.contact.add(contact(person))
  return model
}

function contact(json: JsonObject): Models.OrganizationalContact {
  return new Models.OrganizationalContact({
    name: str(json.name),
    email: str(json.email),
    phone: str(json.phone),
  })
}

/**
 * Whether a dependency entry says anything beyond its ref: some item of `dependsOn` or (1.6+)
 * `provides` that is not blank.
 */
function hasEdges(entry: JsonObject): boolean {
  return [entry.dependsOn, entry.provides].some((list) =>
    Array.isArray(list) ? list.some((item) => !isBlank(item)) : !isBlank(list),
  )
}

/** A value that says nothing (absent, null, a blank string): leaving it out is no loss to report. */
function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : []
}

/** Object items of an array with their JSON paths (sbom/loss-report.ts finds the others missing). */
function forEachObject(
  value: unknown,
  path: string,
  visit: (item: JsonObject, path: string) => void,
): void {
  if (!Array.isArray(value)) return
  value.forEach((item: unknown, index) => {
    const object = asObject(item)
    if (object) visit(object, `${path}[${index}]`)
  })
}

function forEachString(
  value: unknown,
  path: string,
  visit: (item: string, path: string) => void,
): void {
  if (!Array.isArray(value)) return
  value.forEach((item: unknown, index) => {
    if (typeof item === 'string') visit(item, `${path}[${index}]`)
  })
}
