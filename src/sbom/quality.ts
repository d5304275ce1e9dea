// SBOM quality: how much of a regulator's minimum elements a normalized CycloneDX document
// carries. Profiles are data (a list of rules); a rule names one check from a small closed set,
// so a new profile or a new document/version of a guideline is a table edit, not new code.
//
// Decisions (stated once, here):
// - Components are every entry of `components`, nested `components` included, of any type
//   (`file` too). `metadata.component` — the IoT package this action wraps the SBOM in — is the
//   subject of the document, not one of its components, and is not counted.
// - "Dependency relationship" is met by a component whose bom-ref is a `dependencies[].ref`:
//   its relationships are stated, an empty `dependsOn` included, since CycloneDX (1.4 and later,
//   "dependencies") asks that components without dependencies be declared as empty entries of
//   the graph. Being only the target of someone else's `dependsOn` states nothing about the
//   component's own dependencies.
// - A component-scope element over zero components is left out of the score (nothing to
//   measure); document-scope elements are always measured, so the score is always defined.
// - The score is floored, so 100 means every element fully present.
// - One pass over the components: the dependency refs are collected first (one pass over
//   `dependencies`), then every component is checked against every rule of the profile.
import { asObject, asObjects, isJsonObject, type JsonObject } from '../shared/json.js'

export type QualityProfileName = 'none' | 'ntia-2021' | 'cisa-2025' | 'bsi-tr-03183-2'

export const QUALITY_PROFILE_NAMES: readonly QualityProfileName[] = Object.freeze([
  'none',
  'ntia-2021',
  'cisa-2025',
  'bsi-tr-03183-2',
])

export interface ElementCoverage {
  readonly id: string
  readonly label: string
  readonly citation: string
  readonly scope: 'document' | 'component'
  readonly present: number
  readonly total: number
  readonly firstMissing: readonly string[]
}

export interface QualityResult {
  readonly profile: Exclude<QualityProfileName, 'none'>
  readonly score: number
  readonly elements: readonly ElementCoverage[]
  readonly notes: readonly string[]
}

/** The checks a rule may name. Component checks look at one component; document checks at the whole document. */
export type ComponentCheck =
  | { readonly kind: 'supplier' } // supplier.name, manufacturer.name or publisher
  | { readonly kind: 'name' }
  | { readonly kind: 'version' }
  | { readonly kind: 'uniqueId' } // purl, cpe or swid.tagId
  | { readonly kind: 'hash' } // any hashes[] entry with a content
  | { readonly kind: 'strongHash'; readonly algs: readonly string[] } // component or distribution-reference hash of one of algs
  | { readonly kind: 'license' } // licenses[] with an id, a name or an expression
  | { readonly kind: 'licenseAck'; readonly ack: 'concluded' | 'declared' } // a licence with that acknowledgement (1.6+)
  | { readonly kind: 'inDependencies' }
  | { readonly kind: 'creatorContact' } // manufacturer/supplier url or contact email, or an author's email
  | { readonly kind: 'property'; readonly name: string } // a properties[] entry of that name with a value
  | { readonly kind: 'externalRef'; readonly type: string } // an externalReferences[] entry of that type with a url

export type DocumentCheck =
  | { readonly kind: 'sbomAuthor' } // metadata.authors, manufacture(r) or supplier
  | { readonly kind: 'timestamp' }
  | { readonly kind: 'toolName' } // metadata.tools, legacy array or 1.5+ object
  | { readonly kind: 'generationContext' } // metadata.lifecycles (1.5+)
  | { readonly kind: 'sbomCreatorContact' } // an email or url of metadata.authors/manufacture(r)/supplier
  | { readonly kind: 'serialNumber' }
  | { readonly kind: 'specVersionFloor'; readonly min: string; readonly by: string } // by: who asks, for the note

export type QualityRule =
  | {
      readonly id: string
      readonly label: string
      readonly citation: string
      readonly scope: 'component'
      readonly check: ComponentCheck
    }
  | {
      readonly id: string
      readonly label: string
      readonly citation: string
      readonly scope: 'document'
      readonly check: DocumentCheck
    }

const NTIA =
  'NTIA, The Minimum Elements For a Software Bill of Materials (July 2021), "Data Fields"'
