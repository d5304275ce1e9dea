// Yocto (OpenEmbedded) SPDX 2.2 archives → one SPDX 2.x JSON document for readSpdxJson.
//
// Yocto up to 5.0 (kirkstone, scarthgap with create-spdx-2.2) writes one SPDX 2.2 JSON document
// per recipe (`recipe-<pn>`), per binary package (`<pkg>`) and per package's runtime dependencies
// (`runtime-<pkg>`), plus one for the image, which CONTAINS the installed packages. The image's
// documents are shipped as IMAGE.spdx.tar.zst (or .tar.gz): every document the image reaches,
// and an index (`index.json`; deployed beside the archive as IMAGE.spdx.index.json) listing
// `documents[{filename, documentNamespace, sha1}]`. Elements refer to other documents'
// elements as `DocumentRef-<id>:SPDXRef-<element>`, DocumentRef-<id> being one of the
// referring document's externalDocumentRefs, which names the other document's namespace.
//
// readYoctoSpdxArchive puts every document's packages, files and relationships into one
// document, cross-document references resolved to the combined document's SPDXIDs. Relationships
// that only tie documents together (a runtime document AMENDS its package document, the image
// links each runtime document with OTHER, each document DESCRIBES its own package) are left out:
// the image document's DESCRIBES is the combined document's. Anything that cannot be resolved
// (a DocumentRef to a document the archive does not hold) is kept as written, so readSpdxJson
// reports it.
//
// (Yocto 5.1 and later write one SPDX 3.0.1 JSON-LD document per image instead, IMAGE.spdx.json:
// that is read by spdx3-jsonld.ts.)
//
// Limits: the archive decompresses to MAX_DECOMPRESSED_BYTES at most (a bomb stops there, it is
// not inflated further), and holds MAX_TAR_ENTRIES entries at most.
import { createHash } from 'node:crypto'
import { parseTar } from 'nanotar'
import { SbomError } from '../shared/errors.js'
import { asObjects, type JsonObject } from '../shared/json.js'
import { parseJsonDocument } from './json-document.js'
import { compressionOf, decompress as decompressWithin } from './decompress.js'

/** The same as the normalizer's limit for one SBOM (MAX_INPUT_BYTES). */
export const MAX_DECOMPRESSED_BYTES = 512 * 1024 * 1024
/** A large image (a few thousand packages) has three documents per package: far below this. */
export const MAX_TAR_ENTRIES = 100_000

const SPDX_VERSIONS = new Set(['SPDX-2.2', 'SPDX-2.3'])

/** What was decided while combining, for the normalization report (see yoctoArchiveNotes). */
const NOTES = new WeakMap<object, readonly string[]>()

/**
 * A Yocto image's SPDX archive (zstd- or gzip-compressed tar, or a plain tar) → one SPDX 2.x JSON
 * document. Throws SbomError when the archive is damaged, too large once decompressed, or holds
 * no SPDX 2 documents.
 */
export function readYoctoSpdxArchive(file: string, bytes: Uint8Array): JsonObject {
  const { tar, compression } = decompress(file, bytes)
  const entries = tarEntries(file, tar)
  const notes: string[] = []
  const documents = selectDocuments(file, entries, notes)
  const combined = combine(documents, notes)
  notes.unshift(
    `${compression === undefined ? 'a tar archive' : `a ${compression}-compressed tar archive`} of ${documents.length} Yocto SPDX document(s), combined into one (the image document ${JSON.stringify(combined.name)}); references between the documents (DocumentRef-…:SPDXRef-…) were resolved.`,
  )
  NOTES.set(combined, notes)
  return combined
}

/** Notes on how readYoctoSpdxArchive combined `document` (empty for any other document). */
export function yoctoArchiveNotes(document: object): readonly string[] {
  return NOTES.get(document) ?? []
}

// --- Bytes → tar → entries ---

function decompress(
  file: string,
  bytes: Uint8Array,
): { tar: Uint8Array; compression: 'zstd' | 'gzip' | undefined } {
  const kind = compressionOf(bytes)
  if (kind !== undefined) {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
    const tar = decompressWithin(
      file,
      buffer,
      kind,
      MAX_DECOMPRESSED_BYTES,
      `a ${kind}-compressed archive`,
    )
    return { tar, compression: kind }
  }
  // A tar header says "ustar" at byte 257; nanotar checks the rest.
  if (Buffer.from(bytes.subarray(257, 262)).toString('latin1') !== 'ustar')
    throw new SbomError(
      file,
      'is not a Yocto SPDX archive: not zstd- or gzip-compressed, and not a tar archive.',
      { hint: 'Point sbom at IMAGE.spdx.tar.zst (Yocto up to 5.0) or IMAGE.spdx.json.' },
    )
  return { tar: bytes, compression: undefined }
}

