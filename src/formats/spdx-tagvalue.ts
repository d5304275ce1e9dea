// SPDX 2.2 / 2.3 tag-value → the SPDX 2.x JSON shape, so the SPDX JSON reader maps both the same
// way (the same document in either serialization gives the same CycloneDX output).
//
// One pass over the lines. The grammar: `Tag: value` lines, `<text>…</text>` values that may span
// lines, `#` comments, and sections opened by PackageName, FileName, SnippetSPDXID and LicenseID.
// Relationship, annotation and document-creation tags may appear anywhere. Whatever the reader
// cannot place is recorded as DroppedData, never skipped silently.
import { SbomError } from '../shared/errors.js'
import type { JsonObject } from '../shared/json.js'
import { shapeOf, type DroppedData } from './loss.js'

export interface TagValueDocument {
  /** The document as SPDX JSON would write it. */
  readonly document: JsonObject
  /** Tags the reader does not know, or cannot place or read: reported, never skipped silently. */
  readonly unknownTags: DroppedData[]
}

type Section = 'document' | ElementSection
type ElementSection = 'package' | 'file' | 'snippet' | 'license'

/** A value that could not be read into its JSON shape: the reason, for the report. */
class Refused {
  readonly reason: string
  constructor(reason: string) {
    this.reason = reason
  }
}

/** How one tag becomes a JSON member: set once, or appended to a list (`many`). */
interface Field {
  readonly key: string
  readonly many?: boolean
  /** Tag-value text → JSON value (a list for `many` fields that hold several per line). */
  readonly parse?: (value: string) => unknown
}

const SUPPORTED_VERSIONS = new Set(['SPDX-2.2', 'SPDX-2.3'])

/** Tags that open a section; their value is the section's first member. */
const SECTION_STARTS: Readonly<Record<string, { section: ElementSection; key: string }>> = {
  PackageName: { section: 'package', key: 'name' },
  FileName: { section: 'file', key: 'fileName' },
  SnippetSPDXID: { section: 'snippet', key: 'SPDXID' },
  LicenseID: { section: 'license', key: 'licenseId' },
}

const SECTION_LISTS: Readonly<Record<ElementSection, string>> = {
  package: 'packages',
  file: 'files',
  snippet: 'snippets',
  license: 'hasExtractedLicensingInfos',
}

