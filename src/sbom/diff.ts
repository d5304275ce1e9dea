// What changed between two published SBOMs of one package: components added, removed, and
// those whose version changed. Components are matched by purl without version and qualifiers
// (the package's identity), else by group/name.
import { inflateRawSync } from 'node:zlib'
import { PackageURL } from 'packageurl-js'
import { ActionError } from '../shared/errors.js'
import { isJsonObject, type JsonObject } from '../shared/json.js'

export interface VersionChange {
  readonly name: string
  readonly from: string
  readonly to: string
}

export interface ComponentDiff {
  /** `name@version`, sorted. */
  readonly added: readonly string[]
  readonly removed: readonly string[]
  readonly changed: readonly VersionChange[]
  readonly unchanged: number
}

/** What reading an artifact written by someone else may cost. */
export interface ArtifactReadLimits {
  /** Uncompressed bytes of the JSON documents in all, as declared and as inflated. */
  readonly maxUncompressedBytes: number
  /** Uncompressed bytes per compressed byte of the zip's JSON entries together. */
  readonly maxCompressionRatio: number
  readonly maxEntries: number
}

/**
 * For the previous SBOM read back from S3, which anyone allowed to write under the package's
 * prefix controls: CycloneDX JSON deflates 5–15:1, so 200:1 is a zip bomb, not an SBOM; and an
 * SBOM of 256 MiB is far larger than any the diff is worth its memory for.
 */
export const PREVIOUS_ARTIFACT_LIMITS: ArtifactReadLimits = {
  maxUncompressedBytes: 256 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxEntries: 1_000,
}

/** Reading the artifact would take more memory than the limits allow (a zip bomb, say). */
export class ArtifactOverLimitError extends ActionError {}

/**
 * The CycloneDX JSON documents inside an artifact this action uploaded: the entries of a .zip, or
 * the single JSON document. Undefined when the bytes are neither (an object someone else put there).
 * With `limits`, an artifact that would take more to read is refused with ArtifactOverLimitError,
 * from the sizes its zip declares before anything is inflated, and while inflating, since the
 * declared sizes can lie.
 */
export function readArtifactDocuments(
  bytes: Uint8Array,
  limits?: ArtifactReadLimits,
): JsonObject[] | undefined {
  let texts: string[]
  try {
    const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b
    if (!isZip && limits && bytes.length > limits.maxUncompressedBytes)
      throw new ArtifactOverLimitError(
        `it is ${bytes.length} bytes of JSON, over the ${mebibytes(limits.maxUncompressedBytes)} this action reads`,
      )
    texts = (isZip ? readZipJsonEntries(bytes, limits) : [bytes]).map((content) =>
      new TextDecoder().decode(content),
    )
  } catch (error) {
    if (error instanceof ArtifactOverLimitError) throw error
    return undefined
  }
  try {
    const documents = texts.map((text) => JSON.parse(text) as unknown)
    return documents.every(isJsonObject) ? documents : undefined
  } catch {
    return undefined
  }
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50
const CENTRAL_DIRECTORY_HEADER = 0x02014b50
const LOCAL_FILE_HEADER = 0x04034b50
/** The end record is 22 bytes plus a comment of at most 65,535. */
const MAX_END_RECORD_BYTES = 22 + 0xffff
const STORED = 0
const DEFLATED = 8
const ENCRYPTED_FLAG = 0x1

interface ZipEntry {
  readonly name: string
  readonly method: number
  readonly flags: number
  readonly compressedSize: number
  /** As declared by the central directory. */
  readonly size: number
  readonly localHeaderOffset: number
}

/**
 * The contents of the `.json` entries of a zip. The central directory is read first, so the
 * sizes it declares are checked against `limits` before a byte is inflated; each entry is then
 * inflated with its declared size as the most zlib may produce. Anything malformed throws a
 * plain Error (not an artifact of ours).
 */
function readZipJsonEntries(bytes: Uint8Array, limits: ArtifactReadLimits | undefined): Buffer[] {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const entries = listZipEntries(zip, limits).filter((entry) => entry.name.endsWith('.json'))
  if (limits) {
    const declared = entries.reduce((sum, entry) => sum + entry.size, 0)
    const compressed = entries.reduce((sum, entry) => sum + entry.compressedSize, 0)
    if (declared > limits.maxUncompressedBytes)
      throw new ArtifactOverLimitError(
        `its zip declares ${declared} bytes uncompressed, over the ${mebibytes(limits.maxUncompressedBytes)} this action reads`,
      )
    if (declared > compressed * limits.maxCompressionRatio)
      throw new ArtifactOverLimitError(
        `its zip declares ${declared} bytes uncompressed from ${compressed} compressed, a ratio over the ${limits.maxCompressionRatio}:1 an SBOM ever has (a zip bomb?)`,
      )
  }
  return entries.map((entry) => inflateEntry(zip, entry))
}

function listZipEntries(zip: Buffer, limits: ArtifactReadLimits | undefined): ZipEntry[] {
  const end = findEndOfCentralDirectory(zip)
  const count = zip.readUInt16LE(end + 10)
  if (limits && count > limits.maxEntries)
    throw new ArtifactOverLimitError(
      `its zip has ${count} entries, over the ${limits.maxEntries} this action reads`,
    )
  const entries: ZipEntry[] = []
  let offset = zip.readUInt32LE(end + 16)
  for (let index = 0; index < count; index += 1) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== CENTRAL_DIRECTORY_HEADER)
      throw new Error('broken zip central directory')
    const nameLength = zip.readUInt16LE(offset + 28)
    const nameEnd = offset + 46 + nameLength
    if (nameEnd > zip.length) throw new Error('broken zip central directory')
    entries.push({
      name: zip.toString('utf8', offset + 46, nameEnd),
      flags: zip.readUInt16LE(offset + 8),
      method: zip.readUInt16LE(offset + 10),
      compressedSize: zip.readUInt32LE(offset + 20),
      size: zip.readUInt32LE(offset + 24),
      localHeaderOffset: zip.readUInt32LE(offset + 42),
    })
    offset = nameEnd + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32)
  }
  return entries
}

