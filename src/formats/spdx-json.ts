// SPDX 2.2 / 2.3 JSON → the library's Models.Bom. SPDX and CycloneDX overlap but do not match,
// so every field is either mapped (the table below), kept as a `spdx:*` property, or listed in
// the report as not carried over: nothing disappears without a word.
import * as Enums from '@cyclonedx/cyclonedx-library/Enums'
import * as Models from '@cyclonedx/cyclonedx-library/Models'
import { isSupportedSpdxId } from '@cyclonedx/cyclonedx-library/SPDX'
import { isCPE } from '@cyclonedx/cyclonedx-library/Types'
import { SYNTHESIZED_TOOL_TYPE, type DroppedData, type SynthesizedPaths } from './loss.js'
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
import { asObject, asObjects, type JsonObject } from '../shared/json.js'

export interface SpdxReadResult extends ElementCounts {
  readonly bom: Models.Bom
  readonly spdxVersion: string
  readonly dropped: DroppedData[]
  /** What the model holds that the document did not say: not the user's to lose. */
  readonly synthesized: SynthesizedPaths
  /** The elements the document describes when there are several (one is metadata.component). */
  readonly described: readonly Models.Component[]
  readonly notes: string[]
}

const HASH_ALGORITHMS: Readonly<Record<string, Enums.HashAlgorithm>> = {
  MD5: Enums.HashAlgorithm.MD5,
  SHA1: Enums.HashAlgorithm['SHA-1'],
  SHA256: Enums.HashAlgorithm['SHA-256'],
  SHA384: Enums.HashAlgorithm['SHA-384'],
  SHA512: Enums.HashAlgorithm['SHA-512'],
  'SHA3-256': Enums.HashAlgorithm['SHA3-256'],
  'SHA3-384': Enums.HashAlgorithm['SHA3-384'],
  'SHA3-512': Enums.HashAlgorithm['SHA3-512'],
  'BLAKE2b-256': Enums.HashAlgorithm['BLAKE2b-256'],
  'BLAKE2b-384': Enums.HashAlgorithm['BLAKE2b-384'],
  'BLAKE2b-512': Enums.HashAlgorithm['BLAKE2b-512'],
  BLAKE3: Enums.HashAlgorithm.BLAKE3,
}

const PURPOSE_TYPES: Readonly<Record<string, Enums.ComponentType>> = {
  APPLICATION: Enums.ComponentType.Application,
  FRAMEWORK: Enums.ComponentType.Framework,
  LIBRARY: Enums.ComponentType.Library,
  CONTAINER: Enums.ComponentType.Container,
  'OPERATING-SYSTEM': Enums.ComponentType.OperatingSystem,
  DEVICE: Enums.ComponentType.Device,
  FIRMWARE: Enums.ComponentType.Firmware,
  FILE: Enums.ComponentType.File,
  INSTALL: Enums.ComponentType.Application,
  ARCHIVE: Enums.ComponentType.File,
  SOURCE: Enums.ComponentType.Library,
  OTHER: Enums.ComponentType.Library,
}

/** Relationship types that are a dependency edge; `reverse` means the *related* element depends on the element. */
const DEPENDENCY_RELATIONSHIPS: Readonly<Record<string, { reverse: boolean }>> = {
  DEPENDS_ON: { reverse: false },
  DYNAMIC_LINK: { reverse: false },
  STATIC_LINK: { reverse: false },
  CONTAINS: { reverse: false },
  HAS_PREREQUISITE: { reverse: false },
  DEPENDENCY_OF: { reverse: true },
  RUNTIME_DEPENDENCY_OF: { reverse: true },
  BUILD_DEPENDENCY_OF: { reverse: true },
  DEV_DEPENDENCY_OF: { reverse: true },
  OPTIONAL_DEPENDENCY_OF: { reverse: true },
  PROVIDED_DEPENDENCY_OF: { reverse: true },
  TEST_DEPENDENCY_OF: { reverse: true },
  CONTAINED_BY: { reverse: true },
  PREREQUISITE_FOR: { reverse: true },
}