interface Entry {
  readonly name: string
  readonly data: Uint8Array
}

/** The regular files of a tar archive whose names end in `.json`, counting every entry. */
function tarEntries(file: string, tar: Uint8Array): Entry[] {
  // nanotar reads `data.buffer` from its start: give it an ArrayBuffer that is exactly the tar.
  const exact =
    tar.byteOffset === 0 && tar.byteLength === tar.buffer.byteLength
      ? tar.buffer
      : tar.buffer.slice(tar.byteOffset, tar.byteOffset + tar.byteLength)
  let count = 0
  let items: { name: string; data?: Uint8Array }[]
  try {
    items = parseTar(exact as ArrayBuffer, {
      filter: (meta) => {
        count += 1
        if (count > MAX_TAR_ENTRIES)
          throw new SbomError(
            file,
            `is a tar archive with more than ${MAX_TAR_ENTRIES} entries, more than any Yocto image's SPDX archive holds; it was not read further.`,
            { hint: 'Point sbom at the image SPDX archive (IMAGE.spdx.tar.zst).' },
          )
        return (meta.type === 'file' || meta.type === undefined) && /\.json$/.test(meta.name)
      },
    })
  } catch (error) {
    if (error instanceof SbomError) throw error
    throw new SbomError(
      file,
      `is a tar archive that cannot be read (${(error as Error).message}): damaged or truncated?`,
      { hint: '`tar -tf FILE` lists what it holds.', cause: error },
    )
  }
  return items.map((item) => ({ name: item.name, data: item.data ?? new Uint8Array(0) }))
}

// --- Which documents ---

interface SourceDocument {
  /** Entry name, for messages. */
  readonly entry: string
  readonly document: JsonObject
  readonly namespace: string
}

function baseName(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1)
}

/** The documents the index lists (all `*.spdx.json` without an index), parsed and checked. */
function selectDocuments(
  file: string,
  entries: readonly Entry[],
  notes: string[],
): SourceDocument[] {
  const indexEntry = entries.find((entry) =>
    /^(index\.json|.*\.spdx\.index\.json)$/.test(baseName(entry.name)),
  )
  const candidates = entries.filter(
    (entry) => entry !== indexEntry && /\.spdx\.json$/.test(entry.name),
  )
  let chosen = candidates
  if (indexEntry === undefined)
    notes.push('the archive has no index (index.json): every *.spdx.json in it was read.')
  else chosen = listedEntries(file, indexEntry, candidates, notes)
  const documents = readSpdx2Documents(file, chosen, notes)
  if (documents.length === 0)
    throw new SbomError(file, 'is a tar archive that holds no SPDX 2.2/2.3 JSON document.', {
      hint: 'A Yocto image SPDX archive (IMAGE.spdx.tar.zst) holds one SPDX JSON document per recipe and package; Yocto 5.1+ writes IMAGE.spdx.json instead (SPDX 3), which sbom can name directly.',
    })
  return documents
}

interface IndexMatch {
  /** The candidates the index lists, in the index's order. */
  readonly listed: Entry[]
  /** Filenames the index lists that no candidate has. */
  readonly missing: string[]
  /** Entries whose sha1 differs from the index's. */
  readonly mismatched: string[]
  /** Base names of the candidates the index does not list. */
  readonly unlisted: string[]
}

/** The candidates `indexEntry` lists, noting where index and archive disagree. */
function listedEntries(
  file: string,
  indexEntry: Entry,
  candidates: readonly Entry[],
  notes: string[],
): Entry[] {
  const index = parseJsonDocument(`${file}:${indexEntry.name}`, utf8(file, indexEntry))
  const { listed, missing, mismatched, unlisted } = matchIndex(
    asObjects(index.documents),
    candidates,
  )
  if (missing.length > 0)
    notes.push(
      `the index lists ${missing.length} document(s) the archive does not hold (${shownList(missing)}); references into them stay unresolved.`,
    )
  if (mismatched.length > 0)
    notes.push(
      `${mismatched.length} document(s) differ from the sha1 the index gives (${shownList(mismatched)}): changed after the build? They were read as they are.`,
    )
  if (unlisted.length > 0)
    notes.push(
      `${unlisted.length} *.spdx.json file(s) in the archive are not in its index and were not read (${shownList(unlisted)}).`,
    )
  return listed
}