const CISA =
  'CISA, 2025 Minimum Elements for a Software Bill of Materials (SBOM), draft for public comment (August 2025), "Data Fields"'
const BSI = 'BSI TR-03183-2, Cyber Resilience Requirements, Part 2: SBOM, v2.1.0 (2025-08-20)'

/** BSI TR-03183-2 v2.1.0 §4: the oldest CycloneDX version it accepts. */
const BSI_MIN_SPEC = '1.6'

type Rule = QualityRule
const c = (id: string, label: string, citation: string, check: ComponentCheck): Rule => ({
  id,
  label,
  citation,
  scope: 'component',
  check,
})
const d = (id: string, label: string, citation: string, check: DocumentCheck): Rule => ({
  id,
  label,
  citation,
  scope: 'document',
  check,
})

/** The profiles. An id means the same check in every profile; only label and citation vary. */
export const QUALITY_PROFILES: Readonly<
  Record<Exclude<QualityProfileName, 'none'>, readonly Rule[]>
> = {
  'ntia-2021': [
    c('supplier', 'Supplier name', `${NTIA}, Supplier Name`, { kind: 'supplier' }),
    c('name', 'Component name', `${NTIA}, Component Name`, { kind: 'name' }),
    c('version', 'Component version', `${NTIA}, Version of the Component`, { kind: 'version' }),
    c(
      'unique-id',
      'Other unique identifier (purl, CPE or SWID)',
      `${NTIA}, Other Unique Identifiers`,
      {
        kind: 'uniqueId',
      },
    ),
    c('dependencies', 'Dependency relationship', `${NTIA}, Dependency Relationship`, {
      kind: 'inDependencies',
    }),
    d('sbom-author', 'Author of SBOM data', `${NTIA}, Author of SBOM Data`, { kind: 'sbomAuthor' }),
    d('timestamp', 'Timestamp', `${NTIA}, Timestamp`, { kind: 'timestamp' }),
  ],
  'cisa-2025': [
    d('sbom-author', 'SBOM author', `${CISA}, SBOM Author`, { kind: 'sbomAuthor' }),
    c('supplier', 'Software producer', `${CISA}, Software Producer`, { kind: 'supplier' }),
    c('name', 'Component name', `${CISA}, Component Name`, { kind: 'name' }),
    c('version', 'Component version', `${CISA}, Component Version`, { kind: 'version' }),
    c('unique-id', 'Software identifier (purl, CPE or SWID)', `${CISA}, Software Identifiers`, {
      kind: 'uniqueId',
    }),
    c('hash', 'Component hash', `${CISA}, Component Hash`, { kind: 'hash' }),
    c('license', 'License', `${CISA}, License`, { kind: 'license' }),
    c('dependencies', 'Dependency relationship', `${CISA}, Dependency Relationship`, {
      kind: 'inDependencies',
    }),
    d('tool-name', 'Tool name', `${CISA}, Tool Name`, { kind: 'toolName' }),
    d('timestamp', 'Timestamp', `${CISA}, Timestamp`, { kind: 'timestamp' }),
    d('generation-context', 'Generation context (lifecycle phase)', `${CISA}, Generation Context`, {
      kind: 'generationContext',
    }),
  ],
  'bsi-tr-03183-2': [
    d('format-version', `CycloneDX ${BSI_MIN_SPEC} or later`, `${BSI}, §4 (SBOM formats)`, {
      kind: 'specVersionFloor',
      min: BSI_MIN_SPEC,
      by: 'BSI TR-03183-2 v2.1.0',
    }),
    d(
      'sbom-creator-contact',
      'Creator of the SBOM (email or URL)',
      `${BSI}, §5.2.1, Creator of the SBOM`,
      {
        kind: 'sbomCreatorContact',
      },
    ),
    d('timestamp', 'Timestamp', `${BSI}, §5.2.1, Timestamp`, { kind: 'timestamp' }),
    d('sbom-uri', 'SBOM-URI (serial number)', `${BSI}, §5.2.1, SBOM-URI`, { kind: 'serialNumber' }),
    c('creator-contact', 'Component creator (email or URL)', `${BSI}, §5.2.2, Component creator`, {
      kind: 'creatorContact',
    }),
    c('name', 'Component name', `${BSI}, §5.2.2, Component name`, { kind: 'name' }),
    c('version', 'Component version', `${BSI}, §5.2.2, Component version`, { kind: 'version' }),
    c(
      'filename',
      'Filename (bsi:component:filename)',
      `${BSI}, §5.2.2, Filename of the component`,
      {
        kind: 'property',
        name: 'bsi:component:filename',
      },
    ),
    c(
      'dependencies',
      'Dependencies on other components',
      `${BSI}, §5.2.2, Dependencies on other components`,
      {
        kind: 'inDependencies',
      },
    ),
    c(
      'distribution-license',
      'Distribution licence (concluded)',
      `${BSI}, §5.2.2, Distribution licences`,
      {
        kind: 'licenseAck',
        ack: 'concluded',
      },
    ),
    c(
      'sha512',
      'SHA-512 of the deployable component',
      `${BSI}, §5.2.2, Hash value of the deployable component`,
      {
        kind: 'strongHash',
        algs: ['SHA-512'],
      },
    ),
    c(
      'executable',
      'Executable property (bsi:component:executable)',
      `${BSI}, §5.2.2, Executable property`,
      {
        kind: 'property',
        name: 'bsi:component:executable',
      },
    ),
    c('archive', 'Archive property (bsi:component:archive)', `${BSI}, §5.2.2, Archive property`, {
      kind: 'property',
      name: 'bsi:component:archive',
    }),
    c(
      'structured',
      'Structured property (bsi:component:structured)',
      `${BSI}, §5.2.2, Structured property`,
      {
        kind: 'property',
        name: 'bsi:component:structured',
      },
    ),
    c('source-uri', 'Source code URI', `${BSI}, §5.2.2, Source code URI`, {
      kind: 'externalRef',
      type: 'source-distribution',
    }),
    c(
      'deployable-uri',
      'URI of the deployable form',
      `${BSI}, §5.2.2, URI of the deployable form`,
      {
        kind: 'externalRef',
        type: 'distribution',
      },
    ),
    c(
      'unique-id',
      'Other unique identifier (purl, CPE or SWID)',
      `${BSI}, §5.2.2, Other unique identifiers`,
      {
        kind: 'uniqueId',
      },
    ),
    c('original-license', 'Original licence (declared)', `${BSI}, §5.2.2, Original licences`, {
      kind: 'licenseAck',
      ack: 'declared',
    }),
  ],
}

