import { randomBytes } from 'node:crypto'
import { deflateRawSync } from 'node:zlib'
import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import {
  ArtifactOverLimitError,
  diffComponents,
  PREVIOUS_ARTIFACT_LIMITS,
  readArtifactDocuments,
} from '../../src/sbom/diff.ts'
import { deflatedSpaces, MiB, zipDeclaring } from './zip-bomb.ts'

const bom = (components: unknown[]) => ({ bomFormat: 'CycloneDX', specVersion: '1.4', components })
const npm = (name: string, version: string) => ({
  type: 'library',
  name,
  version,
  purl: `pkg:npm/${name}@${version}`,
})

describe('diffComponents', () => {
  it('matches by purl identity: added, removed, version changed, unchanged', () => {
    const before = bom([npm('left-pad', '1.3.0'), npm('lodash', '4.17.20'), npm('ms', '2.1.3')])
    const after = bom([
      npm('lodash', '4.17.21'),
      npm('ms', '2.1.3'),
      { type: 'library', name: 'zlib', version: '1.3.1' },
    ])
    expect(diffComponents([before], [after])).toEqual({
      added: ['zlib@1.3.1'],
      removed: ['left-pad@1.3.0'],
      changed: [{ name: 'lodash', from: '4.17.20', to: '4.17.21' }],
      unchanged: 1,
    })
  })

  it('compares nested components and several files, and several versions of one package', () => {
    const before = bom([{ ...npm('a', '1'), components: [npm('b', '1')] }])
    const after = [bom([npm('a', '1')]), bom([npm('b', '1'), npm('b', '2')])]
    expect(diffComponents([before], after)).toEqual({
      added: [],
      removed: [],
      changed: [{ name: 'b', from: '1', to: '1, 2' }],
      unchanged: 1,
    })
  })
})

describe('readArtifactDocuments', () => {
  it('reads the JSON entries of a zip, a plain JSON document, and refuses anything else', () => {
    const document = bom([npm('a', '1')])
    const zip = zipSync({ 'x.cdx.json': new TextEncoder().encode(JSON.stringify(document)) })
    expect(readArtifactDocuments(zip)).toEqual([document])
    expect(readArtifactDocuments(new TextEncoder().encode(JSON.stringify(document)))).toEqual([
      document,
    ])
    expect(readArtifactDocuments(new TextEncoder().encode('not json'))).toBeUndefined()
    expect(readArtifactDocuments(new Uint8Array([0x50, 0x4b, 1, 2]))).toBeUndefined()
  })
})

/** Peak RSS growth while `run` runs, sampled before and after (the work is synchronous). */
function rssGrowth(run: () => void): number {
  const before = process.memoryUsage.rss()
  run()
  return process.memoryUsage.rss() - before
}

describe('readArtifactDocuments: an artifact from elsewhere, within limits', () => {
  const document = bom([npm('a', '1')])
  const json = Buffer.from(JSON.stringify(document))

  it('reads an honest zip (stored or deflated) and skips entries that are not JSON', () => {
    const zip = zipDeclaring([
      { name: 'a.cdx.json', data: deflateRawSync(json), declaredSize: json.length },
      { name: 'b.cdx.json', data: json, declaredSize: json.length, method: 0 },
      { name: 'notes.txt', data: Buffer.from('x'), declaredSize: 1, method: 0 },
    ])
    expect(readArtifactDocuments(zip, PREVIOUS_ARTIFACT_LIMITS)).toEqual([document, document])
  })

  it('refuses a 2 MB zip bomb that declares its 2 GiB, from the central directory alone', () => {
    const bomb = zipDeclaring([
      { name: 'sbom.cdx.json', data: deflatedSpaces(2048), declaredSize: 2048 * MiB },
    ])
    expect(bomb.length).toBeLessThan(3 * MiB)
    let error: unknown
    const growth = rssGrowth(() => {
      try {
        readArtifactDocuments(bomb, PREVIOUS_ARTIFACT_LIMITS)
      } catch (thrown) {
        error = thrown
      }
    })
    expect(error).toBeInstanceOf(ArtifactOverLimitError)
    expect((error as Error).message).toBe(
      'its zip declares 2147483648 bytes uncompressed, over the 256 MiB this action reads',
    )
    expect(growth).toBeLessThan(64 * MiB)
  })

  it('refuses a ratio over 200:1 before inflating anything (the data here is not even deflate)', () => {
    const tooDense = zipDeclaring([
      { name: 'sbom.cdx.json', data: Buffer.alloc(10_000), declaredSize: 10 * MiB },
    ])
    expect(() => readArtifactDocuments(tooDense, PREVIOUS_ARTIFACT_LIMITS)).toThrow(
      new ArtifactOverLimitError(
        'its zip declares 10485760 bytes uncompressed from 10000 compressed, a ratio over the 200:1 an SBOM ever has (a zip bomb?)',
      ),
    )
  })

  it('stops inflating an entry that lies about its size at the size it declares', () => {
    // 2 GiB of spaces declared as 4 MiB: a 2:1 ratio on paper, so only inflating can tell.
    const liar = zipDeclaring([
      { name: 'sbom.cdx.json', data: deflatedSpaces(2048), declaredSize: 4 * MiB },
    ])
    let error: unknown
    const started = performance.now()
    const growth = rssGrowth(() => {
      try {
        readArtifactDocuments(liar, PREVIOUS_ARTIFACT_LIMITS)
      } catch (thrown) {
        error = thrown
      }
    })
    expect(error).toBeInstanceOf(ArtifactOverLimitError)
    expect((error as Error).message).toBe(
      'its zip entry "sbom.cdx.json" inflates to more than the 4194304 bytes it declares (a zip bomb?)',
    )
    expect(growth).toBeLessThan(64 * MiB)
    expect(performance.now() - started).toBeLessThan(2_000)
  })

  it('refuses more entries than an SBOM artifact has, and JSON over the size limit', () => {
    const many = zipDeclaring(
      Array.from({ length: 1_001 }, (_, index) => ({
        name: `${index}.cdx.json`,
        data: json,
        declaredSize: json.length,
        method: 0,
      })),
    )
    expect(() => readArtifactDocuments(many, PREVIOUS_ARTIFACT_LIMITS)).toThrow(
      'its zip has 1001 entries, over the 1000 this action reads',
    )
    const limits = { ...PREVIOUS_ARTIFACT_LIMITS, maxUncompressedBytes: 10 }
    expect(() => readArtifactDocuments(json, limits)).toThrow(
      `it is ${json.length} bytes of JSON, over the 0 MiB this action reads`,
    )
  })

  it('says "not an artifact" (undefined) for a zip that breaks its own structure', () => {
    const random = zipDeclaring([
      { name: 'sbom.cdx.json', data: randomBytes(1_000), declaredSize: 2_000 },
    ])
    expect(readArtifactDocuments(random, PREVIOUS_ARTIFACT_LIMITS)).toBeUndefined()
    // Shorter than it declares: not ours either.
    const short = zipDeclaring([
      { name: 'a.cdx.json', data: deflateRawSync(json), declaredSize: json.length + 1 },
    ])
    expect(readArtifactDocuments(short, PREVIOUS_ARTIFACT_LIMITS)).toBeUndefined()
  })
})
