// Compressed inputs and archives, recognised by their first bytes: gzip and zstd are read within
// the size budget, a Yocto SPDX archive goes to its reader, everything else is refused by name.
import { readFileSync } from 'node:fs'
import { constants, gzipSync, zstdCompressSync } from 'node:zlib'
import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import {
  identifyContainer,
  isYoctoSpdxArchive,
  listTar,
  listZip,
  unpackInput,
} from '../../src/formats/compressed.ts'
import { MAX_INPUT_BYTES, normalizeSbom } from '../../src/sbom/normalize.ts'
import { normalizeRefusal, normalizeRequest } from '../sbom/normalize-request.ts'
import { gzipOf, tarOf, yoctoSpdxTar, zstdOf } from '../fixtures/formats/archives.ts'

const DEMO = readFileSync('__tests__/fixtures/demo/thermostat.cdx.json', 'utf8')
const XML = readFileSync('__tests__/fixtures/xml/thermostat.cdx.xml', 'utf8')
const SPDX_JSON = readFileSync('__tests__/fixtures/spdx/dependency-graph.spdx.json', 'utf8')
const MiB = 1024 * 1024

const refusal = normalizeRefusal

describe('identifyContainer', () => {
  it.each([
    ['gzip', gzipOf('x')],
    ['zstd', zstdOf('x')],
    ['zip', Buffer.from(zipSync({ 'a.txt': new Uint8Array([1]) }))],
    ['zip', Buffer.from(zipSync({}))],
    ['xz', Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04])],
    ['bzip2', Buffer.from('425a683931415926535900', 'hex')],
    ['bzip2', Buffer.from('425a683917724538509000000000', 'hex')],
    ['lz4', Buffer.from([0x04, 0x22, 0x4d, 0x18, 0x64])],
    ['7z', Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0x00, 0x04])],
    ['tar', tarOf({ 'a.json': '{}' })],
  ])('%s', (kind, bytes) => {
    expect(identifyContainer(bytes.subarray(0, 512))).toBe(kind)
  })

  it('is not fooled by text that starts like one', () => {
    expect(identifyContainer(Buffer.from('BZh9 is how a bzip2 file starts'))).toBeUndefined()
    // "ustar" where a tar header has it, but no header checksum that adds up.
    const text = Buffer.from(`${'x'.repeat(257)}ustar${' '.repeat(250)}`)
    expect(identifyContainer(text)).toBeUndefined()
    expect(identifyContainer(Buffer.from(DEMO))).toBeUndefined()
  })
})

