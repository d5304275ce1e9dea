// Fixtures through the real library at every target spec: the output is schema-valid, a fixed
// point (normalizing it again changes nothing), and what each spec supports survives, as the
// library's own spec data says.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { normalizeSbom } from '../../src/sbom/normalize.ts'
import { SUPPORTED_SPEC_VERSIONS, specOf } from '../../src/formats/spec-versions.ts'
import { schemaCheckCycloneDxJson } from '../../src/schema-check/schema-check.ts'
import { normalizeRequest } from './normalize-request.ts'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/sbom/${name}`, import.meta.url), 'utf8')

const FIXTURES = [
  // 1.6: tool components/services, lifecycles, a platform (1.5+) with a nested firmware, nested
  // services, vulnerabilities, evidence, SWID, license text, unmodelled pedigree/manufacturer.
  { name: 'gateway-1.6.cdx.json', platformComponents: 2 },
  // 1.2: the legacy tools list with hashes, a base64 license text, `modified` (not modelled).
  { name: 'sensor-1.2.cdx.json', platformComponents: 0 },
]

describe('spec versions', () => {
  it.each(SUPPORTED_SPEC_VERSIONS)('%s has a library spec object that writes JSON', (version) => {
    expect(specOf(version).version).toBe(version)
    expect(specOf(version).supportsFormat('json')).toBe(true)
  })
})

describe.each(FIXTURES)('$name', ({ name, platformComponents }) => {
  const content = fixture(name)

  it.each(SUPPORTED_SPEC_VERSIONS)('round-trips at CycloneDX %s', async (target) => {
    const spec = specOf(target)
    const once = await normalizeSbom(normalizeRequest(name, content, { targetSpecVersion: target }))
    await expect(schemaCheckCycloneDxJson(once.json, target, name)).resolves.toBeUndefined()
    const output = JSON.parse(once.json) as Json
    expect(output.specVersion).toBe(target)

    // A fixed point: the output read back gives the same bytes and loses nothing more.
    const twice = await normalizeSbom(
      normalizeRequest(name, once.json, { targetSpecVersion: target }),
    )
    expect(twice.json).toBe(once.json)
    expect(twice.report.dropped).toEqual([])

    const { before, after } = once.report
    const lostToSpec = spec.supportsComponentType('platform') ? 0 : platformComponents
    expect(after.components).toBe(before.components - lostToSpec)
    expect(after.services).toBe(spec.supportsServices ? before.services : 0)
    expect(after.vulnerabilities).toBe(spec.supportsVulnerabilities ? before.vulnerabilities : 0)
    expect(after.hashes).toBe(before.hashes)
    expect(after.licenses).toBe(before.licenses)
    if (lostToSpec > 0)
      expect(once.report.dropped).toContainEqual(
        expect.objectContaining({
          path: '$.components[]',
          reason: expect.stringMatching(
            `component type "platform" does not exist in CycloneDX ${target}`,
          ),
        }),
      )
    // Every loss is explained, and every explanation points at something the input has.
    for (const entry of once.report.dropped)
      expect(valueAt(JSON.parse(content), entry.example)).toBeDefined()
  })
})

describe('the 1.6 fixture at each target', () => {
  const content = fixture('gateway-1.6.cdx.json')
  const normalize = (target: (typeof SUPPORTED_SPEC_VERSIONS)[number]) =>
    normalizeSbom(normalizeRequest('gateway.cdx.json', content, { targetSpecVersion: target }))

  it('writes tools as components/services from 1.5 on and as the legacy list before', async () => {
    for (const target of SUPPORTED_SPEC_VERSIONS) {
      const tools = (JSON.parse((await normalize(target)).json) as Json).metadata.tools
      if (specOf(target).supportsToolsComponentsServices) {
        expect(tools.components.map((tool: Json) => tool.name)).toEqual(['iot-sbom-action', 'syft'])
        expect(tools.services.map((tool: Json) => tool.name)).toEqual(['signing-service'])
      } else
        expect(tools.map((tool: Json) => tool.name).sort()).toEqual([
          'iot-sbom-action',
          'signing-service',
          'syft',
        ])
    }
  })

  it('keeps the dependency graph, minus edges to components the target cannot hold', async () => {
    const graph = async (target: (typeof SUPPORTED_SPEC_VERSIONS)[number]) =>
      Object.fromEntries(
        ((JSON.parse((await normalize(target)).json) as Json).dependencies as Json[]).map((d) => [
          d.ref,
          d.dependsOn ?? [],
        ]),
      )
    expect((await graph('1.6'))['edge-gateway']).toEqual([
      'nrf9160-soc',
      'pkg:generic/zephyr@3.7.0',
      'telemetry-api',
    ])
    const at14 = await graph('1.4')
    expect(at14['edge-gateway']).toEqual(['pkg:generic/zephyr@3.7.0', 'telemetry-api'])
    // No entry for the platform nor its firmware: they are not in the 1.4 document.
    expect(Object.keys(at14)).not.toContain('nrf9160-soc')
    expect(Object.keys(at14)).not.toContain('modem-fw')
  })

  it('lists what only the library cannot model at every target, and what older specs lack', async () => {
    const paths = async (target: (typeof SUPPORTED_SPEC_VERSIONS)[number]) =>
      (await normalize(target)).report.dropped.map((entry) => entry.path)
    const unmodelled = [
      '$.metadata.manufacturer',
      '$.components[].pedigree',
      '$.services[].endpoints',
      '$.services[].authenticated',
    ]
    expect(await paths('1.7')).toEqual(unmodelled)
    expect(await paths('1.4')).toEqual(
      expect.arrayContaining([...unmodelled, '$.metadata.lifecycles']),
    )
    expect(await paths('1.2')).toEqual(
      expect.arrayContaining([
        '$.vulnerabilities',
        '$.metadata.licenses',
        '$.components[].evidence',
      ]),
    )
  })
})

function valueAt(document: Json, path: string): unknown {
  const steps = path.slice(1).match(/\.[^.[]+|\[\d+\]/g) ?? []
  return steps.reduce<unknown>(
    (value, step) =>
      value === undefined || value === null
        ? undefined
        : (value as Json)[step.startsWith('[') ? Number(step.slice(1, -1)) : step.slice(1)],
    document,
  )
}
