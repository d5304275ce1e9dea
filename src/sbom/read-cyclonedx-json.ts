// CycloneDX JSON → the library's Models.Bom. The library serializes but has no deserializer, so
// this is ours. It is deliberately lenient: a value of the wrong type is skipped rather than
// fatal, because report.ts compares the input with the final output and lists everything that did
// not make it through, so nothing is lost without a word.
import * as Enums from '@cyclonedx/cyclonedx-library/Enums'
import * as Models from '@cyclonedx/cyclonedx-library/Models'
import { isCPE, isCWE } from '@cyclonedx/cyclonedx-library/Types'
import { SbomError } from '../shared/errors.js'
import { isSpecVersion, SUPPORTED_SPEC_VERSIONS, type SpecVersion } from './spec-versions.js'

type Json = Record<string, unknown>

export interface ReadResult {
  readonly bom: Models.Bom
  readonly specVersion: SpecVersion
  /** The parsed input, for the before/after comparison. */
  readonly input: Json
  /** dependsOn entries naming a bom-ref that no component or service has. */
  readonly unknownDependencyRefs: readonly string[]
}

const COMPONENT_TYPES = new Set<string>(Object.values(Enums.ComponentType))
const COMPONENT_SCOPES = new Set<string>(Object.values(Enums.ComponentScope))
const HASH_ALGORITHMS = new Set<string>(Object.values(Enums.HashAlgorithm))
const EXTERNAL_REFERENCE_TYPES = new Set<string>(Object.values(Enums.ExternalReferenceType))
const LIFECYCLE_PHASES = new Set<string>(Object.values(Enums.LifecyclePhase))
const LICENSE_ACKNOWLEDGEMENTS = new Set<string>(Object.values(Enums.LicenseAcknowledgement))