describe('gzip and zstd', () => {
  it('reads a gzip-compressed CycloneDX JSON like the file itself, with a note', async () => {
    const plain = await normalizeSbom(normalizeRequest('build/sbom.cdx.json', DEMO))
    const gzipped = await normalizeSbom(normalizeRequest('build/sbom.cdx.json', gzipOf(DEMO)))
    expect(gzipped.json).toBe(plain.json)
    expect(gzipped.report.sourceFormat).toBe('CycloneDX JSON')
    expect(gzipped.report.notes[0]).toMatch(
      /^decompressed from gzip \(\d+ → \d+ bytes\) and read what was inside\.$/,
    )
  })

  it('reads a zstd-compressed SPDX JSON', async () => {
    const plain = await normalizeSbom(normalizeRequest('sbom.spdx.json', SPDX_JSON))
    const compressed = await normalizeSbom(normalizeRequest('sbom.spdx.json', zstdOf(SPDX_JSON)))
    expect(compressed.json).toBe(plain.json)
    expect(compressed.report.sourceFormat).toBe('SPDX JSON')
    expect(compressed.report.notes[0]).toMatch(/^decompressed from zstd \(/)
  })

  it('reads compressed XML and the GitHub API response inside gzip', async () => {
    const xml = await normalizeSbom(normalizeRequest('bom.xml.gz', gzipOf(XML)))
    expect(xml.report.sourceFormat).toBe('CycloneDX XML')
    const response = readFileSync(
      '__tests__/fixtures/formats/github-dependency-graph-response.json',
    )
    const wrapped = await normalizeSbom(normalizeRequest('sbom.json.zst', zstdOf(response)))
    expect(wrapped.report.notes.slice(0, 2)).toEqual([
      expect.stringMatching(/^decompressed from zstd/),
      'the GitHub dependency-graph API response: its `sbom` member was read.',
    ])
  })

  it('reads several gzip members and zstd frames one after the other as one file', async () => {
    // The demo's 4 components and its root (thermostat-firmware 2.4.0), which the IoT package
    // depends on.
    const half = DEMO.length >> 1
    const members = Buffer.concat([gzipOf(DEMO.slice(0, half)), gzipOf(DEMO.slice(half))])
    expect((await normalizeSbom(normalizeRequest('a.gz', members))).componentCount).toBe(5)
    const frames = Buffer.concat([zstdOf(DEMO.slice(0, half)), zstdOf(DEMO.slice(half))])
    expect((await normalizeSbom(normalizeRequest('a.zst', frames))).componentCount).toBe(5)
  })

  it('reads every zstd frame (node:zlib alone stops after the first), checksums and skippable frames included', async () => {
    const withChecksum = zstdCompressSync(DEMO.slice(0, 100), {
      params: { [constants.ZSTD_c_checksumFlag]: 1 },
    })
    const skippable = Buffer.concat([
      Buffer.from([0x5a, 0x2a, 0x4d, 0x18, 0x03, 0x00, 0x00, 0x00]),
      Buffer.from('abc'),
    ])
    const bytes = Buffer.concat([withChecksum, skippable, zstdOf(DEMO.slice(100))])
    const unpacked = unpackInput('a.zst', bytes, MAX_INPUT_BYTES)
    expect(unpacked.content?.toString()).toBe(DEMO)
  })

  it('refuses data after the last zstd frame rather than ignoring it', () => {
    const bytes = Buffer.concat([zstdOf(DEMO), Buffer.from('trailing')])
    expect(() => unpackInput('a.zst', bytes, MAX_INPUT_BYTES)).toThrow(
      /^a\.zst: is a zstd-compressed file, but it cannot be decompressed \(8 bytes after its last frame are not a zstd frame\): damaged or truncated\?$/,
    )
  })

  it('names the decompressed content in what is wrong with it', async () => {
    const error = await refusal(gzipOf('{"bomFormat": "CycloneDX", '), 'build/sbom.json.gz')
    expect(error.message).toMatch(
      /^build\/sbom\.json\.gz \(decompressed from gzip\): is not valid JSON at line 1/,
    )
    expect((await refusal(zstdOf(''), 'sbom.zst')).message).toBe(
      'sbom.zst (decompressed from zstd): is empty (0 bytes).',
    )
    expect((await refusal(gzipOf(Buffer.from([0xff, 0xfe, 0x00])), 'x.gz')).message).toMatch(
      /^x\.gz \(decompressed from gzip\): is not valid UTF-8 text: it is UTF-16/,
    )
  })

  it.each([
    ['gzip', gzipOf(DEMO)],
    ['zstd', zstdOf(DEMO)],
  ])('refuses a damaged or truncated %s file', async (kind, bytes) => {
    const truncated = bytes.subarray(0, bytes.length - 20)
    const error = await refusal(truncated, 'sbom.bin')
    expect(error.message).toMatch(
      new RegExp(
        `^sbom\\.bin: is a ${kind}-compressed file, but it cannot be decompressed \\(.+\\): damaged or truncated\\?$`,
      ),
    )
    expect(error.hint).toMatch(kind === 'gzip' ? /gzip -t/ : /zstd -t/)
  })

  it('refuses compressed data inside compressed data', async () => {
    const error = await refusal(gzipOf(gzipOf(DEMO)))
    expect(error.message).toMatch(
      /is a gzip-compressed file holding gzip-compressed data \(compressed twice\), not an SBOM\./,
    )
  })
})

describe('the size budget', () => {
  it.each([
    ['gzip', gzipSync(Buffer.alloc(2 * MiB, 0x20))],
    ['zstd', zstdCompressSync(Buffer.alloc(2 * MiB, 0x20))],
  ])('stops a %s file at the budget, naming it', (kind, bytes) => {
    expect(() => unpackInput('bomb', bytes, MiB)).toThrow(
      new RegExp(
        `^bomb: is a ${kind}.* that decompresses to more than 1 MiB, the limit for one SBOM; it was not decompressed further\\.$`,
      ),
    )
    // Just under the budget is read.
    const exact = unpackInput('ok', bytes, 2 * MiB)
    expect(exact.content?.length).toBe(2 * MiB)
  })

  it('stops gzip and zstd bombs at MAX_INPUT_BYTES through normalizeSbom, without inflating them whole', async () => {
    // 9 × 64 MiB of spaces: 576 MiB once decompressed, from well under a megabyte.
    const chunk = Buffer.alloc(64 * MiB, 0x20)
    const bombs = {
      gzip: Buffer.concat(Array.from({ length: 9 }, () => gzipSync(chunk, { level: 9 }))),
      zstd: Buffer.concat(Array.from({ length: 9 }, () => zstdCompressSync(chunk))),
    }
    for (const [kind, bomb] of Object.entries(bombs)) {
      expect(bomb.length).toBeLessThan(2 * MiB)
      const error = await refusal(bomb, `bomb.${kind}`)
      expect(error.message).toMatch(
        `decompresses to more than ${MAX_INPUT_BYTES / MiB} MiB, the limit for one SBOM`,
      )
    }
  })

  it('refuses zstd frames that need a window above 128 MiB', () => {
    // Frame header: magic, descriptor 0 (no content size, not single segment), window log 31.
    const frame = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, (31 - 10) << 3, 0x01, 0x00, 0x00])
    expect(() => unpackInput('f.zst', frame, MAX_INPUT_BYTES)).toThrow(
      /needs a decoding window above 128 MiB \(compressed with --long\?\)/,
    )
  })
})

