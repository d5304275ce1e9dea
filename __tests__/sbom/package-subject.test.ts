// The SBOM's subject is the IoT package (issue 18), end to end through normalizeSbom: the package
// is metadata.component, the input's own root stays as a component the package depends on, and
// the loss report finds the root's data where it went.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { normalizeSbom, type NormalizeRequest } from '../../src/sbom/normalize.ts'
import { normalizeRequest } from './normalize-request.ts'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const fixture = (path: string) =>
  readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8')
const DEMO = fixture('demo/thermostat.cdx.json')
const PACKAGE_REF = 'iot-package:thermostat-firmware@v2.4.0'
const PACKAGE = {
  type: 'firmware',
  name: 'thermostat-firmware',
  version: 'v2.4.0',
  'bom-ref': PACKAGE_REF,
}

async function normalize(file: string, content: string, overrides: Partial<NormalizeRequest> = {}) {
  const result = await normalizeSbom(
    normalizeRequest(file, content, { targetSpecVersion: '1.6', ...overrides }),
  )
  const bom = JSON.parse(result.json) as Json
  const graph = Object.fromEntries(
    (bom.dependencies as Json[]).map((d) => [d.ref as string, (d.dependsOn ?? []) as string[]]),
  )
  const byRef = new Map((bom.components as Json[]).map((c) => [c['bom-ref'] as string, c]))
  return { result, bom, graph, byRef }
}

/** The demo with a root that has everything a root may have, and a library using its bom-ref too. */
function richlyRooted(): Json {
  const input = JSON.parse(DEMO) as Json
  input.metadata.component = {
    type: 'firmware',
    'bom-ref': 'thermostat-firmware',
    supplier: { name: 'Acme Thermostats' },
    name: 'thermostat-firmware',
    version: '2.4.0',
    hashes: [{ alg: 'SHA-256', content: 'ab'.repeat(32) }],
    licenses: [{ license: { id: 'Apache-2.0' } }],
    purl: 'pkg:generic/acme/thermostat-firmware@2.4.0',
    properties: [{ name: 'acme:board', value: 'tstat_v2' }],
    components: [{ type: 'firmware', 'bom-ref': 'bootloader', name: 'mcuboot', version: '2.1.0' }],
    // Not modelled by the library: reported, at the root's input path.
    pedigree: { notes: 'rebuilt from the 2.4.0 tag' },
  }
  input.components.push({ type: 'library', 'bom-ref': 'thermostat-firmware', name: 'clash' })
  return input
}

describe('a CycloneDX input with a root', () => {
  it('keeps the root, with everything it had, as a component the package depends on', async () => {
    const { result, bom, graph, byRef } = await normalize(
      'fw.cdx.json',
      JSON.stringify(richlyRooted()),
    )
    expect(bom.metadata.component).toEqual(PACKAGE)
    const { pedigree: _notModelled, ...root } = richlyRooted().metadata.component as Json
    expect(byRef.get('thermostat-firmware')).toEqual(root)
    expect(graph[PACKAGE_REF]).toEqual(['thermostat-firmware'])
    // The root's own edges stay.
    expect(graph['thermostat-firmware']).toHaveLength(3)
    // The library that used the root's bom-ref too got a unique one.
    expect(byRef.get('thermostat-firmware~2')).toMatchObject({ name: 'clash' })
    expect(result.report.notes.join('\n')).toMatch(
      /"thermostat-firmware" → "thermostat-firmware~2"/,
    )
  })

  it('reports nothing of the moved root as lost but what the library cannot hold, at its input path', async () => {
    const { result } = await normalize('fw.cdx.json', JSON.stringify(richlyRooted()))
    expect(result.report.dropped).toEqual([
      expect.objectContaining({
        path: '$.components[].pedigree',
        example: '$.metadata.component.pedigree',
        reason: expect.stringMatching(/does not model/),
      }),
    ])
    // Counted like the output: the root (and the firmware nested in it) among the components.
    const { before, after } = result.report
    expect(after).toMatchObject({
      components: before.components,
      hashes: before.hashes,
      licenses: before.licenses,
      properties: before.properties,
      purls: before.purls,
    })
  })

  it('is deterministic and a fixed point', async () => {
    const input = JSON.stringify(richlyRooted())
    const once = await normalize('fw.cdx.json', input)
    expect((await normalize('fw.cdx.json', input)).result.json).toBe(once.result.json)
    const twice = await normalize('fw.cdx.json', once.result.json)
    expect(twice.result.json).toBe(once.result.json)
    expect(twice.result.report.dropped).toEqual([])
    expect(twice.result.report.notes.join('\n')).not.toMatch(/metadata\.component/)
  })

  it('gives the package the type package-type names', async () => {
    const { bom, graph } = await normalize('fw.cdx.json', DEMO, { packageType: 'application' })
    expect(bom.metadata.component).toEqual({ ...PACKAGE, type: 'application' })
    expect(graph[PACKAGE_REF]).toEqual(['thermostat-firmware'])
  })
})