/** Keys mapped to CycloneDX fields per element kind. */
const MAPPED_KEYS = {
  // dataLicense is always CC0-1.0 for the SPDX document itself, not for the software.
  document: new Set([
    'SPDXID',
    'spdxVersion',
    'creationInfo',
    'name',
    'dataLicense',
    'documentNamespace',
    'packages',
    'files',
    'relationships',
    'documentDescribes',
  ]),
  // filesAnalyzed says how the SPDX was made, nothing about the software.
  package: new Set([
    'SPDXID',
    'name',
    'versionInfo',
    'supplier',
    'originator',
    'downloadLocation',
    'homepage',
    'checksums',
    'externalRefs',
    'licenseConcluded',
    'licenseDeclared',
    'copyrightText',
    'description',
    'primaryPackagePurpose',
    'filesAnalyzed',
    'hasFiles',
  ]),
  file: new Set(['SPDXID', 'fileName', 'checksums', 'copyrightText', 'licenseConcluded']),
}

/** Keys with no CycloneDX field that are kept as `spdx:<key>` properties. Anything else is reported. */
const PROPERTY_KEYS = {
  document: ['comment'],
  package: [
    'packageFileName',
    'comment',
    'sourceInfo',
    'licenseComments',
    'summary',
    'licenseInfoFromFiles',
  ],
  file: [
    'comment',
    'noticeText',
    'fileTypes',
    'licenseComments',
    'licenseInfoInFiles',
    'fileContributors',
  ],
} as const

/** Values that mean "nothing said" in SPDX. */
const NO_VALUE = new Set(['NOASSERTION', 'NONE', ''])

export function readSpdxJson(document: JsonObject, options: SpdxReadOptions = {}): SpdxReadResult {
  const reader = new SpdxReader(document, options)
  return reader.read()
}

class SpdxReader {
  readonly #document: JsonObject
  readonly #bom = new Models.Bom()
  readonly #elements = new Map<string, Models.Component>()
  readonly #dropped: DroppedData[] = []
  readonly #notes: string[] = []
  #described: readonly Models.Component[] = []
  /** hasFiles: [package id, file id], wired like CONTAINS once all elements exist. */
  readonly #containedFiles: [string, string][] = []
  readonly #includeFiles: boolean
  /** Files that are not components (spdx-files: exclude), by SPDXID. */
  readonly #leftOutFiles = new Set<string>()

  constructor(document: JsonObject, options: SpdxReadOptions) {
    this.#document = document
    this.#includeFiles = (options.files ?? DEFAULT_SPDX_FILES) === 'include'
  }