describe('compressions the action does not decompress', () => {
  it.each([
    ['an xz', Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04, 0xe6]), /xz -dk/],
    ['a bzip2', Buffer.from('425a683931415926535900ff', 'hex'), /bzip2 -dk/],
    ['an LZ4', Buffer.from([0x04, 0x22, 0x4d, 0x18, 0x64, 0x40, 0xa7]), /lz4 -d/],
    ['a 7-Zip', Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0x00, 0x04, 0x8d]), /7z x/],
  ])('%s: refused by name, with the command to run first', async (name, bytes, command) => {
    const error = await refusal(bytes, 'build/sbom.cdx.json.x')
    expect(error.message).toBe(
      `build/sbom.cdx.json.x: is ${name}-compressed file; the action decompresses gzip and zstd only.`,
    )
    expect(error.hint).toMatch(command)
    expect(error.hint).toMatch(/Decompress it in a previous step/)
  })
})

describe('zip archives', () => {
  const zip = (files: Record<string, string>) =>
    Buffer.from(
      zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)]))),
    )

  it("recognises this action's own artifact (*.cdx.json entries)", async () => {
    const error = await refusal(
      zip({ 'gateway.cdx.json': DEMO, 'sensor.cdx.json': DEMO, 'hub.cdx.json': DEMO }),
      'sbom.zip',
    )
    expect(error.message).toBe(
      'sbom.zip: is a zip archive with 3 files (gateway.cdx.json, sensor.cdx.json, hub.cdx.json): CycloneDX JSON, like the artifact this action uploads; the action reads SBOM files, not archives.',
    )
    expect(error.hint).toMatch(/unzip -d sboms FILE.*sboms\/\*\.cdx\.json/)
  })

  it('names the one SBOM a zip holds', async () => {
    const error = await refusal(zip({ 'out/sbom.spdx.json': SPDX_JSON }), 'artifact.zip')
    expect(error.message).toBe(
      'artifact.zip: is a zip archive holding one file, out/sbom.spdx.json; the action reads SBOM files, not archives.',
    )
    expect(error.hint).toMatch(/point sbom at that file/)
  })

  it('lists the first files of any other zip, and says when it is damaged', async () => {
    const many = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`dir/f${i}.bin`, 'x']))
    expect((await refusal(zip(many))).message).toBe(
      'build/sbom.json: is a zip archive with 8 files (dir/f0.bin, dir/f1.bin, dir/f2.bin, dir/f3.bin, dir/f4.bin, … 3 more); the action reads SBOM files, not archives.',
    )
    const whole = zip({ 'a.json': DEMO })
    expect((await refusal(whole.subarray(0, whole.length - 30))).message).toMatch(
      /is a zip archive, but its table of contents \(central directory\) is missing or damaged: truncated\?/,
    )
    expect(listZip(zip({}))).toEqual([])
  })
})