describe('a CycloneDX input without a root', () => {
  it('hangs the components nothing depends on under the package', async () => {
    const input = JSON.parse(DEMO) as Json
    delete input.metadata.component
    input.dependencies = input.dependencies.filter((d: Json) => d.ref !== 'thermostat-firmware')
    const { result, bom, graph } = await normalize('fw.cdx.json', JSON.stringify(input))
    expect(bom.metadata.component).toEqual(PACKAGE)
    // coreMQTT depends on mbedtls; the other three hang under nothing else.
    expect(graph[PACKAGE_REF]).toEqual([
      'pkg:generic/lwip@2.2.0',
      'pkg:github/freertos/coremqtt@v2.3.1',
      'pkg:github/freertos/freertos-kernel@V11.1.0',
    ])
    expect(result.componentCount).toBe(4)
    expect(result.report.dropped).toEqual([])
    expect(result.report.notes).toContain(
      'metadata.component is the IoT package thermostat-firmware@v2.4.0 (firmware); the input has no root: the package depends on its 3 top-level component(s) nothing else depends on (lwIP@2.2.0, coreMQTT@v2.3.1, FreeRTOS-Kernel@V11.1.0).',
    )
  })
})

describe('SPDX inputs', () => {
  const COMPANION = 'SPDXRef-com.github.acme-thermostat-companion'

  it('JSON with DESCRIBES: the described package is a component the package depends on', async () => {
    const { result, bom, graph, byRef } = await normalize(
      'c.spdx.json',
      fixture('spdx/dependency-graph.spdx.json'),
    )
    expect(bom.metadata.component).toEqual(PACKAGE)
    expect(byRef.get(COMPANION)).toMatchObject({
      name: 'com.github.acme/thermostat-companion',
      purl: 'pkg:github/acme/thermostat-companion@main',
    })
    expect(graph[PACKAGE_REF]).toEqual([COMPANION])
    expect(graph[COMPANION]).toEqual(['SPDXRef-npm-mqtt-5.10.1'])
    expect(result.componentCount).toBe(3)
    expect(result.report.before.components).toBe(3)
    expect(result.report.dropped).toEqual([])
  })

  it('JSON without DESCRIBES: the same graph, reached by the package through the unparented package', async () => {
    const { result, bom, graph } = await normalize(
      'c.spdx.json',
      fixture('spdx/no-describes.spdx.json'),
    )
    expect(bom.metadata.component).toEqual(PACKAGE)
    expect(graph[PACKAGE_REF]).toEqual([COMPANION])
    expect(result.componentCount).toBe(3)
    expect(result.report.before.components).toBe(3)
    expect(result.report.notes.join('\n')).toMatch(
      /the input has no root: the package depends on its 1 top-level/,
    )
  })

  it('tag-value with and without DESCRIBES', async () => {
    const tagValue = fixture('spdx-tagvalue/thermostat-firmware.spdx')
    const described = await normalize('fw.spdx', tagValue)
    expect(described.bom.metadata.component).toEqual(PACKAGE)
    expect(described.graph[PACKAGE_REF]).toEqual(['SPDXRef-app'])
    expect(described.byRef.get('SPDXRef-app')).toMatchObject({
      name: 'thermostat-app',
      version: '2.4.0',
      supplier: { name: 'Acme Thermostats' },
    })
    const withoutDescribes = tagValue.replace(/^Relationship: SPDXRef-DOCUMENT DESCRIBES .*$/m, '')
    expect(withoutDescribes).not.toBe(tagValue)
    const rootless = await normalize('fw.spdx', withoutDescribes)
    // Nothing depends on the app, so the package does: the same graph either way.
    expect(rootless.graph[PACKAGE_REF]).toEqual(['SPDXRef-app'])
    expect(rootless.result.componentCount).toBe(described.result.componentCount)
  })
})