/** Every element id, once, in profile order. */
export const QUALITY_ELEMENT_IDS: readonly string[] = Object.freeze([
  ...new Set(Object.values(QUALITY_PROFILES).flatMap((rules) => rules.map((rule) => rule.id))),
])

/** The CycloneDX version a check's field first appears in, for checks younger than 1.2. */
const FIELD_SINCE: Partial<Record<ComponentCheck['kind'] | DocumentCheck['kind'], string>> = {
  generationContext: '1.5', // metadata.lifecycles
  licenseAck: '1.6', // licenses[].acknowledgement
}

const MISSING_SHOWN = 5

// ---------------------------------------------------------------------------------------------
// Small readers

function nonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== ''
}

function hasName(value: unknown): boolean {
  return isJsonObject(value) && nonEmptyString(value.name)
}

/** An organizationalEntity's url or a contact's email, or an organizationalContact's email. */
function entityHasContact(value: unknown): boolean {
  if (!isJsonObject(value)) return false
  if (nonEmptyString(value.email)) return true
  const urls = value.url
  if (Array.isArray(urls) ? urls.some(nonEmptyString) : nonEmptyString(urls)) return true
  const contacts = value.contact
  return (
    Array.isArray(contacts) &&
    contacts.some((contact) => isJsonObject(contact) && nonEmptyString(contact.email))
  )
}

function anyHas(list: unknown, test: (item: unknown) => boolean): boolean {
  return Array.isArray(list) && list.some(test)
}

function hashesHave(list: unknown, algs: readonly string[] | undefined): boolean {
  if (!Array.isArray(list)) return false
  for (const hash of list) {
    if (!isJsonObject(hash) || !nonEmptyString(hash.content)) continue
    if (algs === undefined) return true
    if (typeof hash.alg === 'string' && algs.includes(hash.alg.toUpperCase())) return true
  }
  return false
}

