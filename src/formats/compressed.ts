// Inputs that are not SBOM text but a container of one: recognised by their first bytes, never by
// the file name. gzip and zstd are decompressed within a size budget (a bomb stops at the budget,
// it is never inflated further) and what is inside is read like any input; a tar archive (as it
// is, or inside gzip or zstd) is read when it is a Yocto SPDX archive (yocto.ts combines its
// documents); zip, xz, bzip2, lz4 and 7z are refused, naming what the file is and what to do.
import { SbomError } from '../shared/errors.js'
import type { JsonObject } from '../shared/json.js'
import { decompress } from './decompress.js'
import { readYoctoSpdxArchive, yoctoArchiveNotes } from './yocto.js'

export type Compression = 'gzip' | 'zstd' | 'xz' | 'bzip2' | 'lz4' | '7z'
export type Container = Compression | 'zip' | 'tar'

/** What an input turned out to hold: text (or bytes) for the readers, or a document already. */
export type Unpacked = (
  | {
      /** The input as given, or what was inside it. */
      readonly content: Buffer | string
      readonly document?: undefined
    }
  | {
      /** A whole archive read into one SPDX 2.x JSON document (Yocto). */
      readonly document: JsonObject
      readonly content?: undefined
    }
) & {
  /** Set when what was read was decompressed first. */
  readonly decompressedFrom: 'gzip' | 'zstd' | undefined
  /** For the report: what the input was and what was read of it. */
  readonly notes: readonly string[]
}

/** Reads a tar archive of SPDX documents (Yocto) into one SPDX 2.x JSON document. */
export type YoctoArchiveReader = (file: string, bytes: Buffer) => JsonObject

/** How many bytes of a file `identifyContainer` looks at (a tar header's magic ends at 262). */
export const HEAD_BYTES = 512

