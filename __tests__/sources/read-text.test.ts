// SBOM files are read as text without a buffer; bytes that are not UTF-8 must still reach
// normalizeSbom as bytes, so it refuses them instead of reading replacement characters.
import { readFileSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { normalizeSbom } from '../../src/sbom/normalize.ts'
import { readTextOrBytes } from '../../src/sources/read-text.ts'
import { normalizeRequest } from '../sbom/normalize-request.ts'

async function fileWith(content: string | Buffer): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'read-text-')), 'sbom.cdx.json')
  await writeFile(path, content)
  return path
}

describe('readTextOrBytes', () => {
  it('gives UTF-8 text as a string, a byte order mark and multi-byte characters intact', async () => {
    const text = '\uFEFF{"name":"capteur-été ✓ 😀"}\n'
    expect(await readTextOrBytes(await fileWith(text))).toBe(text)
  })

  it('gives text holding a genuine U+FFFD as a string', async () => {
    const text = '{"name":"replacement \uFFFD character"}'
    expect(await readTextOrBytes(await fileWith(text))).toBe(text)
  })

  it('gives bytes that are not UTF-8 as bytes, which normalizeSbom refuses by name', async () => {
    const path = await fileWith(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0xff, 0xfe, 0x7d]))
    const content = await readTextOrBytes(path)
    expect(Buffer.isBuffer(content)).toBe(true)
    expect(content).toEqual(readFileSync(path))
    await expect(normalizeSbom(normalizeRequest('build/sbom.cdx.json', content))).rejects.toThrow(
      /build\/sbom\.cdx\.json.*is not valid UTF-8 text/,
    )
  })
})