  read(): SpdxReadResult {
    const doc = this.#document
    const spdxVersion = String(doc.spdxVersion)
    this.#unmappedKeys(doc, '$', 'document')
    addSpdxProperties(this.#bom.metadata.properties, doc, 'document')
    this.#creationInfo(asObject(doc.creationInfo))
    if (typeof doc.documentNamespace === 'string')
      this.#bom.metadata.properties.add(
        new Models.Property('spdx:documentNamespace', doc.documentNamespace),
      )
    if (typeof doc.name === 'string')
      this.#bom.metadata.properties.add(new Models.Property('spdx:documentName', doc.name))

    const packages = asObjects(doc.packages)
    const files = asObjects(doc.files)
    const relationships = asObjects(doc.relationships)
    const describedIds = describedIdsOf(doc, relationships)
    packages.forEach((pkg, index) => this.#package(pkg, `$.packages[${index}]`))
    files.forEach((entry, index) => {
      // A file the document describes is what the SBOM is about: it stays whatever spdx-files says.
      const id = str(entry.SPDXID)
      if (!this.#includeFiles && id !== undefined && !describedIds.has(id))
        this.#leftOutFiles.add(id)
      else this.#file(entry, `$.files[${index}]`)
    })

    const described = [...describedIds]
      .map((id) => this.#elements.get(id))
      .filter((component) => component !== undefined)
    const { root, several } = describedRoot(described)
    if (root !== undefined) this.#bom.metadata.component = root
    this.#described = several
    for (const component of this.#elements.values())
      if (component !== root) this.#bom.components.add(component)
    const { collapsed, intoFiles } = this.#relationships(relationships)
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
      spdxVersion,
      dropped: this.#dropped,
      synthesized: SYNTHESIZED_TOOL_TYPE,
      described: this.#described,
      notes: this.#notes,
      ...counts,
    }
  }

  #creationInfo(info: JsonObject | undefined): void {
    if (!info) return
    // created and creators are mapped; the rest (comment, licenseListVersion) has no CycloneDX field.
    for (const key of Object.keys(info))
      if (key !== 'created' && key !== 'creators' && !isEmptyValue(info[key]))
        this.#drop(
          `$.creationInfo.${key}`,
          'about the SPDX document itself; CycloneDX metadata has no field for it',
        )
    const created = typeof info.created === 'string' ? new Date(info.created) : undefined
    if (created && !Number.isNaN(created.getTime())) this.#bom.metadata.timestamp = created
    for (const creator of asStrings(info.creators)) {
      const [kind, ...rest] = creator.split(':')
      const value = rest.join(':').trim()
      if (kind === 'Tool') {
        // "Tool: name-1.2.3": SPDX has no separate version field; split at the last dash before a digit.
        const match = /^(.*?)-(\d[^\s]*)$/.exec(value)
        this.#bom.metadata.tools.components.add(
          new Models.Component(Enums.ComponentType.Application, match?.[1] ?? value, {
            version: match?.[2],
          }),
        )
      } else if (kind === 'Person') this.#bom.metadata.authors.add(contactFrom(value))
      else if (kind === 'Organization')
        this.#bom.metadata.manufacture ??= new Models.OrganizationalEntity({
          name: stripEmail(value),
        })
    }
  }

  #package(pkg: JsonObject, path: string): void {
    this.#unmappedKeys(pkg, path, 'package')
    const id = str(pkg.SPDXID)
    const name = str(pkg.name)
    if (id === undefined || name === undefined) {
      this.#drop(path, 'an SPDX package without SPDXID or name cannot become a component')
      return
    }
    const purpose = str(pkg.primaryPackagePurpose)
    const component = new Models.Component(
      // Own keys only: an input value like "constructor" must not reach the prototype.
      (Object.hasOwn(PURPOSE_TYPES, purpose ?? '') ? PURPOSE_TYPES[purpose ?? ''] : undefined) ??
        Enums.ComponentType.Library,
      name,
      {
        bomRef: id,
        version: value(pkg.versionInfo),
        description: value(pkg.description) ?? value(pkg.summary),
        copyright: value(pkg.copyrightText),
        author: value(pkg.originator)?.replace(/^(Person|Organization):\s*/, ''),
        hashes: this.#hashes(pkg.checksums, `${path}.checksums`),
      },
    )
    const supplier = value(pkg.supplier)
    if (supplier)
      component.supplier = new Models.OrganizationalEntity({
        name: stripEmail(supplier.replace(/^(Person|Organization):\s*/, '')),
      })
    const download = value(pkg.downloadLocation)
    if (download)
      component.externalReferences.add(
        new Models.ExternalReference(download, Enums.ExternalReferenceType.Distribution),
      )
    const homepage = value(pkg.homepage)
    if (homepage)
      component.externalReferences.add(
        new Models.ExternalReference(homepage, Enums.ExternalReferenceType.Website),
      )
    this.#externalRefs(component, asObjects(pkg.externalRefs), `${path}.externalRefs`)
    addSpdxLicenses(component, value(pkg.licenseDeclared), value(pkg.licenseConcluded))
    addSpdxProperties(component.properties, pkg, 'package', component.description)
    for (const fileId of asStrings(pkg.hasFiles)) this.#containedFiles.push([id, fileId])
    this.#elements.set(id, component)
  }

  #file(entry: JsonObject, path: string): void {
    this.#unmappedKeys(entry, path, 'file')
    const id = str(entry.SPDXID)
    const name = str(entry.fileName)
    if (id === undefined || name === undefined) {
      this.#drop(path, 'an SPDX file without SPDXID or fileName cannot become a component')
      return
    }
    const component = new Models.Component(Enums.ComponentType.File, name, {
      bomRef: id,
      copyright: value(entry.copyrightText),
      hashes: this.#hashes(entry.checksums, `${path}.checksums`),
    })
    addSpdxLicenses(component, undefined, value(entry.licenseConcluded))
    addSpdxProperties(component.properties, entry, 'file')
    this.#elements.set(id, component)
  }

  #hashes(json: unknown, path: string): Models.HashDictionary {
    const hashes = new Models.HashDictionary()
    asObjects(json).forEach((checksum, index) => {
      const name = String(checksum.algorithm)
      const algorithm = Object.hasOwn(HASH_ALGORITHMS, name) ? HASH_ALGORITHMS[name] : undefined
      if (algorithm && typeof checksum.checksumValue === 'string')
        hashes.set(algorithm, checksum.checksumValue.toLowerCase())
      else if (!saysNothing(checksum.checksumValue))
        this.#drop(
          `${path}[${index}]`,
          `checksum algorithm ${String(checksum.algorithm)} has no CycloneDX equivalent`,
        )
    })
    return hashes
  }

  #externalRefs(component: Models.Component, refs: JsonObject[], path: string): void {
    refs.forEach((ref, index) => {
      const type = str(ref.referenceType)
      const locator = str(ref.referenceLocator)
      if (locator === undefined)
        return this.#drop(`${path}[${index}]`, 'external reference without locator')
      if (!isEmptyValue(ref.comment))
        this.#drop(
          `${path}[${index}].comment`,
          'a comment on an external reference has no CycloneDX field (purl, CPE and properties have none)',
        )
      if (type === 'purl' && component.purl === undefined) component.purl = locator
      else if (
        (type === 'cpe23Type' || type === 'cpe22Type') &&
        component.cpe === undefined &&
        isCPE(locator)
      )
        component.cpe = locator
      else if (type === 'advisory' || type === 'fix' || type === 'url' || type === 'securityOther')
        component.externalReferences.add(
          new Models.ExternalReference(
            locator,
            type === 'advisory'
              ? Enums.ExternalReferenceType.Advisories
              : Enums.ExternalReferenceType.Other,
            {
              comment: `SPDX ${ref.referenceCategory as string} ${type}`,
            },
          ),
        )
      // A second purl or CPE, or a type CycloneDX has no field for: keep the fact as a property.
      else
        component.properties.add(
          new Models.Property(`spdx:externalRef:${type ?? 'unknown'}`, locator),
        )
    })
  }

  /**
   * Dependency relationships become dependsOn edges. With spdx-files: exclude, edges through
   * left-out files are collapsed (spdx-files.ts); the counts are for the report's note.
   */
  #relationships(relationships: JsonObject[]): { collapsed: number; intoFiles: number } {
    const unmapped = new Map<string, number>()
    const known = (id: string) => this.#elements.has(id) || this.#leftOutFiles.has(id)
    const edges: DependencyEdge[] = []
    relationships.forEach((relationship) => {
      const type = String(relationship.relationshipType)
      if (type === 'DESCRIBES' || type === 'DESCRIBED_BY') return
      const mapping = DEPENDENCY_RELATIONSHIPS[type]
      const element = String(relationship.spdxElementId)
      const related = String(relationship.relatedSpdxElement)
      if (!mapping || !known(element) || !known(related)) {
        const reason = !mapping ? type : `${type} to an element outside this document`
        unmapped.set(reason, (unmapped.get(reason) ?? 0) + 1)
        return
      }
      const [from, to] = mapping.reverse ? [related, element] : [element, related]
      edges.push({ from, to })
      if (!isEmptyValue(relationship.comment))
        this.#drop(
          '$.relationships[].comment',
          'a comment on a relationship has no place in a CycloneDX dependency',
        )
    })
    for (const [packageId, fileId] of this.#containedFiles)
      if (known(packageId) && known(fileId)) edges.push({ from: packageId, to: fileId })
    const result = collapseThroughFiles(edges, this.#leftOutFiles)
    for (const { from, to } of result.edges) {
      const dependent = this.#elements.get(from)
      const dependency = this.#elements.get(to)
      if (dependent && dependency && dependent !== dependency)
        dependent.dependencies.add(dependency.bomRef)
    }
    for (const [reason, count] of unmapped)
      this.#drop(
        '$.relationships[]',
        `${count} relationship(s) ${reason} have no CycloneDX dependency equivalent`,
      )
    if (result.stranded > 0) this.#drop('$.relationships[]', strandedReason(result.stranded))
    return result
  }

  #unmappedKeys(json: JsonObject, path: string, kind: keyof typeof MAPPED_KEYS): void {
    const kept: readonly string[] = PROPERTY_KEYS[kind]
    for (const key of Object.keys(json))
      if (!MAPPED_KEYS[kind].has(key) && !kept.includes(key) && !saysNothing(json[key]))
        this.#drop(`${path}.${key}`, 'SPDX field with no CycloneDX mapping')
  }

  #drop(example: string, reason: string): void {
    const path = example.replace(/\[\d+\]/g, '[]')
    const known = this.#dropped.find((entry) => entry.path === path && entry.reason === reason)
    if (!known) this.#dropped.push({ path, example, reason })
  }
}

