import { crc32, inflateRawSync } from 'node:zlib'
import { strFromU8, unzipSync } from 'fflate'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  buildArtifact,
  entryNameFor,
  safeEntryName,
  startCompressing,
} from '../../src/sbom/archive.ts'
import { SbomError } from '../../src/shared/errors.ts'

interface ZipEntry {
  name: string
  content: string
  method: number
  dosTime: number
  dosDate: number
  extraLength: number
  /** Central directory: the system that made it (3: Unix) and the file mode it states. */
  madeOn: number
  mode: number
  /** Central directory values, checked against the data. */
  crc: number
  size: number
}

/** Just enough of a zip reader to check what we write: central directory → local headers → inflate. */
function unzip(zip: Buffer): ZipEntry[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  expect(end).toBeGreaterThanOrEqual(0)
  const count = zip.readUInt16LE(end + 10)
  let offset = zip.readUInt32LE(end + 16)
  const entries: ZipEntry[] = []
  for (let index = 0; index < count; index += 1) {
    expect(zip.readUInt32LE(offset)).toBe(0x02014b50)
    const method = zip.readUInt16LE(offset + 10)
    const compressedSize = zip.readUInt32LE(offset + 20)
    const nameLength = zip.readUInt16LE(offset + 28)
    const centralExtra = zip.readUInt16LE(offset + 30)
    const commentLength = zip.readUInt16LE(offset + 32)
    const localOffset = zip.readUInt32LE(offset + 42)
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength)
    const localExtra = zip.readUInt16LE(localOffset + 28)
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + localExtra
    const data = zip.subarray(dataStart, dataStart + compressedSize)
    const bytes = method === 8 ? inflateRawSync(data) : data
    entries.push({
      name,
      content: bytes.toString('utf8'),
      madeOn: zip.readUInt8(offset + 5),
      mode: zip.readUInt32LE(offset + 38) >>> 16,
      crc: zip.readUInt32LE(offset + 16),
      size: zip.readUInt32LE(offset + 24),
      method,
      dosTime: zip.readUInt16LE(offset + 12),
      dosDate: zip.readUInt16LE(offset + 14),
      extraLength: centralExtra + localExtra,
    })
    expect(bytes.length).toBe(entries.at(-1)!.size)
    expect(crc32(bytes)).toBe(entries.at(-1)!.crc)
    offset += 46 + nameLength + centralExtra + commentLength
  }
  return entries
}

describe('buildArtifact', () => {
  const entries = [
    { name: 'firmware.cdx.json', content: `${JSON.stringify({ a: 'x'.repeat(500) }, null, 2)}\n` },
    { name: 'bootloader.cdx.json', content: '{"b":2}\n' },
  ]

  it('zips deterministically: byte-identical across runs, files in the given order', async () => {
    const first = await buildArtifact(entries, 'zip')
    const second = await buildArtifact(entries, 'zip')
    expect(Buffer.compare(first, second)).toBe(0)
    expect(unzip(first).map((entry) => [entry.name, entry.content])).toEqual(
      entries.map((entry) => [entry.name, entry.content]),
    )
  })

  it('deflates with a fixed 1980-01-01 00:00 timestamp, no extra fields, as rw-r--r-- Unix files', async () => {
    for (const entry of unzip(await buildArtifact(entries, 'zip'))) {
      expect(entry.method).toBe(8)
      expect(entry.madeOn).toBe(3)
      expect(entry.mode).toBe(0o100644)
      expect(entry.dosDate).toBe((0 << 9) | (1 << 5) | 1)
      expect(entry.dosTime).toBe(0)
      expect(entry.extraLength).toBe(0)
    }
  })

  it('does not depend on the time of day or the time zone', async () => {
    const before = await buildArtifact(entries, 'zip')
    const zone = process.env.TZ
    process.env.TZ = 'Pacific/Kiritimati'
    try {
      expect(Buffer.compare(await buildArtifact(entries, 'zip'), before)).toBe(0)
    } finally {
      if (zone === undefined) delete process.env.TZ
      else process.env.TZ = zone
    }
  })

  it('gives the same bytes whether an entry was compressed beforehand or not', async () => {
    const large = `${JSON.stringify({ items: Array.from({ length: 20_000 }, (_, n) => ({ n, hash: (n * 2654435761).toString(16) })) })}`
    const plain = [{ name: 'large.cdx.json', content: large }, ...entries]
    const precompressed = plain.map((entry) => ({
      ...entry,
      compressed: startCompressing(entry.content),
    }))
    const zip = await buildArtifact(precompressed, 'zip')
    expect(Buffer.compare(zip, await buildArtifact(plain, 'zip'))).toBe(0)
    expect(unzip(zip).map((entry) => entry.content)).toEqual([
      `${large}\n`,
      ...entries.map((entry) => entry.content),
    ])
  })

  it('writes one plain JSON file as is, and refuses several or none, pointing at zip', async () => {
    expect((await buildArtifact(entries.slice(1), 'json')).toString()).toBe('{"b":2}\n')
    const several = buildArtifact(entries, 'json')
    await expect(several).rejects.toBeInstanceOf(SbomError)
    await expect(several).rejects.toThrow(/exactly one SBOM, got 2/)
    await expect(several).rejects.toMatchObject({
      hint: expect.stringMatching(/sbom-archive: zip/),
    })
    await expect(buildArtifact([], 'json')).rejects.toThrow(/got 0/)
  })

  it('ends every file with exactly one newline, multi-byte text intact', async () => {
    const text = '{"name":"capteur-été ✓ 😀"}'
    const json = await buildArtifact([{ name: 'a.cdx.json', content: text }], 'json')
    expect(json.toString('utf8')).toBe(`${text}\n`)
    const zipped = unzipSync(await buildArtifact([{ name: 'a.cdx.json', content: text }], 'zip'))
    expect(strFromU8(zipped['a.cdx.json']!)).toBe(`${text}\n`)
  })
})

