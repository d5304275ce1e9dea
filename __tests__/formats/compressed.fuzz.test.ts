// Property-based fuzzing of the byte-level detection (compressed.ts, detect.ts) through
// normalizeSbom: arbitrary bytes behind each compression and archive magic, well-formed gzip and
// zstd wrapped around arbitrary, damaged or truncated content, and zstd frames built from random
// headers and blocks. The property: a result, or an ActionError with a message; never another
// exception, and memory that stays bounded (every decompression stops at the budget).
// 13,000 cases in all: 6,000 + 3,000 + 2,000 + 1,000 + 1,000.
import { readFileSync } from 'node:fs'
import { gzipSync, zstdCompressSync } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalizeSbom } from '../../src/sbom/normalize.ts'
import { ActionError } from '../../src/shared/errors.ts'
import { normalizeRequest } from '../sbom/normalize-request.ts'
import { tarOf } from '../fixtures/formats/archives.ts'

const DEMO = readFileSync('__tests__/fixtures/demo/thermostat.cdx.json', 'utf8')
const SPDX_JSON = readFileSync('__tests__/fixtures/spdx/dependency-graph.spdx.json', 'utf8')

const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31)
const params = (numRuns: number) => ({ numRuns, seed, endOnFailure: true })

const MAGICS: readonly (readonly number[])[] = [
  [0x1f, 0x8b],
  [0x1f, 0x8b, 0x08, 0x00],
  [0x28, 0xb5, 0x2f, 0xfd],
  [0x50, 0x4b, 0x03, 0x04],
  [0x50, 0x4b, 0x05, 0x06],
  [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00],
  [0x42, 0x5a, 0x68],
  [0x42, 0x5a, 0x68, 0x39, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59],
  [0x04, 0x22, 0x4d, 0x18],
  [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c],
  [0x0a, 0x03, 0x31, 0x2e, 0x35],
  [0x7f, 0x45, 0x4c, 0x46],
  [0xff, 0xfe],
]

/** Memory the process may grow by over a whole property: far below what an unbounded inflate takes. */
const MEMORY_LIMIT = 1.5 * 1024 * 1024 * 1024

async function typedOutcome(content: Buffer | string): Promise<void> {
  try {
    await normalizeSbom(normalizeRequest('build/fuzz.bin', content))
  } catch (error) {
    if (!(error instanceof ActionError))
      throw new Error(
        `untyped ${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`,
        { cause: error },
      )
    expect(error.message.length).toBeGreaterThan(10)
  }
}

/** Runs `property`, then checks the process did not grow past MEMORY_LIMIT while it ran. */
async function withinMemory(run: () => Promise<void>): Promise<void> {
  const before = process.memoryUsage().rss
  let peak = before
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
  try {
    await run()
  } finally {
    clearInterval(timer)
  }
  peak = Math.max(peak, process.memoryUsage().rss)
  expect(peak - before).toBeLessThan(MEMORY_LIMIT)
}

const bytes = (maxLength: number) => fc.uint8Array({ maxLength }).map((array) => Buffer.from(array))

/** Text a reader would take, damaged or not: the fixtures, cut or with a byte changed. */
const sbomText = fc
  .tuple(
    fc.constantFrom(DEMO, SPDX_JSON, ''),
    fc.nat(),
    fc.option(fc.integer({ min: 0, max: 255 }), { freq: 2 }),
  )
  .map(([text, cut, byte]) => {
    const buffer = Buffer.from(text)
    if (byte !== null && buffer.length > 0) buffer[cut % buffer.length] = byte
    return buffer.subarray(0, cut % 2 === 0 ? buffer.length : cut % (buffer.length + 1))
  })

/** What goes inside a compressed file: arbitrary bytes, SBOM text, or a tar of either. */
const inner = fc.oneof(
  bytes(2048),
  sbomText,
  fc
    .array(fc.tuple(fc.string({ minLength: 1, maxLength: 40 }), fc.oneof(sbomText, bytes(600))), {
      maxLength: 4,
    })
    .map((entries) => tarOf(Object.fromEntries(entries))),
)