export function parseJsonDocument(file: string, text: string): Json {
  let parsed: unknown
  try {
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  } catch (error) {
    throw new SbomError(file, `is not valid JSON: ${(error as Error).message}`, {
      hint: 'Check that the SBOM step finished writing the file and that the path points at the SBOM.',
    })
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new SbomError(file, 'is JSON but not an object, so it cannot be an SBOM.')
  return parsed as Json
}

export function readCycloneDxJson(file: string, input: Json): ReadResult {
  if (!isSpecVersion(input.specVersion))
    throw new SbomError(
      file,
      `declares CycloneDX specVersion ${JSON.stringify(input.specVersion) ?? '(missing)'}, which is not supported.`,
      { hint: `Supported: ${SUPPORTED_SPEC_VERSIONS.join(', ')}.` },
    )

  const builder = new BomBuilder()
  const bom = builder.build(input)
  return {
    bom,
    specVersion: input.specVersion,
    input,
    unknownDependencyRefs: builder.unknownDependencyRefs,
  }
}

class BomBuilder {
  /** bom-ref value → the model's BomRef object; the library wires dependencies by object identity. */
  readonly #refs = new Map<string, Models.BomRef>()
  readonly #dependents = new Map<string, Models.BomRefRepository>()
  readonly unknownDependencyRefs: string[] = []

  build(input: Json): Models.Bom {
    const bom = new Models.Bom()
    if (typeof input.version === 'number' && Number.isInteger(input.version) && input.version > 0)
      bom.version = input.version
    if (typeof input.serialNumber === 'string') bom.serialNumber = input.serialNumber
    const metadata = asObject(input.metadata)
    if (metadata) this.#metadata(bom.metadata, metadata)
    for (const component of asObjects(input.components)) {
      const model = this.#component(component)
      if (model) bom.components.add(model)
    }
    for (const service of asObjects(input.services)) {
      const model = this.#service(service)
      if (model) bom.services.add(model)
    }
    this.#wireDependencies(asObjects(input.dependencies))
    for (const vulnerability of asObjects(input.vulnerabilities))
      bom.vulnerabilities.add(this.#vulnerability(vulnerability))
    return bom
  }

  /** `affects` point at components by bom-ref: resolved to the model's own BomRef objects. */
  #vulnerability(json: Json): Models.Vulnerability.Vulnerability {
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
    this.#tools(vulnerability.tools, json.tools)
    const analysis = asObject(json.analysis)
    if (analysis) {
      vulnerability.analysis = new V.Analysis({
        state: oneOf(analysis.state, Enums.Vulnerability.AnalysisState),
        justification: oneOf(analysis.justification, Enums.Vulnerability.AnalysisJustification),
        detail: str(analysis.detail),
      })
      for (const response of asStrings(analysis.response)) {
        const known = oneOf(response, Enums.Vulnerability.AnalysisResponse)
        if (known) vulnerability.analysis.response.add(known)
      }
    }
    for (const affect of asObjects(json.affects)) {
      const target = typeof affect.ref === 'string' ? this.#refs.get(affect.ref) : undefined
      if (!target) {
        if (typeof affect.ref === 'string') this.unknownDependencyRefs.push(affect.ref)
        continue
      }
      const model = new V.Affect(target)
      for (const version of asObjects(affect.versions)) {
        const status = oneOf(version.status, Enums.Vulnerability.AffectStatus)
        if (typeof version.version === 'string')
          model.versions.add(new V.AffectedSingleVersion(version.version, { status }))
        else if (typeof version.range === 'string')
          model.versions.add(new V.AffectedVersionRange(version.range, { status }))
      }
      vulnerability.affects.add(model)
    }
    addProperties(vulnerability.properties, json.properties)
    return vulnerability
  }

  #metadata(target: Models.Metadata, json: Json): void {
    const timestamp = typeof json.timestamp === 'string' ? new Date(json.timestamp) : undefined
    if (timestamp && !Number.isNaN(timestamp.getTime())) target.timestamp = timestamp
    for (const lifecycle of asObjects(json.lifecycles)) {
      if (typeof lifecycle.phase === 'string' && LIFECYCLE_PHASES.has(lifecycle.phase))
        target.lifecycles.add(lifecycle.phase as Enums.LifecyclePhase)
      else if (typeof lifecycle.name === 'string')
        target.lifecycles.add(
          new Models.NamedLifecycle(lifecycle.name, { description: str(lifecycle.description) }),
        )
    }
    this.#tools(target.tools, json.tools)
    for (const author of asObjects(json.authors)) target.authors.add(contact(author))
    const component = asObject(json.component)
    if (component) target.component = this.#component(component)
    const manufacture = asObject(json.manufacture)
    if (manufacture) target.manufacture = entity(manufacture)
    const supplier = asObject(json.supplier)
    if (supplier) target.supplier = entity(supplier)
    addLicenses(target.licenses, json.licenses)
    addProperties(target.properties, json.properties)
  }

  /** ≤1.4: an array of tools; 1.5+: `{components, services}` (the array form is deprecated but valid). */
  #tools(target: Models.Tools, json: unknown): void {
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
    // Tool components/services live outside the BOM's component tree: no bom-ref registration.
    for (const component of asObjects(tools.components)) {
      const model = buildComponent(component, undefined)
      if (model) target.components.add(model)
    }
    for (const service of asObjects(tools.services)) {
      const model = buildService(service, undefined)
      if (model) target.services.add(model)
    }
  }

  #component(json: Json): Models.Component | undefined {
    return buildComponent(json, this)
  }

  #service(json: Json): Models.Service | undefined {
    return buildService(json, this)
  }

  /** Registers a bom-ref so dependencies can point at the model's own BomRef object. */
  register(
    value: string | undefined,
    bomRef: Models.BomRef,
    dependencies: Models.BomRefRepository,
  ): void {
    if (value === undefined || this.#refs.has(value)) return
    this.#refs.set(value, bomRef)
    this.#dependents.set(value, dependencies)
  }

  #wireDependencies(entries: Json[]): void {
    for (const entry of entries) {
      const ref = str(entry.ref)
      const dependencies = ref === undefined ? undefined : this.#dependents.get(ref)
      if (ref === undefined) continue
      if (dependencies === undefined) {
        this.unknownDependencyRefs.push(ref)
        continue
      }
      for (const target of asStrings(entry.dependsOn)) {
        const bomRef = this.#refs.get(target)
        if (bomRef) dependencies.add(bomRef)
        else this.unknownDependencyRefs.push(target)
      }
    }
  }
}