/** Pairs the index's `documents[]` with candidates by base name; each candidate pairs once. */
function matchIndex(items: readonly JsonObject[], candidates: readonly Entry[]): IndexMatch {
  const byName = new Map(candidates.map((entry) => [baseName(entry.name), entry]))
  const match: IndexMatch = { listed: [], missing: [], mismatched: [], unlisted: [] }
  for (const item of items) {
    const name = typeof item.filename === 'string' ? baseName(item.filename) : undefined
    const entry = name === undefined ? undefined : byName.get(name)
    if (entry === undefined) {
      match.missing.push(String(item.filename))
      continue
    }
    // Deleted: what is left is unlisted, and a filename listed twice is missing the second time.
    byName.delete(name as string)
    match.listed.push(entry)
    if (differsFromIndexSha1(entry, item)) match.mismatched.push(entry.name)
  }
  match.unlisted.push(...byName.keys())
  return match
}

/** An index item without a sha1 is taken as matching. */
function differsFromIndexSha1(entry: Entry, item: JsonObject): boolean {
  return (
    typeof item.sha1 === 'string' &&
    createHash('sha1').update(entry.data).digest('hex') !== item.sha1.toLowerCase()
  )
}

/** `chosen` parsed; those not SPDX 2.2/2.3 with a documentNamespace not yet read are left out. */
function readSpdx2Documents(
  file: string,
  chosen: readonly Entry[],
  notes: string[],
): SourceDocument[] {
  const documents: SourceDocument[] = []
  const namespaces = new Set<string>()
  const skipped: string[] = []
  for (const entry of chosen) {
    const document = parseJsonDocument(`${file}:${entry.name}`, utf8(file, entry))
    const namespace = spdx2Namespace(document)
    if (namespace === undefined) {
      skipped.push(entry.name)
      continue
    }
    if (namespaces.has(namespace)) {
      skipped.push(`${entry.name} (namespace already read)`)
      continue
    }
    namespaces.add(namespace)
    documents.push({ entry: entry.name, document, namespace })
  }
  if (skipped.length > 0)
    notes.push(
      `${skipped.length} file(s) are not SPDX 2.2/2.3 JSON documents with a documentNamespace, or repeat one, and were not read (${shownList(skipped)}).`,
    )
  return documents
}

/** The document's namespace if it is SPDX 2.2/2.3 and has one; undefined otherwise. */
function spdx2Namespace(document: JsonObject): string | undefined {
  const namespace = document.documentNamespace
  return typeof document.spdxVersion !== 'string' ||
    !SPDX_VERSIONS.has(document.spdxVersion) ||
    typeof namespace !== 'string'
    ? undefined
    : namespace
}

// --- Combining ---

type Resolved =
  | { readonly kind: 'element'; readonly id: string }
  | { readonly kind: 'document'; readonly source: SourceDocument }
  | { readonly kind: 'unresolved'; readonly ref: string }

/** What resolving a reference needs; collects the DocumentRefs that could not be resolved. */
interface Resolver {
  readonly byNamespace: ReadonlyMap<string, SourceDocument>
  /** Combined SPDXID by elementKey. */
  readonly ids: ReadonlyMap<string, string>
  /** The externalDocumentRefs naming a document the archive does not hold, by DocumentRef id. */
  readonly unresolvedRefs: Map<string, JsonObject>
}

interface CombinedElements {
  readonly packages: JsonObject[]
  readonly files: JsonObject[]
  readonly snippets: JsonObject[]
}

interface CombinedRelationships {
  readonly relationships: JsonObject[]
  /** Relationships left out because they tie documents together, counted by type. */
  readonly bookkeeping: Map<string, number>
}

interface ExtractedLicenses {
  readonly licenses: Map<string, JsonObject>
  readonly conflicting: number
}