/** What the document describes (documentDescribes, DESCRIBES, DESCRIBED_BY), in order. */
function describedIdsOf(doc: JsonObject, relationships: JsonObject[]): Set<string> {
  const ids = new Set(asStrings(doc.documentDescribes))
  for (const relationship of relationships) {
    if (relationship.spdxElementId === doc.SPDXID && relationship.relationshipType === 'DESCRIBES')
      ids.add(String(relationship.relatedSpdxElement))
    if (
      relationship.relatedSpdxElement === doc.SPDXID &&
      relationship.relationshipType === 'DESCRIBED_BY'
    )
      ids.add(String(relationship.spdxElementId))
  }
  return ids
}

function addSpdxProperties(
  target: Models.PropertyRepository,
  json: JsonObject,
  kind: keyof typeof PROPERTY_KEYS,
  alreadyUsedAs?: string,
): void {
  for (const key of PROPERTY_KEYS[kind]) {
    const raw = json[key]
    const values = Array.isArray(raw) ? asStrings(raw) : [value(raw)]
    for (const text of values)
      // summary became the description when there was none: not twice.
      if (text !== undefined && !NO_VALUE.has(text) && text !== alreadyUsedAs)
        target.add(new Models.Property(`spdx:${key}`, text))
  }
}

/** Declared wins (it is what the author said); a different concluded license is kept as a property. */
function addSpdxLicenses(
  component: Models.Component,
  declared: string | undefined,
  concluded: string | undefined,
): void {
  const chosen = declared ?? concluded
  if (chosen === undefined) return
  component.licenses.add(
    isSupportedSpdxId(chosen)
      ? new Models.SpdxLicense(chosen)
      : new Models.LicenseExpression(chosen),
  )
  if (declared !== undefined && concluded !== undefined && concluded !== declared)
    component.properties.add(new Models.Property('spdx:licenseConcluded', concluded))
}

