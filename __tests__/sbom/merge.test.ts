import { readFileSync } from 'node:fs'
import * as Models from '@cyclonedx/cyclonedx-library/Models'
import { ComponentType } from '@cyclonedx/cyclonedx-library/Enums'
import { describe, expect, it } from 'vitest'
import { enrichBom } from '../../src/sbom/enrich.ts'
import { mergeBoms } from '../../src/sbom/merge.ts'
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
const PACKAGE_REF = 'iot-package:thermostat-bundle@v3.0.0'
const fixture = (path: string) =>
  readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8')
const DEMO = fixture('demo/thermostat.cdx.json')
const SPDX = fixture('spdx/dependency-graph.spdx.json')
const SPDX_NO_DESCRIBES = fixture('spdx/no-describes.spdx.json')

async function normalize(
  file: string,
  content: string,
  overrides: Partial<typeof enrichment> = {},
) {
  return normalizeSbom({
    ...enrichment,
    ...overrides,
    file,
    content,
    targetSpecVersion: '1.5',
    inputValidation: 'warn',
  })
}

const merge = (parts: Awaited<ReturnType<typeof normalize>>[]) =>
  mergeSboms(parts, { ...enrichment, targetSpecVersion: '1.5' })

function graphOf(bom: Json): Record<string, string[]> {
  return Object.fromEntries((bom.dependencies as Json[]).map((d) => [d.ref, d.dependsOn ?? []]))
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
    const merged = await merge(parts)
    const bom = JSON.parse(merged.json) as Json
    expect(bom.metadata.component).toEqual({
      type: 'firmware',
      name: 'thermostat-bundle',
      version: 'v3.0.0',
      'bom-ref': PACKAGE_REF,
    })
    // 4 demo + 1 demo root + display root (mbedtls merged) + SPDX root + 2 npm packages
    expect(merged.componentCount).toBe(9)
    const purls = (bom.components as Json[]).map((c) => c.purl).filter(Boolean)
    expect(purls.filter((purl: string) => purl.includes('mbedtls'))).toHaveLength(1)
    const graph = graphOf(bom)
    // In the library's order (localeCompare).
    expect(graph[PACKAGE_REF]).toEqual([
      'display',
      'SPDXRef-com.github.acme-thermostat-companion',
      'thermostat-firmware',
    ])
    expect(graph['display']).toEqual(['pkg:github/mbed-tls/mbedtls@v3.6.2'])
    const tools = bom.metadata.tools.components.filter(
      (tool: Json) => tool.name === 'iot-sbom-action',
    )
    expect(tools).toHaveLength(1)
    expect(merged.notes.join('\n')).toMatch(/merged 3 SBOMs .* 1 duplicate component/)
  })

  it('keeps every input’s root under the package: a rooted CycloneDX, a root-less SPDX and an earlier output of this action', async () => {
    // What this action published for the previous version of the package: its own package root,
    // the demo's root under it.
    const earlier = await normalize('old.cdx.json', DEMO, {
      packageName: 'thermostat-firmware',
      versionName: 'v2.3.0',
    })
    const parts = [
      await normalize('firmware.cdx.json', DEMO),
      await normalize('companion.spdx.json', SPDX_NO_DESCRIBES),
      await normalize('previous.cdx.json', earlier.json),
    ]
    const merged = await merge(parts)
    const bom = JSON.parse(merged.json) as Json
    expect(bom.metadata.component['bom-ref']).toBe(PACKAGE_REF)
    const graph = graphOf(bom)
    expect(graph[PACKAGE_REF]).toEqual([
      'iot-package:thermostat-firmware@v2.3.0',
      'SPDXRef-com.github.acme-thermostat-companion',
      'thermostat-firmware',
    ])
    // The earlier package is a component, with its edge to the root it had.
    const previous = (bom.components as Json[]).find(
      (c) => c['bom-ref'] === 'iot-package:thermostat-firmware@v2.3.0',
    )
    expect(previous).toEqual({
      type: 'firmware',
      name: 'thermostat-firmware',
      version: 'v2.3.0',
      'bom-ref': 'iot-package:thermostat-firmware@v2.3.0',
    })
    expect(graph['iot-package:thermostat-firmware@v2.3.0']).toEqual(['thermostat-firmware'])
    // The demo's root, in two inputs, is one component; its edges stay.
    expect(graph['thermostat-firmware']).toHaveLength(3)
    expect(
      (bom.components as Json[]).filter((c) => c['bom-ref'] === 'thermostat-firmware'),
    ).toHaveLength(1)
    // The generator both the demo and the earlier output name is listed once.
    expect(
      (bom.metadata.tools.components as Json[]).filter((t) => t.name === 'example-sbom-generator'),
    ).toHaveLength(1)
    expect(merged.notes).toContain(
      "the package depends on each input's root, kept as a component (for an input without one, on its top-level components nothing else depends on): firmware.cdx.json: thermostat-firmware@2.4.0; companion.spdx.json: com.github.acme/thermostat-companion@main; previous.cdx.json: thermostat-firmware@v2.3.0 (the package of an earlier output).",
    )
  })

  it('is deterministic', async () => {
    const run = async () =>
      merge([
        await normalize('a.cdx.json', DEMO),
        await normalize('c.spdx.json', SPDX),
        await normalize('d.spdx.json', SPDX_NO_DESCRIBES),
      ])
    expect((await run()).json).toBe((await run()).json)
  })
})

