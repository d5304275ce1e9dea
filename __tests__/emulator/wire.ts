// Wire-level helpers of the loopback AWS emulator: errors, answers, aws-chunked bodies,
// S3's checksum algorithms and a small zip reader. Node built-ins only; erasable TypeScript only.
import { createHash } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { crc32, inflateRawSync } from 'node:zlib'

/** An error the emulator answers with: HTTP status plus the service's error code. */
export class EmulatedError extends Error {
  readonly status: number
  readonly code: string
  /** Extra members of a restJson1 error body (e.g. ConflictException's resourceId). */
  readonly fields: Record<string, string>
  constructor(status: number, code: string, message: string, fields: Record<string, string> = {}) {
    super(message)
    this.status = status
    this.code = code
    this.fields = fields
  }
}

export interface Answer {
  status: number
  headers: Record<string, string>
  body: Buffer | string | undefined
}

export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/'

export function xmlAnswer(body: string, headers: Record<string, string> = {}): Answer {
  return {
    status: 200,
    headers: { 'content-type': 'application/xml', ...headers },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}`,
  }
}

export function jsonAnswer(body: unknown): Answer {
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

/** `<Name>text</Name>`, escaped; nothing when the value is undefined. */
export function element(name: string, value: string | number | boolean | undefined): string {
  return value === undefined ? '' : `<${name}>${escapeXml(String(value))}</${name}>`
}

export function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })
}

export function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name]
  return typeof value === 'string' ? value : Array.isArray(value) ? value.join(',') : undefined
}

// ---------------------------------------------------------------- aws-chunked

/**
 * Decodes an `aws-chunked` payload (the SDK's streaming upload framing, inside any HTTP
 * chunking): `hex-size[;chunk-signature=…]\r\n<data>\r\n` … `0[;…]\r\n` then trailer lines
 * `name:value\r\n` and a final `\r\n`. Trailer names come back lower-cased.
 */
export function decodeAwsChunked(raw: Buffer): { body: Buffer; trailers: Record<string, string> } {
  const chunks: Buffer[] = []
  let offset = 0
  for (;;) {
    const lineEnd = raw.indexOf('\r\n', offset)
    if (lineEnd < 0)
      throw new EmulatedError(
        400,
        'IncompleteBody',
        'The aws-chunked body ended inside a chunk header.',
      )
    const sizeText = raw.subarray(offset, lineEnd).toString('latin1').split(';')[0]?.trim() ?? ''
    if (!/^[0-9a-fA-F]+$/.test(sizeText))
      throw new EmulatedError(
        400,
        'InvalidRequest',
        `Invalid aws-chunked chunk size "${sizeText}".`,
      )
    const size = Number.parseInt(sizeText, 16)
    offset = lineEnd + 2
    if (size === 0) break
    if (offset + size + 2 > raw.length)
      throw new EmulatedError(
        400,
        'IncompleteBody',
        'You did not provide the number of bytes specified by the chunk size.',
      )
    chunks.push(raw.subarray(offset, offset + size))
    offset += size
    if (raw.subarray(offset, offset + 2).toString('latin1') !== '\r\n')
      throw new EmulatedError(
        400,
        'InvalidRequest',
        'An aws-chunked chunk is not followed by CRLF.',
      )
    offset += 2
  }
  const trailers: Record<string, string> = {}
  for (const line of raw.subarray(offset).toString('latin1').split('\r\n')) {
    if (line === '') continue
    const colon = line.indexOf(':')
    if (colon <= 0)
      throw new EmulatedError(
        400,
        'MalformedTrailerError',
        'The request contained trailing data that was not well-formed.',
      )
    trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return { body: Buffer.concat(chunks), trailers }
}

// ---------------------------------------------------------------- checksums

/** The full-object checksum algorithms the emulator computes, as S3 names them. */
export type ChecksumAlgorithm =
  'CRC32' | 'CRC32C' | 'CRC64NVME' | 'SHA1' | 'SHA256' | 'SHA512' | 'MD5'

export const CHECKSUM_ALGORITHMS: readonly ChecksumAlgorithm[] = [
  'CRC32',
  'CRC32C',
  'CRC64NVME',
  'SHA1',
  'SHA256',
  'SHA512',
  'MD5',
]

/** Algorithms newer SDKs know that the emulator does not compute (it refuses them, 501). */
export const UNVERIFIED_CHECKSUMS = ['XXHASH64', 'XXHASH3', 'XXHASH128']

const DIGEST_BYTES: Record<ChecksumAlgorithm, number> = {
  CRC32: 4,
  CRC32C: 4,
  CRC64NVME: 8,
  SHA1: 20,
  SHA256: 32,
  SHA512: 64,
  MD5: 16,
}

export function checksumHeader(algorithm: string): string {
  return `x-amz-checksum-${algorithm.toLowerCase()}`
}

/** True when `value` is base64 of exactly as many bytes as the algorithm's digest. */
export function isWellFormedChecksum(algorithm: ChecksumAlgorithm, value: string): boolean {
  return (
    /^[A-Za-z0-9+/]*={0,2}$/.test(value) &&
    value.length % 4 === 0 &&
    Buffer.from(value, 'base64').length === DIGEST_BYTES[algorithm]
  )
}

/** Base64 of the big-endian digest, the way S3 writes every x-amz-checksum-* value. */
export function checksumOf(algorithm: ChecksumAlgorithm, body: Uint8Array): string {
  switch (algorithm) {
    case 'CRC32':
      return uint32Bytes(crc32(body)).toString('base64')
    case 'CRC32C':
      return uint32Bytes(crc32c(body)).toString('base64')
    case 'CRC64NVME':
      return crc64nvme(body).toString('base64')
    case 'SHA1':
    case 'SHA256':
    case 'SHA512':
    case 'MD5':
      return createHash(algorithm.toLowerCase()).update(body).digest('base64')
  }
}

function uint32Bytes(value: number): Buffer {
  const bytes = Buffer.alloc(4)
  bytes.writeUInt32BE(value >>> 0)
  return bytes
}

let crc32cTable: Uint32Array | undefined

/** CRC-32C (Castagnoli), reflected polynomial 0x82F63B78. */
export function crc32c(body: Uint8Array): number {
  if (!crc32cTable) {
    crc32cTable = new Uint32Array(256)
    for (let index = 0; index < 256; index += 1) {
      let crc = index
      for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1
      crc32cTable[index] = crc >>> 0
    }
  }
  const table = crc32cTable
  let crc = 0xffffffff
  for (const byte of body) crc = (crc >>> 8) ^ (table[(crc ^ byte) & 0xff] ?? 0)
  return (crc ^ 0xffffffff) >>> 0
}

let crc64Tables: { high: Uint32Array; low: Uint32Array } | undefined

/**
 * CRC-64/NVME (reflected polynomial 0x9A6C9329AC4BC9B5, init and xor-out all ones), which S3
 * computes for every object uploaded without a checksum. 64-bit state kept as two 32-bit halves.
 */
export function crc64nvme(body: Uint8Array): Buffer {
  if (!crc64Tables) {
    const high = new Uint32Array(256)
    const low = new Uint32Array(256)
    for (let index = 0; index < 256; index += 1) {
      let hi = 0
      let lo = index
      for (let bit = 0; bit < 8; bit += 1) {
        const carry = lo & 1
        lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0
        hi = hi >>> 1
        if (carry) {
          hi = (hi ^ 0x9a6c9329) >>> 0
          lo = (lo ^ 0xac4bc9b5) >>> 0
        }
      }
      high[index] = hi
      low[index] = lo
    }
    crc64Tables = { high, low }
  }
  const { high, low } = crc64Tables
  let hi = 0xffffffff
  let lo = 0xffffffff
  for (const byte of body) {
    const index = (lo ^ byte) & 0xff
    lo = (((lo >>> 8) | (hi << 24)) ^ (low[index] ?? 0)) >>> 0
    hi = ((hi >>> 8) ^ (high[index] ?? 0)) >>> 0
  }
  const digest = Buffer.alloc(8)
  digest.writeUInt32BE((hi ^ 0xffffffff) >>> 0, 0)
  digest.writeUInt32BE((lo ^ 0xffffffff) >>> 0, 4)
  return digest
}

// ---------------------------------------------------------------- zip

export interface ZipEntry {
  name: string
  content: Buffer
}

/**
 * Reads every file of a zip through its central directory (stored and deflated entries; no
 * zip64, no encryption) and checks each file's CRC-32. Throws a plain Error on anything else.
 */
export function readZip(zip: Buffer): ZipEntry[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  if (end < 0 || end + 22 > zip.length)
    throw new Error('not a zip archive (no end of central directory record)')
  const entries = zip.readUInt16LE(end + 10)
  let offset = zip.readUInt32LE(end + 16)
  const files: ZipEntry[] = []
  for (let index = 0; index < entries; index += 1) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== 0x02014b50)
      throw new Error(`zip central directory entry ${index} is damaged`)
    const flags = zip.readUInt16LE(offset + 8)
    const method = zip.readUInt16LE(offset + 10)
    const crc = zip.readUInt32LE(offset + 16)
    const compressedSize = zip.readUInt32LE(offset + 20)
    const nameLength = zip.readUInt16LE(offset + 28)
    const extraLength = zip.readUInt16LE(offset + 30)
    const commentLength = zip.readUInt16LE(offset + 32)
    const localHeader = zip.readUInt32LE(offset + 42)
    const name = zip.subarray(offset + 46, offset + 46 + nameLength).toString('utf8')
    offset += 46 + nameLength + extraLength + commentLength
    if (name.endsWith('/')) continue
    if (flags & 1) throw new Error(`zip entry ${name} is encrypted`)
    if (localHeader + 30 > zip.length || zip.readUInt32LE(localHeader) !== 0x04034b50)
      throw new Error(`zip entry ${name} has no local file header`)
    const dataStart =
      localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28)
    const data = zip.subarray(dataStart, dataStart + compressedSize)
    if (data.length !== compressedSize) throw new Error(`zip entry ${name} is truncated`)
    let content: Buffer
    if (method === 0) content = Buffer.from(data)
    else if (method === 8) content = inflateRawSync(data)
    else throw new Error(`zip entry ${name} uses unsupported compression method ${method}`)
    if (crc32(content) >>> 0 !== crc) throw new Error(`zip entry ${name} fails its CRC-32 check`)
    files.push({ name, content })
  }
  return files
}
