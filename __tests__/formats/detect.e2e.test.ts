// End to end through the bundled action (mode: validate, no AWS): detection by content of empty,
// compressed, wrapped and out-of-reach inputs, as a workflow run would see it.
import { readFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { gzipSync, zstdCompressSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { runAction, workspaceWith } from '../e2e/run-action.ts'

const DEMO = new URL('../fixtures/demo/thermostat.cdx.json', import.meta.url)
const SPDX = new URL('../fixtures/spdx/dependency-graph.spdx.json', import.meta.url)
const FORMATS = new URL('../fixtures/formats/', import.meta.url)

/** Runs validate mode on one file at `path` holding `content`. */
async function validate(path: string, content: string | Buffer | URL) {
  const workspace = await workspaceWith({})
  const target = join(workspace, path)
  await mkdir(dirname(target), { recursive: true })
  await writeFile(target, content instanceof URL ? readFileSync(content) : content)
  return runAction({
    workspace,
    inputs: {
      mode: 'validate',
      'package-name': 'thermostat-firmware',
      'version-name': 'v2.4.0',
      sbom: path,
    },
    // Unreachable endpoints and no credentials: any AWS call would fail the run.
    env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_REGION: '' },
  })
}

describe('detection by content, through the bundled action', () => {
  it('an empty file: "is empty", with what to check', async () => {
    const run = await validate('build/sbom.cdx.json', '')
    expect(run.exitCode).toBe(1)
    const errors = run.errors.join('\n')
    expect(errors).toContain('build/sbom.cdx.json: is empty (0 bytes).')
    expect(errors).toContain('step that writes the SBOM ran and wrote this file')
    expect(errors).not.toMatch(/not valid JSON|truncated/)
  })

  it('a gzip-compressed CycloneDX JSON is read, with a note', async () => {
    const run = await validate('build/sbom.cdx.json.gz', gzipSync(readFileSync(DEMO)))
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    // The demo's 4 components and its root, which the IoT package depends on.
    expect(run.outputs['component-count']).toBe('5')
    expect(run.stdout).toMatch(
      /build\/sbom\.cdx\.json\.gz: decompressed from gzip \(\d+ → \d+ bytes\)/,
    )
  })

  it('a zstd-compressed SPDX JSON is read', async () => {
    const plain = await validate('sbom.spdx.json', SPDX)
    const run = await validate('sbom.spdx.json.zst', zstdCompressSync(readFileSync(SPDX)))
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    expect(run.outputs['component-count']).toBe(plain.outputs['component-count'])
    expect(run.stdout).toMatch(/sbom\.spdx\.json\.zst: decompressed from zstd/)
  })

  it('an xz-compressed file is refused, naming the compression and what to do', async () => {
    const xz = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04, 0xe6, 0xd6, 0xb4])
    const run = await validate('build/sbom.cdx.json.xz', xz)
    expect(run.exitCode).toBe(1)
    const errors = run.errors.join('\n')
    expect(errors).toContain(
      'build/sbom.cdx.json.xz: is an xz-compressed file; the action decompresses gzip and zstd only.',
    )
    expect(errors).toContain('Decompress it in a previous step (e.g. `xz -dk FILE`)')
  })

  it("GitHub's dependency-graph API response is unwrapped, with a note", async () => {
    const run = await validate(
      'sbom.json',
      new URL('github-dependency-graph-response.json', FORMATS),
    )
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain(
      'sbom.json: the GitHub dependency-graph API response: its `sbom` member was read.',
    )
  })

  it('SPDX RDF/XML is refused, naming the format and the conversion', async () => {
    const run = await validate('sbom.spdx.rdf.xml', new URL('sbom.spdx.rdf.xml', FORMATS))
    expect(run.exitCode).toBe(1)
    const errors = run.errors.join('\n')
    expect(errors).toContain('sbom.spdx.rdf.xml: is SPDX RDF/XML, which the action does not read.')
    expect(errors).toContain('pyspdxtools')
  })
})
