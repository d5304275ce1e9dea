import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { mergeSboms, normalizeSbom } from '../../src/sbom/normalize.ts'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const enrichment = {
  packageName: 'thermostat-bundle',
  versionName: 'v3.0.0',
  commitSha: 'b'.repeat(40),
  repository: 'acme/thermostat',
  commitTime: undefined,
  tool: { name: 'iot-sbom-action', version: '9.9.9', vendor: 'acme' },
}
const DEMO = readFileSync(new URL('../fixtures/demo/thermostat.cdx.json', import.meta.url), 'utf8')
const SPDX = readFileSync(
  new URL('../fixtures/spdx/dependency-graph.spdx.json', import.meta.url),
  'utf8',
)

async function normalize(file: string, content: string) {
  return normalizeSbom({
    ...enrichment,
    file,
    content,
    targetSpecVersion: '1.5',
    inputValidation: 'warn',
  })
}

describe('mergeSboms', () => {
  it('joins the graphs under the IoT package, de-duplicating by purl and re-pointing dependencies', async () => {
    // A second firmware image that also ships mbedtls (same purl, its own bom-ref) and depends on it.
    const second = {
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      metadata: {
        component: {
          type: 'firmware',
          name: 'display-firmware',
          version: '1.1.0',
          'bom-ref': 'display',
        },
      },
      components: [
        {
          type: 'library',
          name: 'mbedtls',
          version: 'v3.6.2',
          purl: 'pkg:github/mbed-tls/mbedtls@v3.6.2',
          'bom-ref': 'tls',
        },
      ],
      dependencies: [{ ref: 'display', dependsOn: ['tls'] }],
    }
    const parts = [
      await normalize('a.cdx.json', DEMO),
      await normalize('b.cdx.json', JSON.stringify(second)),
      await normalize('c.spdx.json', SPDX),
    ]
    const merged = await mergeSboms(parts, { ...enrichment, targetSpecVersion: '1.5' })
    const bom = JSON.parse(merged.json) as Json
    expect(bom.metadata.component).toMatchObject({
      name: 'thermostat-bundle',
      version: 'v3.0.0',
      'bom-ref': 'iot-package:thermostat-bundle@v3.0.0',
    })
    // 4 demo + 1 demo root + display root (mbedtls merged) + SPDX root + 2 npm packages
    expect(merged.componentCount).toBe(9)
    const purls = (bom.components as Json[]).map((c) => c.purl).filter(Boolean)
    expect(purls.filter((purl: string) => purl.includes('mbedtls'))).toHaveLength(1)
    const graph = Object.fromEntries(
      (bom.dependencies as Json[]).map((d) => [d.ref, d.dependsOn ?? []]),
    )
    expect(graph['iot-package:thermostat-bundle@v3.0.0']).toEqual(
      expect.arrayContaining([
        'thermostat-firmware',
        'display',
        'SPDXRef-com.github.acme-thermostat-companion',
      ]),
    )
    expect(graph['display']).toEqual(['pkg:github/mbed-tls/mbedtls@v3.6.2'])
    const tools = bom.metadata.tools.components.filter(
      (tool: Json) => tool.name === 'iot-sbom-action',
    )
    expect(tools).toHaveLength(1)
    expect(merged.notes.join('\n')).toMatch(/merged 3 SBOMs .* 1 duplicate component/)
  })

  it('is deterministic', async () => {
    const run = async () =>
      mergeSboms([await normalize('a.cdx.json', DEMO), await normalize('c.spdx.json', SPDX)], {
        ...enrichment,
        targetSpecVersion: '1.5',
      })
    expect((await run()).json).toBe((await run()).json)
  })
})
