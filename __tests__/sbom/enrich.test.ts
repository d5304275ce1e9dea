import * as Models from '@cyclonedx/cyclonedx-library/Models'
import { ComponentType } from '@cyclonedx/cyclonedx-library/Enums'
import { describe, expect, it } from 'vitest'
import { assignStableBomRefs, enrichBom, type Enrichment } from '../../src/sbom/enrich.ts'

const enrichment: Enrichment = {
  packageName: 'thermostat-firmware',
  versionName: 'v2.4.0',
  commitSha: '0123456789abcdef0123456789abcdef01234567',
  repository: 'acme/thermostat',
  tool: { name: 'iot-sbom-action', version: '1.0.0', vendor: 'acme' },
}

describe('enrichBom', () => {
  it('derives the same serialNumber forever for the same repository, commit, package and version', () => {
    const bom = new Models.Bom()
    enrichBom(bom, enrichment)
    // Cross-checked with Python's uuid.uuid5. A golden value: if this changes, every artifact's bytes change, and re-runs stop deduplicating.
    expect(bom.serialNumber).toBe('urn:uuid:fe2947f3-0333-543e-bec8-ba3bda540162')
  })

  it('leaves the timestamp empty without a commit time (nothing from the clock)', () => {
    const bom = new Models.Bom()
    enrichBom(bom, enrichment)
    expect(bom.metadata.timestamp).toBeUndefined()
    const withTime = new Models.Bom()
    enrichBom(withTime, { ...enrichment, commitTime: new Date('2026-01-02T03:04:05Z') })
    expect(withTime.metadata.timestamp?.toISOString()).toBe('2026-01-02T03:04:05.000Z')
  })

  it('keeps a timestamp the input has', () => {
    const bom = new Models.Bom()
    bom.metadata.timestamp = new Date('2025-05-05T00:00:00Z')
    enrichBom(bom, { ...enrichment, commitTime: new Date('2026-01-02T03:04:05Z') })
    expect(bom.metadata.timestamp.toISOString()).toBe('2025-05-05T00:00:00.000Z')
  })

  it('adds the IoT package as an application with its iot-package: bom-ref, once', () => {
    const bom = new Models.Bom()
    expect(enrichBom(bom, enrichment)).toContain(
      'metadata.component set to the IoT package thermostat-firmware@v2.4.0.',
    )
    expect(bom.metadata.component).toMatchObject({
      type: 'application',
      name: 'thermostat-firmware',
      version: 'v2.4.0',
    })
    expect(bom.metadata.component?.bomRef.value).toBe('iot-package:thermostat-firmware@v2.4.0')
    // Enriching again (a re-normalized output, a merge) neither adds nor talks.
    expect(enrichBom(bom, enrichment)).toEqual([])
    expect(bom.metadata.tools.components.size).toBe(1)
  })

  it('adds the tool in the legacy list when the input uses that shape', () => {
    const bom = new Models.Bom()
    bom.metadata.tools.tools.add(new Models.Tool({ name: 'syft', version: '0.90.0' }))
    enrichBom(bom, enrichment)
    expect([...bom.metadata.tools.tools].map((tool) => tool.name)).toEqual([
      'syft',
      'iot-sbom-action',
    ])
    expect(bom.metadata.tools.components.size).toBe(0)
  })
})

describe('assignStableBomRefs', () => {
  it('derives missing bom-refs from purl or group/name@version and keeps the first holder of a duplicate', () => {
    const bom = new Models.Bom()
    const first = new Models.Component(ComponentType.Library, 'x', { bomRef: 'shared' })
    const second = new Models.Component(ComponentType.Library, 'y', { bomRef: 'shared' })
    const withPurl = new Models.Component(ComponentType.Library, 'z', { purl: 'pkg:npm/z@1' })
    const grouped = new Models.Component(ComponentType.Library, 'w', {
      group: 'acme',
      version: '2',
    })
    const nested = new Models.Component(ComponentType.File, 'w')
    grouped.components.add(nested)
    for (const component of [first, second, withPurl, grouped]) bom.components.add(component)
    bom.services.add(new Models.Service('api'))
    const notes = assignStableBomRefs(bom)
    expect(
      [first, second, withPurl, grouped, nested].map((component) => component.bomRef.value),
    ).toEqual(['shared', 'shared~2', 'pkg:npm/z@1', 'acme/w@2', 'w'])
    expect([...bom.services][0]?.bomRef.value).toBe('api')
    expect(notes).toHaveLength(2)
    // Idempotent: nothing left to do.
    expect(assignStableBomRefs(bom)).toEqual([])
  })
})