describe('tar archives', () => {
  const yocto = yoctoSpdxTar({
    'core-image-minimal-qemux86-64.spdx.json': JSON.parse(SPDX_JSON),
    'recipe-busybox.spdx.json': JSON.parse(SPDX_JSON),
    'runtime-busybox.spdx.json': JSON.parse(SPDX_JSON),
  })

  it('lists entries, directories and long (prefixed) names', () => {
    const long = `${'d'.repeat(60)}/${'e'.repeat(60)}/f.json`
    const bytes = tarOf({ 'spdx/': '', 'spdx/a.spdx.json': '{}', [long]: 'x' })
    const entries = listTar('t', bytes, 'a tar archive')
    expect(entries.map(({ name, size, isFile }) => ({ name, size, isFile }))).toEqual([
      { name: 'spdx/', size: 0, isFile: false },
      { name: 'spdx/a.spdx.json', size: 2, isFile: true },
      // tarOf writes names over 100 bytes truncated; listTar reads what is there.
      { name: long.slice(0, 100), size: 1, isFile: true },
    ])
  })

  it('recognises a Yocto SPDX archive (index.json or <image>.spdx.index.json, and SPDX JSON)', () => {
    const entries = listTar('t', yocto, 'a tar archive')
    expect(isYoctoSpdxArchive(entries)).toBe(true)
    const other = listTar(
      't',
      tarOf({ 'x/core-image.spdx.index.json': '{}', 'x/a.spdx.json': '{}' }),
      'a tar archive',
    )
    expect(isYoctoSpdxArchive(other)).toBe(true)
    expect(isYoctoSpdxArchive(listTar('t', tarOf({ 'index.json': '{}' }), 'a tar'))).toBe(false)
  })

  it.each([
    ['as it is', (bytes: Buffer) => bytes, 'a tar archive'],
    ['zstd-compressed (<image>.spdx.tar.zst)', zstdOf, 'a zstd-compressed tar archive'],
    ['gzip-compressed', gzipOf, 'a gzip-compressed tar archive'],
  ])('hands a Yocto SPDX archive %s to its reader, as tar bytes', (_, pack, what) => {
    const seen: Buffer[] = []
    const combined = { spdxVersion: 'SPDX-2.2', name: 'combined' }
    const unpacked = unpackInput(
      'image.spdx.tar.zst',
      pack(yocto),
      MAX_INPUT_BYTES,
      (file, bytes) => {
        expect(file).toBe('image.spdx.tar.zst')
        seen.push(bytes)
        return combined
      },
    )
    expect(unpacked.document).toBe(combined)
    expect(seen).toEqual([yocto])
    expect(unpacked.notes.at(-1)).toBe(
      `${what} of SPDX documents (Yocto, 3 documents), read as one document.`,
    )
  })

  it('refuses any other tar archive, listing what it holds', async () => {
    const error = await refusal(
      gzipOf(tarOf({ 'build/': '', 'build/sbom.cdx.json': DEMO, 'build/app.bin': 'x' })),
      'sboms.tgz',
    )
    expect(error.message).toBe(
      'sboms.tgz: is a gzip-compressed tar archive with 2 files (build/sbom.cdx.json, build/app.bin), not an SBOM.',
    )
    expect(error.hint).toMatch(/Extract it in a previous step \(`tar -xf FILE`\)/)
    // A tar of text files is valid UTF-8 and so reaches normalizeSbom as a string.
    const text = tarOf({ 'sbom.cdx.json': DEMO }).toString('utf8')
    expect((await refusal(text, 'sbom.tar')).message).toBe(
      'sbom.tar: is a tar archive holding one file, sbom.cdx.json, not an SBOM.',
    )
  })

  it('refuses a truncated tar archive as damaged', () => {
    const bytes = tarOf({ 'a.spdx.json': DEMO })
    expect(() => unpackInput('t.tar', bytes.subarray(0, 1024), MAX_INPUT_BYTES)).toThrow(
      /^t\.tar: is a tar archive, but it is damaged: the entry at byte 0 ends past the end of the file \(truncated\?\)\.$/,
    )
  })
})

describe('Yocto SPDX archives through normalizeSbom (yocto.ts reads them)', () => {
  it.each([
    ['zstd', 'core-image-minimal-qemux86-64.spdx.tar.zst'],
    ['gzip', 'core-image-minimal-qemux86-64.spdx.tar.gz'],
  ])('a %s-compressed image archive is read as one SPDX document', async (kind, name) => {
    const bytes = readFileSync(`__tests__/fixtures/yocto/${name}`)
    const sbom = await normalizeSbom(normalizeRequest(`deploy/${name}`, bytes))
    expect(sbom.report.sourceFormat).toBe('SPDX JSON')
    expect(sbom.componentCount).toBeGreaterThan(0)
    expect(sbom.report.notes[0]).toMatch(new RegExp(`^decompressed from ${kind} \\(`))
    expect(sbom.report.notes[1]).toMatch(/Yocto SPDX document\(s\), combined into one/)
  })
})