describe('fuzzing compressed and binary inputs through normalizeSbom', () => {
  it('arbitrary bytes behind each compression, archive and binary magic (6,000 cases)', async () => {
    await withinMemory(() =>
      fc.assert(
        fc.asyncProperty(fc.constantFrom(...MAGICS), bytes(4096), (magic, rest) =>
          typedOutcome(Buffer.concat([Buffer.from(magic), rest])),
        ),
        params(6000),
      ),
    )
  }, 300_000)

  it('gzip and zstd around arbitrary, SBOM and tar content, whole, cut or with a byte changed (3,000 cases)', async () => {
    await withinMemory(() =>
      fc.assert(
        fc.asyncProperty(
          fc.constantFrom('gzip', 'zstd'),
          inner,
          fc.nat(),
          fc.option(fc.integer({ min: 0, max: 255 }), { freq: 2 }),
          async (kind, content, cut, byte) => {
            const packed = kind === 'gzip' ? gzipSync(content) : zstdCompressSync(content)
            if (byte !== null) packed[cut % packed.length] = byte
            const end = cut % 3 === 0 ? cut % (packed.length + 1) : packed.length
            await typedOutcome(packed.subarray(0, end))
          },
        ),
        params(3000),
      ),
    )
  }, 300_000)

  it('zstd frames from random headers and blocks (2,000 cases)', async () => {
    // Raw, run-length and reserved blocks with random sizes, behind a random frame descriptor and
    // window: the frame walker and the decoder's own limits both get exercised.
    const block = fc.record({
      type: fc.integer({ min: 0, max: 3 }),
      size: fc.oneof(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: 2 ** 21 - 1 })),
      last: fc.boolean(),
      body: bytes(64),
    })
    const frame = fc.record({
      descriptor: fc.integer({ min: 0, max: 255 }),
      header: bytes(14),
      blocks: fc.array(block, { maxLength: 6 }),
    })
    await withinMemory(() =>
      fc.assert(
        fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 3 }), (frames) => {
          const parts: Buffer[] = []
          for (const { descriptor, header, blocks } of frames) {
            parts.push(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, descriptor]), header)
            for (const { type, size, last, body } of blocks) {
              const value = (size << 3) | (type << 1) | (last ? 1 : 0)
              parts.push(Buffer.from([value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff]))
              parts.push(body)
            }
          }
          return typedOutcome(Buffer.concat(parts))
        }),
        params(2000),
      ),
    )
  }, 300_000)

  it('tar headers with random fields after a valid first header (1,000 cases)', async () => {
    await withinMemory(() =>
      fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 30 }), sbomText), {
            minLength: 1,
            maxLength: 3,
          }),
          fc.nat(),
          fc.integer({ min: 0, max: 255 }),
          fc.boolean(),
          (entries, at, byte, compress) => {
            const tar = tarOf(Object.fromEntries(entries))
            // Damage anything past the first header (whose checksum makes it a tar at all).
            tar[512 + (at % Math.max(1, tar.length - 512))] = byte
            return typedOutcome(compress ? gzipSync(tar) : tar)
          },
        ),
        params(1000),
      ),
    )
  }, 300_000)

  it('Yocto-shaped tar archives (index.json and *.spdx.json) of damaged documents, compressed or not (1,000 cases)', async () => {
    const document = fc.oneof(
      sbomText,
      bytes(300),
      fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
      fc
        .record({
          spdxVersion: fc.constantFrom('SPDX-2.2', 'SPDX-2.3', 'SPDX-2.1'),
          SPDXID: fc.constantFrom('SPDXRef-DOCUMENT', 'x'),
          name: fc.string(),
          documentNamespace: fc.constantFrom('http://a/1', 'http://a/2'),
          packages: fc.array(
            fc.record({ SPDXID: fc.string({ maxLength: 12 }), name: fc.string({ maxLength: 12 }) }),
            { maxLength: 3 },
          ),
          relationships: fc.array(
            fc.record({
              spdxElementId: fc.constantFrom('SPDXRef-DOCUMENT', 'DocumentRef-a:SPDXRef-x', 'y'),
              relationshipType: fc.constantFrom('DESCRIBES', 'CONTAINS', 'AMENDS', 'OTHER'),
              relatedSpdxElement: fc.constantFrom(
                'SPDXRef-DOCUMENT',
                'DocumentRef-a:SPDXRef-x',
                'y',
              ),
            }),
            { maxLength: 3 },
          ),
        })
        .map((value) => JSON.stringify(value)),
    )
    await withinMemory(() =>
      fc.assert(
        fc.asyncProperty(
          fc.array(document, { minLength: 1, maxLength: 3 }),
          document,
          fc.constantFrom('none', 'gzip', 'zstd'),
          (documents, index, compression) => {
            const files: Record<string, string | Buffer> = { 'index.json': index }
            documents.forEach((content, at) => (files[`doc-${at}.spdx.json`] = content))
            const tar = tarOf(files)
            const packed =
              compression === 'gzip'
                ? gzipSync(tar)
                : compression === 'zstd'
                  ? zstdCompressSync(tar)
                  : tar
            return typedOutcome(packed)
          },
        ),
        params(1000),
      ),
    )
  }, 300_000)
})