/** Fields of each section, by tag (the spec's tag-value names → its JSON names). */
const FIELDS: Readonly<Record<Section, Readonly<Record<string, Field>>>> = {
  document: {
    SPDXVersion: { key: 'spdxVersion' },
    DataLicense: { key: 'dataLicense' },
    DocumentNamespace: { key: 'documentNamespace' },
    DocumentName: { key: 'name' },
    SPDXID: { key: 'SPDXID' },
    DocumentComment: { key: 'comment' },
    ExternalDocumentRef: { key: 'externalDocumentRefs', many: true, parse: externalDocumentRef },
  },
  package: {
    SPDXID: { key: 'SPDXID' },
    PackageVersion: { key: 'versionInfo' },
    PackageFileName: { key: 'packageFileName' },
    PackageSupplier: { key: 'supplier' },
    PackageOriginator: { key: 'originator' },
    PackageDownloadLocation: { key: 'downloadLocation' },
    FilesAnalyzed: { key: 'filesAnalyzed', parse: boolean },
    PackageVerificationCode: { key: 'packageVerificationCode', parse: verificationCode },
    PackageChecksum: { key: 'checksums', many: true, parse: checksum },
    PackageHomePage: { key: 'homepage' },
    PackageSourceInfo: { key: 'sourceInfo' },
    PackageLicenseConcluded: { key: 'licenseConcluded' },
    PackageLicenseInfoFromFiles: { key: 'licenseInfoFromFiles', many: true },
    PackageLicenseDeclared: { key: 'licenseDeclared' },
    PackageLicenseComments: { key: 'licenseComments' },
    PackageCopyrightText: { key: 'copyrightText' },
    PackageSummary: { key: 'summary' },
    PackageDescription: { key: 'description' },
    PackageComment: { key: 'comment' },
    ExternalRef: { key: 'externalRefs', many: true, parse: externalRef },
    PackageAttributionText: { key: 'attributionTexts', many: true },
    PrimaryPackagePurpose: { key: 'primaryPackagePurpose' },
    ReleaseDate: { key: 'releaseDate' },
    BuiltDate: { key: 'builtDate' },
    ValidUntilDate: { key: 'validUntilDate' },
  },
  file: {
    SPDXID: { key: 'SPDXID' },
    FileType: { key: 'fileTypes', many: true },
    FileChecksum: { key: 'checksums', many: true, parse: checksum },
    LicenseConcluded: { key: 'licenseConcluded' },
    LicenseInfoInFile: { key: 'licenseInfoInFiles', many: true },
    LicenseComments: { key: 'licenseComments' },
    FileCopyrightText: { key: 'copyrightText' },
    FileComment: { key: 'comment' },
    FileNotice: { key: 'noticeText' },
    FileContributor: { key: 'fileContributors', many: true },
    FileAttributionText: { key: 'attributionTexts', many: true },
    FileDependency: { key: 'fileDependencies', many: true },
  },
  snippet: {
    SnippetFromFileSPDXID: { key: 'snippetFromFile' },
    SnippetByteRange: { key: 'ranges', many: true, parse: (value) => range(value, 'offset') },
    SnippetLineRange: { key: 'ranges', many: true, parse: (value) => range(value, 'lineNumber') },
    SnippetLicenseConcluded: { key: 'licenseConcluded' },
    LicenseInfoInSnippet: { key: 'licenseInfoInSnippets', many: true },
    SnippetLicenseComments: { key: 'licenseComments' },
    SnippetCopyrightText: { key: 'copyrightText' },
    SnippetComment: { key: 'comment' },
    SnippetName: { key: 'name' },
    SnippetAttributionText: { key: 'attributionTexts', many: true },
  },
  license: {
    ExtractedText: { key: 'extractedText' },
    LicenseName: { key: 'name' },
    // One line may list several URLs, comma-separated; the tag may also repeat.
    LicenseCrossReference: { key: 'seeAlsos', many: true, parse: commaList },
    LicenseComment: { key: 'comment' },
  },
}

/** Creation information: document-wide, allowed anywhere (the tags are unambiguous). */
const CREATION_FIELDS: Readonly<Record<string, Field>> = {
  Creator: { key: 'creators', many: true },
  Created: { key: 'created' },
  CreatorComment: { key: 'comment' },
  LicenseListVersion: { key: 'licenseListVersion' },
}

const ANNOTATION_FIELDS: Readonly<Record<string, string>> = {
  Annotator: 'annotator',
  AnnotationDate: 'annotationDate',
  AnnotationType: 'annotationType',
  AnnotationComment: 'comment',
  SPDXREF: 'spdxElementId',
}

const REFERENCE_CATEGORIES: Readonly<Record<string, string>> = {
  SECURITY: 'SECURITY',
  'PACKAGE-MANAGER': 'PACKAGE-MANAGER',
  PACKAGE_MANAGER: 'PACKAGE-MANAGER',
  'PERSISTENT-ID': 'PERSISTENT-ID',
  PERSISTENT_ID: 'PERSISTENT-ID',
  OTHER: 'OTHER',
}

const UNKNOWN_TAG = 'an SPDX tag-value tag this reader does not know'
const TAG_LINE = /^([A-Za-z][A-Za-z0-9_-]*)[ \t]*:/
const TEXT_OPEN = '<text>'
const TEXT_CLOSE = '</text>'
const TEXT_HINT =
  'Values that span lines must be wrapped in <text>…</text>; a file cut short (an interrupted upload or copy) ends inside one.'

