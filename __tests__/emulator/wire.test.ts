// The emulator's wire helpers against published check values and independent encoders (yazl,
// the SDK round trips in aws-emulator.test.ts), so the S3 checksum verification and the fake validation's unzip can be trusted.
import yazl from 'yazl'
import { describe, expect, it } from 'vitest'
import { checksumOf, crc32c, crc64nvme, decodeAwsChunked, readZip } from './wire.ts'

const CHECK = Buffer.from('123456789')

async function zipOf(files: Record<string, string>, compress: boolean): Promise<Buffer> {
  const zip = new yazl.ZipFile()
  for (const [name, content] of Object.entries(files))
    zip.addBuffer(Buffer.from(content), name, { compress })
  zip.end()
  const chunks: Buffer[] = []
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

describe('checksums', () => {
  it('match the catalogued check values of CRC-32C and CRC-64/NVME', () => {
    expect(crc32c(CHECK).toString(16)).toBe('e3069283')
    expect(crc64nvme(CHECK).toString('hex')).toBe('ae8b14860a799888')
    expect(crc32c(Buffer.alloc(0))).toBe(0)
  })

  it('are written as base64 of the big-endian digest, like x-amz-checksum-* values', () => {
    expect(checksumOf('CRC32', CHECK)).toBe(Buffer.from('cbf43926', 'hex').toString('base64'))
    expect(checksumOf('CRC32C', CHECK)).toBe(Buffer.from('e3069283', 'hex').toString('base64'))
    expect(checksumOf('SHA256', Buffer.from('hello world'))).toBe(
      'uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=',
    )
  })
})

describe('decodeAwsChunked', () => {
  it('joins signed and unsigned chunks and returns lower-cased trailers', () => {
    const raw = Buffer.from(
      '5;chunk-signature=abc\r\nhello\r\n6\r\n world\r\n0;chunk-signature=def\r\nX-Amz-Checksum-CRC32:DUoRhQ==\r\nx-amz-trailer-signature:00\r\n\r\n',
    )
    expect(decodeAwsChunked(raw)).toEqual({
      body: Buffer.from('hello world'),
      trailers: { 'x-amz-checksum-crc32': 'DUoRhQ==', 'x-amz-trailer-signature': '00' },
    })
  })

  it('refuses a body shorter than its chunk sizes say', () => {
    expect(() => decodeAwsChunked(Buffer.from('10\r\nshort\r\n0\r\n\r\n'))).toThrow(
      /number of bytes/,
    )
    expect(() => decodeAwsChunked(Buffer.from('zz\r\n'))).toThrow(/chunk size/)
  })
})

describe('readZip', () => {
  it('reads stored and deflated entries and skips directories', async () => {
    const files = { 'a.json': '{"a":1}', 'dir/b.json': 'b'.repeat(5000) }
    for (const compress of [false, true]) {
      const entries = readZip(await zipOf(files, compress))
      expect(entries.map((entry) => [entry.name, entry.content.toString()])).toEqual(
        Object.entries(files),
      )
    }
  })

  it('notices a corrupted entry and a buffer that is no zip', async () => {
    const zip = await zipOf({ 'a.json': '{"bomFormat":"CycloneDX"}' }, false)
    const corrupted = Buffer.from(zip)
    const at = corrupted.indexOf('CycloneDX')
    corrupted[at] = 'c'.charCodeAt(0)
    expect(() => readZip(corrupted)).toThrow(/CRC-32/)
    expect(() => readZip(Buffer.from('PK but not really'))).toThrow(/not a zip/)
  })
})