function contactFrom(text: string): Models.OrganizationalContact {
  const email = /\(([^)]*@[^)]*)\)/.exec(text)?.[1]
  return new Models.OrganizationalContact({
    name: stripEmail(text),
    email: email?.trim() || undefined,
  })
}

function stripEmail(text: string): string {
  return text.replace(/\s*\([^)]*\)\s*$/, '').trim()
}

function value(raw: unknown): string | undefined {
  return typeof raw === 'string' && !NO_VALUE.has(raw.trim()) ? raw : undefined
}

function str(raw: unknown): string | undefined {
  return typeof raw === 'string' ? raw : undefined
}

function asStrings(raw: unknown): string[] {
  return Array.isArray(raw) ? raw.filter((item): item is string => typeof item === 'string') : []
}

/**
 * Nothing said, all the way down: absent, null, a blank, NOASSERTION or NONE string, or a list or
 * object of such values. Leaving out a field that says nothing loses nothing, so it is not reported.
 */
function saysNothing(raw: unknown): boolean {
  if (raw === undefined || raw === null) return true
  if (typeof raw === 'string') return NO_VALUE.has(raw.trim())
  if (Array.isArray(raw)) return raw.every(saysNothing)
  if (typeof raw === 'object') return Object.values(raw).every(saysNothing)
  return false
}

/** Nothing said: absent, null, an empty string or an empty list. */
function isEmptyValue(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  )
}