describe('zip entry names', () => {
  it.each([
    ['build/sbom.cdx.json', 'sbom.cdx.json'],
    ['..\\..\\evil.json', '____evil.cdx.json'],
    ['build/..\\..\\etc\\passwd', '____etc_passwd.cdx.json'],
    ['.hidden.json', '_hidden.cdx.json'],
    ['...json', '_.cdx.json'],
    ['..', '_.cdx.json'],
    ['a\u0000b\r\nc.json', 'a_b__c.cdx.json'],
    ['invoice\u202Efdp.json', 'invoice_fdp.cdx.json'],
    ['C:evil.json', 'C_evil.cdx.json'],
    [
      '<img src=x onerror=alert(1)>[link](javascript:x)|pipe.json',
      '_img src=x onerror=alert(1)_[link](javascript_x)_pipe.cdx.json',
    ],
    ['build/', 'sbom.cdx.json'],
    // A base ending in a dot would meet the extension's dot as `..`.
    ['forged..cdx.json', 'forged.cdx.json'],
    ['name. .json', 'name.cdx.json'],
    ['....cdx.json', '_.cdx.json'],
    ['', 'sbom.cdx.json'],
    // A compressed input's entry is named for what is inside.
    ['build/sbom.cdx.json.gz', 'sbom.cdx.json'],
    ['image.spdx.tar.zst', 'image.spdx.cdx.json'],
  ])('%j → %j', (file, name) => {
    expect(entryNameFor(file)).toBe(name)
  })

  it('keeps long names within 150 bytes of UTF-8, whole characters only', () => {
    const name = entryNameFor(`${'é'.repeat(300)}.json`)
    expect(name).toBe(`${'é'.repeat(75)}.cdx.json`)
  })

  it('is always one plain file name, and making a safe name safe changes nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (file) => {
        const name = entryNameFor(file)
        expect(name).not.toMatch(/[\\/\p{Cc}\p{Cf}\p{Cs}]|\.\.|^\./u)
        expect(name.endsWith('.cdx.json')).toBe(true)
        expect(Buffer.byteLength(name)).toBeLessThanOrEqual(150 + '.cdx.json'.length)
        expect(safeEntryName(name)).toBe(name)
      }),
      { numRuns: 2_000 },
    )
  })

  it('refuses to zip an unsafe or repeated name (a bug upstream, not a user error)', async () => {
    await expect(buildArtifact([{ name: '../x.cdx.json', content: '{}' }], 'zip')).rejects.toThrow(
      'zip entry name "../x.cdx.json" is unsafe or used twice',
    )
    await expect(
      buildArtifact(
        [
          { name: 'x.cdx.json', content: '{}' },
          { name: 'x.cdx.json', content: '{}' },
        ],
        'zip',
      ),
    ).rejects.toThrow('zip entry name "x.cdx.json" is unsafe or used twice')
  })
})