function findEndOfCentralDirectory(zip: Buffer): number {
  const lowest = Math.max(0, zip.length - MAX_END_RECORD_BYTES)
  for (let offset = zip.length - 22; offset >= lowest; offset -= 1)
    if (zip.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) return offset
  throw new Error('no zip end of central directory record')
}

function inflateEntry(zip: Buffer, entry: ZipEntry): Buffer {
  const header = entry.localHeaderOffset
  if (header + 30 > zip.length || zip.readUInt32LE(header) !== LOCAL_FILE_HEADER)
    throw new Error(`broken zip entry ${quoted(entry.name)}`)
  const start = header + 30 + zip.readUInt16LE(header + 26) + zip.readUInt16LE(header + 28)
  const data = zip.subarray(start, start + entry.compressedSize)
  if (data.length !== entry.compressedSize || entry.flags & ENCRYPTED_FLAG)
    throw new Error(`broken or encrypted zip entry ${quoted(entry.name)}`)
  let content: Buffer
  if (entry.method === STORED) content = data
  else if (entry.method !== DEFLATED)
    throw new Error(`zip entry ${quoted(entry.name)}: method ${entry.method}`)
  else
    try {
      // zlib stops once past the declared size: a lying entry costs no more than an honest one.
      content = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) })
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
        throw new ArtifactOverLimitError(
          `its zip entry ${quoted(entry.name)} inflates to more than the ${entry.size} bytes it declares (a zip bomb?)`,
        )
      throw error
    }
  if (content.length !== entry.size) throw new Error(`zip entry ${quoted(entry.name)}: wrong size`)
  return content
}

/** An entry name for a message: whoever wrote the zip chose it. */
function quoted(name: string): string {
  return JSON.stringify(name.length > 100 ? `${name.slice(0, 99)}…` : name)
}

function mebibytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MiB`
}

export function diffComponents(
  before: readonly JsonObject[],
  after: readonly JsonObject[],
): ComponentDiff {
  const old = versionsByIdentity(before)
  const now = versionsByIdentity(after)
  const added: string[] = []
  const removed: string[] = []
  const changed: VersionChange[] = []
  let unchanged = 0
  for (const [identity, { name, versions }] of now) {
    const previous = old.get(identity)
    if (previous === undefined) added.push(...[...versions].map((v) => at(name, v)))
    else if (sameSet(previous.versions, versions)) unchanged += 1
    else changed.push({ name, from: list(previous.versions), to: list(versions) })
  }
  for (const [identity, { name, versions }] of old)
    if (!now.has(identity)) removed.push(...[...versions].map((v) => at(name, v)))
  return {
    added: added.sort(),
    removed: removed.sort(),
    changed: changed.sort((a, b) => a.name.localeCompare(b.name)),
    unchanged,
  }
}

function versionsByIdentity(documents: readonly JsonObject[]) {
  const byIdentity = new Map<string, { name: string; versions: Set<string> }>()
  for (const document of documents)
    for (const component of allComponents(document)) {
      const { identity, name } = identify(component)
      const entry = byIdentity.get(identity) ?? { name, versions: new Set<string>() }
      entry.versions.add(typeof component.version === 'string' ? component.version : '')
      byIdentity.set(identity, entry)
    }
  return byIdentity
}

/** Components and their nested components; metadata.component (the IoT package) is not one. */
function allComponents(document: JsonObject): JsonObject[] {
  const found: JsonObject[] = []
  const stack = [document.components]
  while (stack.length > 0) {
    const list = stack.pop()
    if (!Array.isArray(list)) continue
    for (const item of list)
      if (typeof item === 'object' && item !== null) {
        found.push(item as JsonObject)
        stack.push((item as JsonObject).components)
      }
  }
  return found
}

function identify(component: JsonObject): { identity: string; name: string } {
  const group = typeof component.group === 'string' && component.group ? `${component.group}/` : ''
  const name = `${group}${typeof component.name === 'string' ? component.name : '(unnamed)'}`
  if (typeof component.purl === 'string')
    try {
      const purl = PackageURL.fromString(component.purl)
      const namespace = purl.namespace ? `${purl.namespace}/` : ''
      return { identity: `pkg:${purl.type}/${namespace}${purl.name}`, name }
    } catch {
      // Not a valid purl: fall back to the name.
    }
  return { identity: `name:${name}`, name }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((value) => b.has(value))
}

function list(versions: ReadonlySet<string>): string {
  return [...versions]
    .sort()
    .map((v) => v || '(none)')
    .join(', ')
}

function at(name: string, version: string): string {
  return version ? `${name}@${version}` : name
}