/** `SPDXVersion: SPDX-2.x` on the first line that is not blank or a comment. */
export function looksLikeSpdxTagValue(text: string): boolean {
  // Only the head is looked at: a large JSON or XML input is not split whole to be told apart.
  // trim() also drops a leading byte-order mark, and `\r` of CRLF line ends.
  for (const line of text.slice(0, 64 * 1024).split(/\r?\n/, 50)) {
    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith('#')) continue
    return /^SPDXVersion[ \t]*:\s*SPDX-/.test(trimmed)
  }
  return false
}

export function parseSpdxTagValue(file: string, text: string): TagValueDocument {
  return new TagValueReader(file, text).read()
}

interface Current {
  readonly section: Section
  readonly target: JsonObject
  /** JSON path of `target`, for the report: `$`, `$.packages[2]`, … */
  readonly path: string
}

interface PendingAnnotation {
  readonly fields: JsonObject
  readonly line: number
}

class TagValueReader {
  readonly #file: string
  readonly #lines: string[]
  readonly #document: JsonObject = {}
  readonly #creationInfo: JsonObject = {}
  readonly #lists: Record<ElementSection, JsonObject[]> = {
    package: [],
    file: [],
    snippet: [],
    license: [],
  }
  readonly #relationships: JsonObject[] = []
  readonly #annotations: PendingAnnotation[] = []
  /** [package, file]: files that follow a package are in it (hasFiles), as the spec says. */
  readonly #containedFiles: [JsonObject, JsonObject][] = []
  readonly #dropped = new Map<string, DroppedData>()
  #current: Current
  #package: JsonObject | undefined
  #externalRef: JsonObject | undefined
  #relationship: JsonObject | undefined
  #annotation: PendingAnnotation | undefined

  constructor(file: string, text: string) {
    this.#file = file
    // A byte-order mark is no part of the first tag; CRLF line ends are no part of any value.
    this.#lines = (text.startsWith('\uFEFF') ? text.slice(1) : text).split(/\r?\n/)
    this.#current = { section: 'document', target: this.#document, path: '$' }
  }

  read(): TagValueDocument {
    const lines = this.#lines
    for (let index = 0; index < lines.length; index += 1) {
      const line = (lines[index] as string).trimStart()
      if (line === '' || line.startsWith('#')) continue
      const match = TAG_LINE.exec(line)
      if (!match)
        throw new SbomError(
          this.#file,
          `line ${index + 1} is not a "Tag: value" line: ${excerpt(line)}.`,
          { hint: TEXT_HINT },
        )
      const raw = line.slice(match[0].length).trimStart()
      let value: string
      const lineNumber = index + 1
      if (raw.startsWith(TEXT_OPEN)) [value, index] = this.#text(raw.slice(TEXT_OPEN.length), index)
      else value = raw.trimEnd()
      this.#tag(match[1] as string, value, lineNumber)
    }
    if (this.#document.spdxVersion === undefined)
      throw new SbomError(this.#file, 'is SPDX tag-value without an SPDXVersion line.', {
        hint: 'The document must start with SPDXVersion: SPDX-2.3 (or SPDX-2.2).',
      })
    return { document: this.#assemble(), unknownTags: [...this.#dropped.values()] }
  }

  /** The inner text of `<text>…</text>` exactly, from `first` (after `<text>`) on; and the line it ends on. */
  #text(first: string, index: number): [string, number] {
    const parts: string[] = []
    let rest = first
    for (let at = index; ;) {
      const close = rest.indexOf(TEXT_CLOSE)
      if (close >= 0) {
        parts.push(rest.slice(0, close))
        const after = rest.slice(close + TEXT_CLOSE.length)
        if (after.trim() !== '')
          throw new SbomError(
            this.#file,
            `line ${at + 1}: text follows </text> on the same line: ${excerpt(after.trim())}.`,
            { hint: 'Start the next tag on a line of its own.' },
          )
        return [parts.join('\n'), at]
      }
      parts.push(rest)
      at += 1
      if (at >= this.#lines.length)
        throw new SbomError(
          this.#file,
          `line ${index + 1}: <text> is never closed (no </text> up to the end of the file, line ${this.#lines.length}).`,
          { hint: TEXT_HINT },
        )
      rest = this.#lines[at] as string
    }
  }

  #tag(tag: string, value: string, line: number): void {
    const start = lookup(SECTION_STARTS, tag)
    if (start) return this.#startSection(start.section, start.key, value)
    const { section, target, path } = this.#current
    const own = lookup(FIELDS[section], tag)
    if (own) return this.#set(target, path, tag, own, value, line)
    const documentField = lookup(FIELDS.document, tag)
    // SPDXID is the only document tag that is not unique to the document.
    if (documentField && tag !== 'SPDXID')
      return this.#set(this.#document, '$', tag, documentField, value, line)
    const creationField = lookup(CREATION_FIELDS, tag)
    if (creationField)
      return this.#set(this.#creationInfo, '$.creationInfo', tag, creationField, value, line)
    const annotationKey = lookup(ANNOTATION_FIELDS, tag)
    if (annotationKey) return this.#annotate(annotationKey, value, line)
    if (tag === 'Relationship') return this.#relate(value, line)
    if (tag === 'RelationshipComment') {
      if (this.#relationship && this.#relationship.comment === undefined)
        this.#relationship.comment = value
      else
        this.#drop(
          '$.relationships[].comment',
          line,
          'RelationshipComment without a Relationship line before it',
        )
      return
    }
    if (tag === 'ExternalRefComment') {
      if (section === 'package' && this.#externalRef && this.#externalRef.comment === undefined)
        this.#externalRef.comment = value
      else
        this.#drop(
          `${path}.externalRefs[].comment`,
          line,
          'ExternalRefComment without an ExternalRef line before it in the same package',
        )
      return
    }
    // A tag with nothing in it loses nothing, wherever it is.
    if (!saysNothing(value)) this.#drop(`${path}.${tag}`, line, misplaced(tag) ?? UNKNOWN_TAG)
  }

  #checkVersion(value: string, line: number): void {
    if (SUPPORTED_VERSIONS.has(value)) return
    const version = /^[\w.-]{1,20}$/.test(value) ? value : excerpt(value)
    throw new SbomError(
      this.#file,
      `is ${version} tag-value (line ${line}); this action reads SPDX 2.2 and 2.3 only.`,
      {
        hint: /^SPDX-(1\.\d+|2\.[01])$/.test(value)
          ? 'Have the generator write SPDX 2.3 (or 2.2), or convert the file with the SPDX tools to SPDX 2.3 JSON. spdx/tools-java `Convert` keeps the input version (its issue #146): the upgrade needs the SPDX Java library, or a regenerated SBOM.'
          : 'Accepted SPDX: tag-value or JSON 2.2/2.3.',
      },
    )
  }

  #startSection(section: ElementSection, key: string, value: string): void {
    const list = this.#lists[section]
    const target: JsonObject = { [key]: value }
    this.#current = { section, target, path: `$.${SECTION_LISTS[section]}[${list.length}]` }
    list.push(target)
    this.#externalRef = undefined
    if (section === 'package') this.#package = target
    else if (section === 'file' && this.#package) this.#containedFiles.push([this.#package, target])
  }

  #set(
    target: JsonObject,
    path: string,
    tag: string,
    field: Field,
    value: string,
    line: number,
  ): void {
    if (tag === 'SPDXVersion') this.#checkVersion(value, line)
    const parsed = field.parse ? field.parse(value) : value
    if (parsed instanceof Refused) {
      if (!saysNothing(value)) this.#drop(`${path}.${field.key}`, line, `${tag}: ${parsed.reason}`)
      return
    }
    if (field.many) {
      const list = (target[field.key] ??= []) as unknown[]
      const index = list.length
      if (field.parse === commaList) list.push(...(parsed as string[]))
      else list.push(parsed)
      if (tag === 'ExternalRef') this.#externalRef = list[index] as JsonObject
      return
    }
    const known = target[field.key]
    if (known !== undefined && !(typeof known === 'string' && saysNothing(known))) {
      // The same value again, or nothing, loses nothing (and a value after nothing replaces it).
      if (saysNothing(value) || JSON.stringify(known) === JSON.stringify(parsed)) return
      return this.#drop(
        `${path}.${field.key}`,
        line,
        `${tag} written again where SPDX allows one value; the first is kept`,
      )
    }
    target[field.key] = parsed
  }

  #relate(value: string, line: number): void {
    const parts = value.split(/\s+/)
    if (parts.length !== 3 || parts[0] === '') {
      this.#relationship = undefined
      return this.#drop(
        `$.relationships[${this.#relationships.length}]`,
        line,
        'a Relationship line is not "SPDXRef-A RELATIONSHIP_TYPE SPDXRef-B"',
      )
    }
    const [spdxElementId, relationshipType, relatedSpdxElement] = parts as [string, string, string]
    this.#relationship = { spdxElementId, relationshipType, relatedSpdxElement }
    this.#relationships.push(this.#relationship)
  }

  /** Annotation tags come in any order: a field seen twice starts the next annotation. */
  #annotate(key: string, value: string, line: number): void {
    let annotation = this.#annotation
    if (annotation === undefined || key in annotation.fields) {
      annotation = { fields: {}, line }
      this.#annotations.push(annotation)
      this.#annotation = annotation
    }
    annotation.fields[key] = value
  }

  #assemble(): JsonObject {
    const namespace = this.#document.documentNamespace
    for (const [pkg, file] of this.#containedFiles)
      if (typeof file.SPDXID === 'string') ((pkg.hasFiles ??= []) as string[]).push(file.SPDXID)
    for (const pkg of this.#lists.package)
      for (const ref of (pkg.externalRefs ?? []) as JsonObject[])
        // An unlisted type, `LocationRef-x`, stands for `<document namespace>#LocationRef-x` (the
        // form the JSON serialization writes).
        if (typeof namespace === 'string' && /^LocationRef-/.test(ref.referenceType as string))
          ref.referenceType = `${namespace}#${ref.referenceType as string}`
    for (const snippet of this.#lists.snippet)
      for (const pointers of (snippet.ranges ?? []) as Record<string, JsonObject>[])
        if (typeof snippet.snippetFromFile === 'string')
          for (const pointer of Object.values(pointers)) pointer.reference = snippet.snippetFromFile
    this.#placeAnnotations()

    const { spdxVersion, dataLicense, SPDXID, name, documentNamespace, ...rest } = this.#document
    const document: JsonObject = {
      spdxVersion,
      dataLicense,
      SPDXID,
      name,
      documentNamespace,
      ...rest,
    }
    for (const key of Object.keys(document)) if (document[key] === undefined) delete document[key]
    if (Object.keys(this.#creationInfo).length > 0) document.creationInfo = this.#creationInfo
    for (const section of ['package', 'file', 'snippet', 'license'] as const)
      if (this.#lists[section].length > 0) document[SECTION_LISTS[section]] = this.#lists[section]
    if (this.#relationships.length > 0) document.relationships = this.#relationships
    return document
  }

  /** Each annotation goes to the element its SPDXREF names, as SPDX JSON nests them. */
  #placeAnnotations(): void {
    const elements = new Map<string, JsonObject>()
    for (const section of ['package', 'file', 'snippet'] as const)
      for (const element of this.#lists[section])
        if (typeof element.SPDXID === 'string' && !elements.has(element.SPDXID))
          elements.set(element.SPDXID, element)
    if (typeof this.#document.SPDXID === 'string')
      elements.set(this.#document.SPDXID, this.#document)
    for (const { fields, line } of this.#annotations) {
      const { spdxElementId, ...annotation } = fields
      const element = typeof spdxElementId === 'string' ? elements.get(spdxElementId) : undefined
      if (element) ((element.annotations ??= []) as JsonObject[]).push(annotation)
      else
        this.#drop(
          '$.annotations[]',
          line,
          spdxElementId === undefined
            ? 'an annotation without SPDXREF (the element it is about)'
            : 'an annotation whose SPDXREF names no element of this document',
        )
    }
  }

  #drop(concrete: string, line: number, reason: string): void {
    const path = shapeOf(concrete)
    const key = `${path}\n${reason}`
    if (!this.#dropped.has(key))
      this.#dropped.set(key, { path, example: `${concrete} (line ${line})`, reason })
  }
}

/** A value that says nothing: blank, NOASSERTION or NONE. */
function saysNothing(value: string): boolean {
  const trimmed = value.trim()
  return trimmed === '' || trimmed === 'NOASSERTION' || trimmed === 'NONE'
}

/** `table[key]` when `key` is the table's own: a tag named `constructor` or `toString` is no field. */
function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined
}

/** Why a known tag is not read where it stands; undefined when the tag is unknown. */
function misplaced(tag: string): string | undefined {
  if (tag === 'SPDXID')
    return 'SPDXID out of place: snippets are named by SnippetSPDXID, extracted licenses by LicenseID'
  const owner = (['package', 'file', 'snippet', 'license'] as const).find(
    (kind) => lookup(FIELDS[kind], tag) !== undefined,
  )
  if (owner === undefined) return undefined
  const section = owner === 'license' ? 'an extracted licensing info (LicenseID)' : `a ${owner}`
  return `an SPDX tag-value tag out of place: ${tag} belongs in ${section} section`
}

/** `SHA1: d6a7…` → `{ algorithm, checksumValue }`. */
function checksum(value: string): JsonObject | Refused {
  const match = /^([^\s:]+)[ \t]*:[ \t]*(\S+)$/.exec(value)
  if (!match) return new Refused('not "ALGORITHM: value"')
  return { algorithm: match[1], checksumValue: match[2] }
}

/** `CATEGORY TYPE LOCATOR`; the category in the JSON spelling (PACKAGE_MANAGER → PACKAGE-MANAGER). */
function externalRef(value: string): JsonObject | Refused {
  const match = /^(\S+)\s+(\S+)\s+(\S.*)$/.exec(value)
  if (!match) return new Refused('not "CATEGORY TYPE LOCATOR"')
  const category = match[1] as string
  return {
    referenceCategory: lookup(REFERENCE_CATEGORIES, category.toUpperCase()) ?? category,
    referenceType: match[2],
    referenceLocator: match[3],
  }
}

/** `DocumentRef-x <uri> SHA1: <hex>`. */
function externalDocumentRef(value: string): JsonObject | Refused {
  const match = /^(\S+)\s+(\S+)\s+(\S.*)$/.exec(value)
  const sum = match ? checksum(match[3] as string) : undefined
  if (!match || sum === undefined || sum instanceof Refused)
    return new Refused('not "DocumentRef-<id> <document URI> ALGORITHM: checksum"')
  return { externalDocumentId: match[1], spdxDocument: match[2], checksum: sum }
}

/** `<hex> (excludes: a, b)`; the spec's own example writes `<hex>(./package.spdx)`. */
function verificationCode(value: string): JsonObject | Refused {
  const match = /^([^\s(]+)\s*(?:\((.*)\))?$/.exec(value)
  if (!match) return new Refused('not "<verification code> (excludes: <files>)"')
  const excluded = (match[2] ?? '').replace(/^\s*excludes:/i, '')
  const files = commaList(excluded)
  return {
    packageVerificationCodeValue: match[1],
    ...(files.length > 0 ? { packageVerificationCodeExcludedFiles: files } : {}),
  }
}

function boolean(value: string): boolean | Refused {
  const lower = value.toLowerCase()
  if (lower === 'true' || lower === 'false') return lower === 'true'
  return new Refused('not true or false')
}

/** `310:420` → a byte (`offset`) or line (`lineNumber`) range; the file is filled in at the end. */
function range(value: string, unit: 'offset' | 'lineNumber'): JsonObject | Refused {
  const match = /^(\d+)[ \t]*:[ \t]*(\d+)$/.exec(value)
  const [start, end] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN]
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end))
    return new Refused('not "<start>:<end>" with whole numbers')
  return { startPointer: { [unit]: start }, endPointer: { [unit]: end } }
}

function commaList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

/** A bit of input for a message: quoted, bounded. */
function excerpt(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)
}