function buildComponent(
  json: Json,
  registry: BomBuilder | undefined,
): Models.Component | undefined {
  const type = str(json.type)
  const name = str(json.name)
  if (type === undefined || !COMPONENT_TYPES.has(type) || name === undefined) return undefined
  const scope = str(json.scope)
  const component = new Models.Component(type as Enums.ComponentType, name, {
    bomRef: str(json['bom-ref']),
    author: str(json.author),
    copyright: str(json.copyright),
    description: str(json.description),
    group: str(json.group),
    publisher: str(json.publisher),
    purl: str(json.purl),
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
  const swid = asObject(json.swid)
  if (swid && typeof swid.tagId === 'string' && typeof swid.name === 'string')
    component.swid = new Models.SWID(swid.tagId, swid.name, {
      version: str(swid.version),
      patch: typeof swid.patch === 'boolean' ? swid.patch : undefined,
      url: str(swid.url),
      tagVersion:
        Number.isInteger(swid.tagVersion) && (swid.tagVersion as number) >= 0
          ? (swid.tagVersion as number)
          : undefined,
    })
  const evidence = asObject(json.evidence)
  if (evidence) {
    const modelled = new Models.ComponentEvidence()
    addLicenses(modelled.licenses, evidence.licenses)
    for (const copyright of asObjects(evidence.copyright))
      if (typeof copyright.text === 'string') modelled.copyright.add(copyright.text)
    component.evidence = modelled
  }
  registry?.register(str(json['bom-ref']), component.bomRef, component.dependencies)
  for (const child of asObjects(json.components)) {
    const model = buildComponent(child, registry)
    if (model) component.components.add(model)
  }
  return component
}

function buildService(json: Json, registry: BomBuilder | undefined): Models.Service | undefined {
  const name = str(json.name)
  if (name === undefined) return undefined
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
  registry?.register(str(json['bom-ref']), service.bomRef, service.dependencies)
  for (const child of asObjects(json.services)) {
    const model = buildService(child, registry)
    if (model) service.services.add(model)
  }
  return service
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

function addLicenses(target: Models.LicenseRepository, json: unknown): void {
  for (const choice of asObjects(json)) {
    const acknowledgement = str(choice.acknowledgement)
    const known = acknowledgement !== undefined && LICENSE_ACKNOWLEDGEMENTS.has(acknowledgement)
    if (typeof choice.expression === 'string') {
      const expression = new Models.LicenseExpression(choice.expression)
      if (known) expression.acknowledgement = acknowledgement as Enums.LicenseAcknowledgement
      target.add(expression)
      continue
    }
    const license = asObject(choice.license)
    if (!license) continue
    const text = asObject(license.text)
    const options = {
      url: str(license.url),
      acknowledgement: known ? (acknowledgement as Enums.LicenseAcknowledgement) : undefined,
      text:
        text && typeof text.content === 'string'
          ? new Models.Attachment(text.content, {
              contentType: str(text.contentType),
              encoding: text.encoding === 'base64' ? Enums.AttachmentEncoding.Base64 : undefined,
            })
          : undefined,
    }
    // The library writes an id it does not know as a name; report.ts then lists the id as changed.
    let model: Models.DisjunctiveLicense | undefined
    if (typeof license.id === 'string') model = new Models.SpdxLicense(license.id, options)
    else if (typeof license.name === 'string')
      model = new Models.NamedLicense(license.name, options)
    if (!model) continue
    addProperties(model.properties, license.properties)
    target.add(model)
  }
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

function entity(json: Json): Models.OrganizationalEntity {
  const model = new Models.OrganizationalEntity({ name: str(json.name) })
  for (const url of asStrings(json.url)) model.url.add(url)
  for (const person of asObjects(json.contact)) model.contact.add(contact(person))
  return model
}

function contact(json: Json): Models.OrganizationalContact {
  return new Models.OrganizationalContact({
    name: str(json.name),
    email: str(json.email),
    phone: str(json.phone),
  })
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : undefined
}

function asObjects(value: unknown): Json[] {
  return Array.isArray(value)
    ? value.filter((item): item is Json => asObject(item) !== undefined)
    : []
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : []
}