function specMinor(specVersion: unknown): number {
  if (typeof specVersion !== 'string') return -1
  const match = /^1\.(\d+)$/.exec(specVersion.trim())
  return match ? Number(match[1]) : -1
}

// ---------------------------------------------------------------------------------------------
// The checks

export function checkComponent(
  component: JsonObject,
  check: ComponentCheck,
  dependencyRefs: ReadonlySet<string>,
): boolean {
  switch (check.kind) {
    case 'supplier':
      return (
        hasName(component.supplier) ||
        hasName(component.manufacturer) ||
        nonEmptyString(component.publisher)
      )
    case 'name':
      return nonEmptyString(component.name)
    case 'version':
      return nonEmptyString(component.version)
    case 'uniqueId':
      return (
        nonEmptyString(component.purl) ||
        nonEmptyString(component.cpe) ||
        (isJsonObject(component.swid) && nonEmptyString(component.swid.tagId))
      )
    case 'hash':
      return hashesHave(component.hashes, undefined)
    case 'strongHash':
      return (
        hashesHave(component.hashes, check.algs) ||
        anyHas(
          component.externalReferences,
          (ref) =>
            isJsonObject(ref) && ref.type === 'distribution' && hashesHave(ref.hashes, check.algs),
        )
      )
    case 'license':
      return anyHas(component.licenses, (choice) => {
        if (!isJsonObject(choice)) return false
        if (nonEmptyString(choice.expression)) return true
        const license = asObject(choice.license)
        return license !== undefined && (nonEmptyString(license.id) || nonEmptyString(license.name))
      })
    case 'licenseAck':
      return anyHas(component.licenses, (choice) => {
        if (!isJsonObject(choice)) return false
        if (nonEmptyString(choice.expression)) return choice.acknowledgement === check.ack
        const license = asObject(choice.license)
        return (
          license !== undefined &&
          (nonEmptyString(license.id) || nonEmptyString(license.name)) &&
          license.acknowledgement === check.ack
        )
      })
    case 'inDependencies':
      return typeof component['bom-ref'] === 'string' && dependencyRefs.has(component['bom-ref'])
    case 'creatorContact':
      return (
        entityHasContact(component.manufacturer) ||
        entityHasContact(component.supplier) ||
        anyHas(component.authors, entityHasContact)
      )
    case 'property':
      return anyHas(
        component.properties,
        (property) =>
          isJsonObject(property) && property.name === check.name && nonEmptyString(property.value),
      )
    case 'externalRef':
      return anyHas(
        component.externalReferences,
        (ref) => isJsonObject(ref) && ref.type === check.type && nonEmptyString(ref.url),
      )
  }
}

export function checkDocument(document: JsonObject, check: DocumentCheck): boolean {
  const metadata = asObject(document.metadata) ?? {}
  switch (check.kind) {
    case 'sbomAuthor':
      return (
        anyHas(metadata.authors, (author) => hasName(author) || entityHasContact(author)) ||
        hasName(metadata.manufacture) ||
        hasName(metadata.manufacturer) ||
        hasName(metadata.supplier)
      )
    case 'timestamp':
      return nonEmptyString(metadata.timestamp)
    case 'toolName': {
      const tools = metadata.tools
      if (Array.isArray(tools)) return tools.some(hasName) // 1.2–1.4 tool[] (deprecated later)
      const shaped = asObject(tools) // 1.5+ { components, services }
      return (
        shaped !== undefined &&
        (anyHas(shaped.components, hasName) || anyHas(shaped.services, hasName))
      )
    }
    case 'generationContext':
      return anyHas(
        metadata.lifecycles,
        (lifecycle) =>
          isJsonObject(lifecycle) &&
          (nonEmptyString(lifecycle.phase) || nonEmptyString(lifecycle.name)),
      )
    case 'sbomCreatorContact':
      return (
        anyHas(metadata.authors, entityHasContact) ||
        entityHasContact(metadata.manufacturer) ||
        entityHasContact(metadata.manufacture) ||
        entityHasContact(metadata.supplier)
      )
    case 'serialNumber':
      return nonEmptyString(document.serialNumber)
    case 'specVersionFloor':
      return specMinor(document.specVersion) >= specMinor(check.min)
  }
}