function combine(documents: readonly SourceDocument[], notes: string[]): JsonObject {
  const byNamespace = new Map(documents.map((source) => [source.namespace, source]))
  const root = rootDocument(documents, byNamespace, notes)
  const resolver: Resolver = { byNamespace, ids: combinedIds(documents), unresolvedRefs: new Map() }
  // Resolving order fixes externalDocumentRefs order: elements, describes, relationships, image.
  const elements = combineElements(resolver, documents)
  const licenses = mergeExtractedLicenses(documents)
  const describes = declaredDescribes(resolver, root)
  const { relationships, bookkeeping } = combineRelationships(resolver, documents, root, describes)
  if (describes.length === 0) {
    const image = imagePackageId(resolver, root)
    if (image !== undefined) describes.push(image)
  }
  noteLeftOut(bookkeeping, licenses.conflicting, notes)
  return combinedDocument(root, describes, elements, relationships, licenses, resolver)
}

function elementKey(source: SourceDocument, local: string): string {
  return `${source.namespace}\n${local}`
}

/** Every element's combined SPDXID, by elementKey. */
function combinedIds(documents: readonly SourceDocument[]): Map<string, string> {
  // SPDXIDs are unique within a document; across documents, a repeated one gets a suffix.
  const ids = new Map<string, string>()
  const taken = new Set<string>(['SPDXRef-DOCUMENT'])
  for (const source of documents)
    for (const list of ['packages', 'files', 'snippets'])
      for (const element of asObjects(source.document[list])) {
        const local = element.SPDXID
        if (typeof local !== 'string' || ids.has(elementKey(source, local))) continue
        let id = local
        for (let n = 2; taken.has(id); n++) id = `${local}-${n}`
        taken.add(id)
        ids.set(elementKey(source, local), id)
      }
  return ids
}

/** What `ref`, written in `source`, names: an element, a whole document, or nothing held. */
function resolve(resolver: Resolver, source: SourceDocument, ref: unknown): Resolved {
  if (typeof ref !== 'string') return { kind: 'unresolved', ref: String(ref) }
  const match = /^(DocumentRef-[^:]+):(.+)$/.exec(ref)
  let target = source
  let local = ref
  if (match) {
    const external = asObjects(source.document.externalDocumentRefs).find(
      (item) => item.externalDocumentId === match[1],
    )
    const other =
      typeof external?.spdxDocument === 'string'
        ? resolver.byNamespace.get(external.spdxDocument)
        : undefined
    if (other === undefined) {
      if (external !== undefined) resolver.unresolvedRefs.set(match[1] as string, external)
      return { kind: 'unresolved', ref }
    }
    target = other
    local = match[2] as string
  }
  if (local === target.document.SPDXID) return { kind: 'document', source: target }
  const id = resolver.ids.get(elementKey(target, local))
  return id === undefined ? { kind: 'unresolved', ref } : { kind: 'element', id }
}

/** `ref` as the combined document writes it; a reference to a whole document is kept as is. */
function mapId(resolver: Resolver, source: SourceDocument, ref: unknown): unknown {
  const resolved = resolve(resolver, source, ref)
  return resolved.kind === 'element'
    ? resolved.id
    : resolved.kind === 'unresolved'
      ? resolved.ref
      : ref
}

/** Every document's packages, files and snippets, their references resolved. */
function combineElements(
  resolver: Resolver,
  documents: readonly SourceDocument[],
): CombinedElements {
  const combined: CombinedElements = { packages: [], files: [], snippets: [] }
  for (const source of documents) {
    for (const pkg of asObjects(source.document.packages))
      combined.packages.push(
        withLicenses({
          ...pkg,
          SPDXID: mapId(resolver, source, pkg.SPDXID),
          ...(Array.isArray(pkg.hasFiles)
            ? { hasFiles: pkg.hasFiles.map((id) => mapId(resolver, source, id)) }
            : {}),
        }),
      )
    for (const entry of asObjects(source.document.files))
      combined.files.push(withLicenses({ ...entry, SPDXID: mapId(resolver, source, entry.SPDXID) }))
    for (const snippet of asObjects(source.document.snippets))
      combined.snippets.push({
        ...snippet,
        SPDXID: mapId(resolver, source, snippet.SPDXID),
        snippetFromFile: mapId(resolver, source, snippet.snippetFromFile),
      })
  }
  return combined
}