/** Magic numbers at offset 0. */
const MAGIC: readonly (readonly [Exclude<Container, 'tar'>, readonly number[]])[] = [
  ['gzip', [0x1f, 0x8b]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  // An empty zip is only its end record.
  ['zip', [0x50, 0x4b, 0x05, 0x06]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['lz4', [0x04, 0x22, 0x4d, 0x18]],
  ['7z', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
]

/** "a gzip-compressed …", "an xz-compressed …": each name with its article. */
const NAMES: Readonly<Record<Compression, string>> = {
  gzip: 'a gzip',
  zstd: 'a zstd',
  xz: 'an xz',
  bzip2: 'a bzip2',
  lz4: 'an LZ4',
  '7z': 'a 7-Zip',
}

/** The container the first bytes announce, if any. `head`: the first HEAD_BYTES (or fewer). */
export function identifyContainer(head: Uint8Array): Container | undefined {
  for (const [kind, magic] of MAGIC) if (startsWith(head, magic)) return kind
  if (isBzip2(head)) return 'bzip2'
  if (isTarHeader(head)) return 'tar'
  return undefined
}

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  return prefix.every((byte, index) => bytes[at + index] === byte)
}

/**
 * "BZh" (42 5a 68), the block size '1'…'9', then a block's magic (π's digits) or, for an empty
 * stream, the end-of-stream magic (√π's): text can start with "BZh", but not with all of it.
 */
function isBzip2(head: Uint8Array): boolean {
  const level = head[3] ?? 0
  return (
    startsWith(head, [0x42, 0x5a, 0x68]) &&
    level >= 0x31 &&
    level <= 0x39 &&
    (startsWith(head, [0x31, 0x41, 0x59, 0x26, 0x53, 0x59], 4) ||
      startsWith(head, [0x17, 0x72, 0x45, 0x38, 0x50, 0x90], 4))
  )
}

/** The first bytes of `content`, as the file has them (a string is the file's valid UTF-8). */
export function headOf(content: Buffer | string): Uint8Array {
  return typeof content === 'string'
    ? Buffer.from(content.slice(0, HEAD_BYTES), 'utf8').subarray(0, HEAD_BYTES)
    : content.subarray(0, HEAD_BYTES)
}

/**
 * The input, or what is inside it when it is a container the action opens. Refuses containers it
 * does not open, and anything that would decompress past `budget` bytes.
 */
export function unpackInput(
  file: string,
  content: Buffer | string,
  budget: number,
  // yocto.ts's reader, which takes the tar as it is once it has been decompressed here.
  readYocto: YoctoArchiveReader = readYoctoSpdxArchive,
): Unpacked {
  const kind = identifyContainer(headOf(content))
  if (kind === undefined) return { content, decompressedFrom: undefined, notes: [] }
  // Only a container that happens to be valid UTF-8 (a tar of text files, a stored zip) comes as
  // a string; re-encoding valid UTF-8 gives back the file's bytes.
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content
  switch (kind) {
    case 'gzip':
    case 'zstd': {
      const inner = decompress(file, bytes, kind, budget)
      const note = `decompressed from ${kind} (${bytes.length} → ${inner.length} bytes) and read what was inside.`
      const innerKind = identifyContainer(headOf(inner))
      if (innerKind === 'tar') {
        const read = readTar(file, inner, `a ${kind}-compressed tar archive`, readYocto)
        return { ...read, decompressedFrom: kind, notes: [note, ...read.notes] }
      }
      if (innerKind !== undefined)
        throw new SbomError(
          file,
          `is ${NAMES[kind]}-compressed file holding ${describeContainer(innerKind)}, not an SBOM.`,
          {
            hint: 'Unpack it in a previous step and point sbom at the SBOM file(s) inside.',
          },
        )
      return { content: inner, decompressedFrom: kind, notes: [note] }
    }
    case 'tar':
      return { ...readTar(file, bytes, 'a tar archive', readYocto), decompressedFrom: undefined }
    case 'zip':
      throw refuseZip(file, bytes)
    default:
      throw refuseCompression(file, kind)
  }
}

function describeContainer(kind: Container): string {
  if (kind === 'zip') return 'a zip archive'
  if (kind === 'tar') return 'a tar archive'
  return `${NAMES[kind].replace(/^an? /, '')}-compressed data (compressed twice)`
}

function refuseCompression(file: string, kind: Exclude<Compression, 'gzip' | 'zstd'>): SbomError {
  const command: Readonly<Record<typeof kind, string>> = {
    xz: 'xz -dk FILE',
    bzip2: 'bzip2 -dk FILE',
    lz4: 'lz4 -d FILE',
    '7z': '7z x FILE',
  }
  return new SbomError(
    file,
    `is ${NAMES[kind]}-compressed file; the action decompresses gzip and zstd only.`,
    {
      hint: `Decompress it in a previous step (e.g. \`${command[kind]}\`) and point sbom at the SBOM it holds, or compress it with gzip or zstd instead.`,
    },
  )
}

// --- tar ---

export interface ArchiveEntry {
  readonly name: string
  readonly size: number
  /** Regular file (tar: '0' or NUL; zip: a name not ending in '/'). */
  readonly isFile: boolean
}

interface TarEntry extends ArchiveEntry {
  /** Where the entry's data starts in the archive. */
  readonly offset: number
}

const BLOCK = 512

/** A POSIX (ustar) or GNU tar header: the magic at 257, and a checksum that adds up. */
function isTarHeader(head: Uint8Array): boolean {
  if (head.length < BLOCK) return false
  const magic = ascii(head, 257, 5)
  return magic === 'ustar' && checksumMatches(head, 0)
}

function checksumMatches(bytes: Uint8Array, at: number): boolean {
  const stored = parseOctal(bytes, at + 148, 8)
  if (stored === undefined) return false
  let sum = 0
  for (let index = 0; index < BLOCK; index++)
    sum += index >= 148 && index < 156 ? 0x20 : (bytes[at + index] ?? 0)
  return sum === stored
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  let text = ''
  for (let index = at; index < at + length && index < bytes.length; index++) {
    const byte = bytes[index] as number
    if (byte === 0) break
    text += String.fromCharCode(byte)
  }
  return text
}

/** A NUL- or space-terminated octal field, or GNU's base-256 for large sizes. */
function parseOctal(bytes: Uint8Array, at: number, length: number): number | undefined {
  if (((bytes[at] ?? 0) & 0x80) !== 0) {
    let value = 0
    for (let index = at + 1; index < at + length; index++) value = value * 256 + (bytes[index] ?? 0)
    return Number.isSafeInteger(value) ? value : undefined
  }
  const text = ascii(bytes, at, length).trim()
  if (text === '') return 0
  return /^[0-7]+$/.test(text) ? parseInt(text, 8) : undefined
}

function utf8(bytes: Uint8Array, at: number, length: number): string {
  let end = at
  while (end < at + length && end < bytes.length && bytes[end] !== 0) end++
  return Buffer.from(bytes.buffer, bytes.byteOffset + at, end - at).toString('utf8')
}

/** Every entry of a tar archive, long names (GNU 'L', pax 'path') resolved. */
export function listTar(file: string, bytes: Buffer, what: string): TarEntry[] {
  const entries: TarEntry[] = []
  let longName: string | undefined
  let offset = 0
  const damaged = (why: string) =>
    new SbomError(file, `is ${what}, but it is damaged: ${why}.`, {
      hint: 'Check that the step that wrote it finished, and that it was copied whole.',
    })
  while (offset + BLOCK <= bytes.length) {
    // The archive ends with zero blocks.
    if (bytes.subarray(offset, offset + BLOCK).every((byte) => byte === 0)) break
    if (!checksumMatches(bytes, offset))
      throw damaged(`the header at byte ${offset} has a wrong checksum`)
    const size = parseOctal(bytes, offset + 124, 12)
    if (size === undefined) throw damaged(`the header at byte ${offset} has no valid size`)
    const dataStart = offset + BLOCK
    if (dataStart + size > bytes.length)
      throw damaged(`the entry at byte ${offset} ends past the end of the file (truncated?)`)
    const type = String.fromCharCode(bytes[offset + 156] ?? 0)
    const data = bytes.subarray(dataStart, dataStart + size)
    if (type === 'L') longName = utf8(data, 0, data.length)
    else if (type === 'x') longName = paxPath(data) ?? longName
    else if (type !== 'g') {
      const prefix = ascii(bytes, offset + 257, 6) === 'ustar' ? utf8(bytes, offset + 345, 155) : ''
      const shortName = utf8(bytes, offset, 100)
      const name = longName ?? (prefix ? `${prefix}/${shortName}` : shortName)
      entries.push({ name, size, isFile: type === '0' || type === '\0', offset: dataStart })
      longName = undefined
    }
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK
  }
  return entries
}

/** The `path` record of a pax extended header ("LEN path=VALUE\n" records). */
function paxPath(data: Uint8Array): string | undefined {
  const text = Buffer.from(data.buffer, data.byteOffset, data.length).toString('utf8')
  for (const record of text.split('\n')) {
    const match = /^\d+ path=(.*)$/s.exec(record)
    if (match) return match[1]
  }
  return undefined
}

function baseName(name: string): string {
  return name.slice(name.lastIndexOf('/', name.length - 2) + 1)
}

/** A Yocto image's SPDX archive: an index (index.json, or IMAGE.spdx.index.json) and SPDX JSON. */
export function isYoctoSpdxArchive(entries: readonly ArchiveEntry[]): boolean {
  const files = entries.filter((entry) => entry.isFile).map((entry) => baseName(entry.name))
  return (
    files.some((name) => name === 'index.json' || name.endsWith('.spdx.index.json')) &&
    files.some((name) => name.endsWith('.spdx.json'))
  )
}

function readTar(
  file: string,
  bytes: Buffer,
  what: string,
  readYocto: YoctoArchiveReader,
): { readonly document: JsonObject; readonly notes: readonly string[] } {
  const entries = listTar(file, bytes, what)
  const files = entries.filter((entry) => entry.isFile)
  if (isYoctoSpdxArchive(entries)) {
    const documents = files.filter((entry) => entry.name.endsWith('.spdx.json')).length
    const document = readYocto(file, bytes)
    // The reader says how it combined the documents; a reader that says nothing gets ours.
    const notes = yoctoArchiveNotes(document)
    return {
      document,
      notes:
        notes.length > 0
          ? notes
          : [`${what} of SPDX documents (Yocto, ${documents} documents), read as one document.`],
    }
  }
  throw new SbomError(file, `is ${what} ${listing(files)}, not an SBOM.`, {
    hint:
      files.length === 0
        ? 'Point sbom at the SBOM file itself.'
        : 'Extract it in a previous step (`tar -xf FILE`) and point sbom at the SBOM file(s) inside. (A Yocto SPDX archive, <image>.spdx.tar.zst, is read as it is.)',
  })
}

/** "holding one file, a.json" / "with 3 files (a, b, c)" / "with no files". */
function listing(files: readonly ArchiveEntry[]): string {
  if (files.length === 0) return 'with no files'
  if (files.length === 1) return `holding one file, ${shown((files[0] as ArchiveEntry).name)}`
  const names = files.slice(0, 5).map((entry) => shown(entry.name))
  const more = files.length > names.length ? `, … ${files.length - names.length} more` : ''
  return `with ${files.length} files (${names.join(', ')}${more})`
}

/** An archive entry name for a message: bounded, control characters escaped. */
function shown(name: string): string {
  const short = name.length > 80 ? `${name.slice(0, 77)}…` : name
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f]/.test(short) ? JSON.stringify(short) : short
}

// --- zip ---

const END_OF_CENTRAL_DIRECTORY = 0x06054b50
const CENTRAL_FILE_HEADER = 0x02014b50

/** Entries of a zip archive, from its central directory; undefined when that cannot be found. */
export function listZip(bytes: Buffer): ArchiveEntry[] | undefined {
  // The end record (22 bytes) is followed by a comment of up to 65,535 bytes.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff)
  let end = -1
  for (let at = bytes.length - 22; at >= lowest; at--)
    if (bytes.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) {
      end = at
      break
    }
  if (end < 0) return undefined
  const count = bytes.readUInt16LE(end + 10)
  let at = bytes.readUInt32LE(end + 16)
  const entries: ArchiveEntry[] = []
  for (let index = 0; index < count; index++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL_FILE_HEADER) return undefined
    const size = bytes.readUInt32LE(at + 24)
    const nameLength = bytes.readUInt16LE(at + 28)
    const skip = nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32)
    if (at + 46 + nameLength > bytes.length) return undefined
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength)
    entries.push({ name, size, isFile: !name.endsWith('/') })
    at += 46 + skip
  }
  return entries
}