function componentLabel(component: JsonObject): string {
  const name = nonEmptyString(component.name)
    ? (component.name as string)
    : typeof component['bom-ref'] === 'string'
      ? component['bom-ref']
      : '(unnamed)'
  return nonEmptyString(component.version) ? `${name}@${component.version as string}` : name
}

// ---------------------------------------------------------------------------------------------
// Evaluation

interface Tally {
  readonly rule: QualityRule
  present: number
  readonly missing: string[]
}

export function evaluateQuality(
  document: JsonObject,
  profile: Exclude<QualityProfileName, 'none'>,
): QualityResult {
  const tallies: Tally[] = QUALITY_PROFILES[profile].map((rule) => ({
    rule,
    present: 0,
    missing: [],
  }))
  const componentTallies = tallies.filter((tally) => tally.rule.scope === 'component')

  const dependencyRefs = new Set<string>()
  for (const entry of asObjects(document.dependencies))
    if (typeof entry.ref === 'string') dependencyRefs.add(entry.ref)

  // Depth-first, in document order, without recursion (nesting depth is the input's to choose).
  let total = 0
  const stack: unknown[] = []
  const pushChildren = (list: unknown): void => {
    if (!Array.isArray(list)) return
    for (let index = list.length - 1; index >= 0; index--) stack.push(list[index])
  }
  pushChildren(document.components)
  while (stack.length > 0) {
    const component = stack.pop()
    if (!isJsonObject(component)) continue
    total++
    for (const tally of componentTallies) {
      const { rule } = tally
      if (rule.scope !== 'component') continue
      if (checkComponent(component, rule.check, dependencyRefs)) tally.present++
      else if (tally.missing.length < MISSING_SHOWN) tally.missing.push(componentLabel(component))
    }
    pushChildren(component.components)
  }

  const elements: ElementCoverage[] = []
  let percentSum = 0
  let measured = 0
  for (const { rule, present, missing } of tallies) {
    const met = rule.scope === 'document' ? (checkDocument(document, rule.check) ? 1 : 0) : present
    const of = rule.scope === 'document' ? 1 : total
    if (of > 0) {
      percentSum += (met / of) * 100
      measured++
    }
    elements.push(
      Object.freeze({
        id: rule.id,
        label: rule.label,
        citation: rule.citation,
        scope: rule.scope,
        present: met,
        total: of,
        firstMissing: Object.freeze(missing),
      }),
    )
  }

  return Object.freeze({
    profile,
    score: measured === 0 ? 0 : Math.floor(percentSum / measured + 1e-9),
    elements: Object.freeze(elements),
    notes: Object.freeze(notesFor(document, tallies, elements, total)),
  })
}

function notesFor(
  document: JsonObject,
  tallies: readonly Tally[],
  elements: readonly ElementCoverage[],
  total: number,
): string[] {
  const notes: string[] = []
  const spec = typeof document.specVersion === 'string' ? document.specVersion : undefined
  const minor = specMinor(spec)
  const shown = spec === undefined ? 'no specVersion' : `CycloneDX ${spec}`
  tallies.forEach(({ rule }, index) => {
    const element = elements[index]
    if (element === undefined) return
    const { check } = rule
    if (check.kind === 'specVersionFloor') {
      if (element.present === 0)
        notes.push(
          `The document is ${shown}; ${check.by} asks for CycloneDX ${check.min} or later: ` +
            `set cyclonedx-spec-version to ${check.min} (or newer) to meet it.`,
        )
      return
    }
    const since = FIELD_SINCE[check.kind]
    if (since !== undefined && element.present < element.total && minor < specMinor(since))
      notes.push(
        `${element.label}: the field exists from CycloneDX ${since}; the document is ${shown}, so it cannot be ` +
          `recorded: set cyclonedx-spec-version to ${since} (or newer) to carry it.`,
      )
  })
  if (total === 0)
    notes.push('The document lists no components: component elements are not scored.')
  return notes
}