/** Every document's extracted licences by licenseId; the first definition of an id wins. */
function mergeExtractedLicenses(documents: readonly SourceDocument[]): ExtractedLicenses {
  const licenses = new Map<string, JsonObject>()
  let conflicting = 0
  for (const source of documents)
    for (const license of asObjects(source.document.hasExtractedLicensingInfos)) {
      const id = String(license.licenseId)
      const known = licenses.get(id)
      if (known === undefined) licenses.set(id, license)
      else if (known.extractedText !== license.extractedText) conflicting += 1
    }
  return { licenses, conflicting }
}

/** The elements the image document's documentDescribes names. */
function declaredDescribes(resolver: Resolver, root: SourceDocument): string[] {
  const describes: string[] = []
  for (const id of strings(root.document.documentDescribes)) {
    const resolved = resolve(resolver, root, id)
    if (resolved.kind === 'element') describes.push(resolved.id)
  }
  return describes
}

/**
 * Every document's relationships between elements, resolved and without repeats. Those involving
 * a whole document are left out (counted in bookkeeping), but for the image's DESCRIBES, which
 * adds to `describes`.
 */
function combineRelationships(
  resolver: Resolver,
  documents: readonly SourceDocument[],
  root: SourceDocument,
  describes: string[],
): CombinedRelationships {
  const combined: CombinedRelationships = { relationships: [], bookkeeping: new Map() }
  const seen = new Set<string>()
  for (const source of documents)
    for (const relationship of asObjects(source.document.relationships)) {
      const type = String(relationship.relationshipType)
      const from = resolve(resolver, source, relationship.spdxElementId)
      const to = resolve(resolver, source, relationship.relatedSpdxElement)
      if (from.kind === 'document' || to.kind === 'document') {
        const described = imageDescribes(source, root, type, from, to)
        if (described !== undefined) describes.push(described)
        else combined.bookkeeping.set(type, (combined.bookkeeping.get(type) ?? 0) + 1)
        continue
      }
      const carried = carriedRelationship(relationship, type, from, to)
      const unique = `${carried.spdxElementId}\n${type}\n${carried.relatedSpdxElement}`
      if (seen.has(unique)) continue
      seen.add(unique)
      combined.relationships.push(carried)
    }
  return combined
}

/** The element the image document DESCRIBES in this relationship, if that is what it is. */
function imageDescribes(
  source: SourceDocument,
  root: SourceDocument,
  type: string,
  from: Resolved,
  to: Resolved,
): string | undefined {
  // The image document's DESCRIBES is the combined document's; the rest ties documents.
  return source === root &&
    from.kind === 'document' &&
    from.source === root &&
    type === 'DESCRIBES' &&
    to.kind === 'element'
    ? to.id
    : undefined
}

/** A relationship between two elements as the combined document writes it. */
function carriedRelationship(
  relationship: JsonObject,
  type: string,
  from: Exclude<Resolved, { kind: 'document' }>,
  to: Exclude<Resolved, { kind: 'document' }>,
): JsonObject {
  return {
    spdxElementId: from.kind === 'element' ? from.id : from.ref,
    relationshipType: type,
    relatedSpdxElement: to.kind === 'element' ? to.id : to.ref,
    ...(typeof relationship.comment === 'string' ? { comment: relationship.comment } : {}),
  }
}

/** The image package, for an image document that DESCRIBES nothing. */
function imagePackageId(resolver: Resolver, root: SourceDocument): string | undefined {
  // Kirkstone's image document names its image package SPDXRef-Image-<name> without DESCRIBES.
  const image =
    asObjects(root.document.packages).find((pkg) => /^SPDXRef-Image-/.test(String(pkg.SPDXID))) ??
    asObjects(root.document.packages)[0]
  const id = image === undefined ? undefined : resolve(resolver, root, image.SPDXID)
  return id?.kind === 'element' ? id.id : undefined
}

/** Notes on what combining left out: relationships between documents, conflicting licences. */
function noteLeftOut(
  bookkeeping: ReadonlyMap<string, number>,
  conflictingLicenses: number,
  notes: string[],
): void {
  if (bookkeeping.size > 0)
    notes.push(
      `relationships between the documents themselves were not carried (${[...bookkeeping].map(([type, count]) => `${type} ×${count}`).join(', ')}): the documents became one, and what they tie together (packages, runtime dependencies) is carried by the element relationships.`,
    )
  if (conflictingLicenses > 0)
    notes.push(
      `${conflictingLicenses} extracted licence(s) (LicenseRef-…) are defined differently in two documents; the first definition was kept.`,
    )
}