const SBOM_NAME = /\.(cdx\.json|bom\.json|cdx\.xml|bom\.xml|spdx\.json|spdx|json|xml)$/i

function refuseZip(file: string, bytes: Buffer): SbomError {
  const entries = listZip(bytes)
  if (entries === undefined)
    return new SbomError(
      file,
      'is a zip archive, but its table of contents (central directory) is missing or damaged: truncated?',
      {
        hint: 'Point sbom at the SBOM file itself, not at an archive; unzip it in a previous step.',
      },
    )
  const files = entries.filter((entry) => entry.isFile)
  const action = 'the action reads SBOM files, not archives'
  if (files.length > 0 && files.every((entry) => /\.cdx\.json$/i.test(entry.name)))
    return new SbomError(
      file,
      `is a zip archive ${listing(files)}: CycloneDX JSON, like the artifact this action uploads; ${action}.`,
      {
        hint: 'Unzip it in a previous step (`unzip -d sboms FILE`) and point sbom at the files inside (e.g. `sboms/*.cdx.json`).',
      },
    )
  if (files.length === 1 && SBOM_NAME.test((files[0] as ArchiveEntry).name))
    return new SbomError(file, `is a zip archive ${listing(files)}; ${action}.`, {
      hint: 'Unzip it in a previous step (`unzip -d sboms FILE`) and point sbom at that file.',
    })
  return new SbomError(file, `is a zip archive ${listing(files)}; ${action}.`, {
    hint:
      files.length === 0
        ? 'Point sbom at the SBOM file itself.'
        : 'Unzip it in a previous step and point sbom at the SBOM file(s) inside.',
  })
}