describe('mergeBoms', () => {
  const component = (name: string, bomRef?: string, version?: string) =>
    new Models.Component(ComponentType.Library, name, { bomRef, version })

  function bomWithRoot(root: Models.Component | undefined, ...components: Models.Component[]) {
    const bom = new Models.Bom()
    bom.metadata.component = root
    for (const item of components) bom.components.add(item)
    return bom
  }

  it('takes over what an input’s own package depends on: the package itself is not a component of itself', () => {
    const part = bomWithRoot(undefined, component('lib', 'lib'))
    enrichBom(part, enrichment)
    const { bom, notes } = mergeBoms([{ file: 'a.json', bom: part }], enrichment)
    expect([...bom.components].map((c) => c.name)).toEqual(['lib'])
    expect([...bom.metadata.component!.dependencies].map((ref) => ref.value)).toEqual(['lib'])
    expect(notes[1]).toBe(
      "the package depends on each input's root, kept as a component (for an input without one, on its top-level components nothing else depends on): a.json: lib.",
    )
  })

  it('keeps an earlier package component for this very version that carries data of its own', () => {
    const edited = new Models.Component(ComponentType.Firmware, 'thermostat-bundle', {
      bomRef: PACKAGE_REF,
      version: 'v3.0.0',
      description: 'signed image 0x42',
    })
    const lib = component('lib', 'lib')
    edited.dependencies.add(lib.bomRef)
    const { bom } = mergeBoms([{ file: 'old.json', bom: bomWithRoot(edited, lib) }], enrichment)
    enrichBom(bom, enrichment)
    expect([...bom.components]).toContain(edited)
    expect(edited.bomRef.value).toBe(`${PACKAGE_REF}~2`)
    expect(bom.metadata.component!.bomRef.value).toBe(PACKAGE_REF)
    expect([...bom.metadata.component!.dependencies]).toEqual([edited.bomRef])
    expect([...edited.dependencies]).toEqual([lib.bomRef])
  })

  it('keeps two roots that share only a bom-ref (bom-refs are unique per document, not across)', () => {
    const first = component('app-a', 'SPDXRef-Package', '1')
    const second = component('app-b', 'SPDXRef-Package', '1')
    const { bom } = mergeBoms(
      [
        { file: 'a.json', bom: bomWithRoot(first) },
        { file: 'b.json', bom: bomWithRoot(second) },
      ],
      enrichment,
    )
    enrichBom(bom, enrichment)
    expect([...bom.components]).toEqual([first, second])
    expect([...bom.metadata.component!.dependencies].map((ref) => ref.value).sort()).toEqual([
      'SPDXRef-Package',
      'SPDXRef-Package~2',
    ])
  })

  it('hangs a root-less part’s unparented components under the package', () => {
    const app = component('app', 'app')
    const lib = component('lib', 'lib')
    app.dependencies.add(lib.bomRef)
    const { bom } = mergeBoms(
      [{ file: 'a.json', bom: bomWithRoot(undefined, app, lib) }],
      enrichment,
    )
    expect([...bom.metadata.component!.dependencies]).toEqual([app.bomRef])
  })
})