/** The combined document: the image document's header, every document's contents. */
function combinedDocument(
  root: SourceDocument,
  describes: readonly string[],
  { packages, files, snippets }: CombinedElements,
  relationships: JsonObject[],
  { licenses }: ExtractedLicenses,
  { unresolvedRefs }: Resolver,
): JsonObject {
  const { document } = root
  const combined: JsonObject = {
    spdxVersion: document.spdxVersion,
    dataLicense: document.dataLicense ?? 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: document.name,
    documentNamespace: root.namespace,
    creationInfo: document.creationInfo,
    ...(typeof document.comment === 'string' ? { comment: document.comment } : {}),
    documentDescribes: [...new Set(describes)],
    packages,
    files,
    relationships,
  }
  if (snippets.length > 0) combined.snippets = snippets
  if (licenses.size > 0) combined.hasExtractedLicensingInfos = [...licenses.values()]
  if (unresolvedRefs.size > 0) combined.externalDocumentRefs = [...unresolvedRefs.values()]
  return combined
}

/**
 * The image document: the one no other document refers to. Several (an archive of unrelated
 * documents): the one with an image package (SPDXRef-Image-…), else the one referring to most.
 */
function rootDocument(
  documents: readonly SourceDocument[],
  byNamespace: ReadonlyMap<string, SourceDocument>,
  notes: string[],
): SourceDocument {
  const referenced = new Set<SourceDocument>()
  for (const source of documents)
    for (const ref of asObjects(source.document.externalDocumentRefs)) {
      const other =
        typeof ref.spdxDocument === 'string' ? byNamespace.get(ref.spdxDocument) : undefined
      if (other !== undefined && other !== source) referenced.add(other)
    }
  const tops = documents.filter((source) => !referenced.has(source))
  const candidates = tops.length > 0 ? tops : [...documents]
  const image = candidates.find((source) =>
    asObjects(source.document.packages).some((pkg) => /^SPDXRef-Image-/.test(String(pkg.SPDXID))),
  )
  const chosen =
    image ??
    ([...candidates].sort(
      (a, b) =>
        asObjects(b.document.externalDocumentRefs).length -
        asObjects(a.document.externalDocumentRefs).length,
    )[0] as SourceDocument)
  if (tops.length !== 1)
    notes.push(
      `${tops.length === 0 ? 'every document is referred to by another' : `${tops.length} documents are referred to by no other`}; ${chosen.entry} was taken as the image document.`,
    )
  return chosen
}

/** `DocumentRef-x:LicenseRef-y` in licence fields → `LicenseRef-y` (its text is merged above). */
function withLicenses(element: JsonObject): JsonObject {
  for (const key of ['licenseConcluded', 'licenseDeclared'])
    if (typeof element[key] === 'string')
      element[key] = (element[key] as string).replace(/DocumentRef-[^\s:()]+:(LicenseRef-)/g, '$1')
  for (const key of ['licenseInfoFromFiles', 'licenseInfoInFiles'])
    if (Array.isArray(element[key]))
      element[key] = (element[key] as unknown[]).map((item) =>
        typeof item === 'string'
          ? item.replace(/^DocumentRef-[^\s:()]+:(LicenseRef-)/, '$1')
          : item,
      )
  return element
}

// --- Helpers ---

function utf8(file: string, entry: Entry): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(entry.data)
  } catch {
    throw new SbomError(file, `holds ${shownList([entry.name])}, which is not valid UTF-8 text.`, {
      hint: 'SPDX JSON must be UTF-8 encoded.',
    })
  }
}

function strings(raw: unknown): string[] {
  return Array.isArray(raw) ? raw.filter((item): item is string => typeof item === 'string') : []
}

/** Names for a message: at most five, bounded, control characters escaped. */
function shownList(names: readonly string[]): string {
  const shown = names.slice(0, 5).map((name) => {
    const short = name.length > 80 ? `${name.slice(0, 77)}…` : name
    // eslint-disable-next-line no-control-regex
    return /[\u0000-\u001f\u007f]/.test(short) ? JSON.stringify(short) : short
  })
  return (
    shown.join(', ') +
    (names.length > shown.length ? `, … ${names.length - shown.length} more` : '')
  )
}
