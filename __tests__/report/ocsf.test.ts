import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { ComponentType } from '@cyclonedx/cyclonedx-library/Enums'
import {
  buildSoftwareInventoryEvent,
  COMPONENT_TYPES,
  DEVICE_TYPES,
  HASH_PREFERENCE,
  OCSF_VERSION,
} from '../../src/report/ocsf.ts'
import { ocsfProblems } from './ocsf-schema.ts'

const SCHEMA = JSON.parse(
  readFileSync(new URL('ocsf-software-inventory-1.7.0.schema.json', import.meta.url), 'utf8'),
) as { definitions: Record<string, { properties: Record<string, { enum?: number[] }> }> }
const enumOf = (object: string, attribute: string): number[] =>
  SCHEMA.definitions[object]?.properties[attribute]?.enum ?? []

const document = {
  bomFormat: 'CycloneDX',
  specVersion: '1.4',
  serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
  metadata: {
    timestamp: '2026-11-01T10:00:00Z',
    tools: [
      { vendor: 'acme', name: 'iot-sbom-action', version: '0.1.0' },
      { vendor: 'Anchore', name: 'syft', version: '1.18.0' },
    ],
    component: {
      type: 'firmware',
      name: 'thermostat-firmware',
      version: 'v2.4.0',
      'bom-ref': 'iot-package:thermostat-firmware@v2.4.0',
      purl: 'pkg:generic/acme/thermostat@2.4.0',
    },
  },
  components: [
    {
      type: 'firmware',
      'bom-ref': 'root',
      name: 'thermostat',
      version: '2.4.0',
      properties: [{ name: 'acme:board', value: 'stm32f4' }],
    },
    {
      type: 'device',
      name: 'TH-100 board',
      manufacturer: { name: 'Acme Devices' },
      properties: [{ name: 'acme:cpu', value: 'cortex-m4' }],
    },
    { type: 'operating-system', name: 'FreeRTOS', version: '11.1.0' },
    {
      type: 'library',
      'bom-ref': 'lwip',
      name: 'lwip',
      version: '2.2.0',
      purl: 'pkg:github/lwip-tcpip/lwip@2.2.0',
      licenses: [{ license: { id: 'BSD-3-Clause' } }],
      supplier: { name: 'lwIP developers' },
      hashes: [
        { alg: 'SHA-1', content: 'a'.repeat(40) },
        { alg: 'SHA-256', content: 'b'.repeat(64) },
      ],
      components: [{ type: 'library', name: 'nested-part' }],
    },
    {
      type: 'framework',
      'bom-ref': 'hal',
      group: '@acme',
      name: 'hal',
      version: '1.0.0',
      author: 'Acme HAL team',
      purl: 'pkg:npm/%40acme/hal@1.0.0',
      licenses: [{ expression: 'MIT OR Apache-2.0' }],
      hashes: [
        { alg: 'SHA-512', content: 'c'.repeat(128) },
        { alg: 'SHA-384', content: 'd'.repeat(96) },
      ],
    },
  ],
  dependencies: [
    { ref: 'iot-package:thermostat-firmware@v2.4.0', dependsOn: ['root'] },
    { ref: 'root', dependsOn: ['lwip', 'hal'] },
    { ref: 'lwip', dependsOn: ['hal'] },
  ],
}

const input = {
  documents: [document],
  packageName: 'thermostat-firmware',
  versionName: 'v2.4.0',
  action: { name: 'iot-sbom-action', vendor: 'acme', version: '0.1.0' },
  time: Date.parse('2026-11-23T09:00:00Z'),
}

describe('OCSF Software Inventory Info event', () => {
  const event = buildSoftwareInventoryEvent(input)

  it('is valid against the OCSF 1.7.0 class requirements we keep, with the sbom object present', () => {
    expect(ocsfProblems(event)).toEqual([])
    expect(event).toMatchObject({
      class_uid: 5020,
      category_uid: 5,
      activity_id: 2,
      type_uid: 502002,
      severity_id: 1,
      time: input.time,
      metadata: {
        version: OCSF_VERSION,
        product: { name: 'iot-sbom-action', vendor_name: 'acme', version: '0.1.0' },
      },
    })
  })

  it('describes the product as the device: IOT, named after package and version, with the SBOM hardware/OS facts', () => {
    expect(event.device).toEqual({
      type_id: 7,
      type: 'IOT',
      name: 'thermostat-firmware@v2.4.0',
      model: 'TH-100 board',
      vendor_name: 'Acme Devices',
      desc: 'Firmware: thermostat 2.4.0',
      os: { name: 'FreeRTOS', type_id: 99, type: 'Other', version: '11.1.0' },
    })
    expect(JSON.stringify(event.device)).not.toMatch(/runner|hostname/)
    expect(event.unmapped).toEqual({
      device_components: [
        {
          type: 'firmware',
          name: 'thermostat',
          version: '2.4.0',
          properties: { 'acme:board': 'stm32f4' },
        },
        { type: 'device', name: 'TH-100 board', properties: { 'acme:cpu': 'cortex-m4' } },
      ],
    })
    const server = buildSoftwareInventoryEvent({ ...input, deviceTypeId: 1 })
    expect(server.device).toMatchObject({ type_id: 1, type: 'Server' })
    expect(ocsfProblems(server)).toEqual([])
    const bare = buildSoftwareInventoryEvent({ ...input, documents: [{}] })
    expect(bare.device).toEqual({ type_id: 7, type: 'IOT', name: 'thermostat-firmware@v2.4.0' })
    expect(bare.unmapped).toBeUndefined()
    expect(ocsfProblems(bare)).toEqual([])
  })

  it('describes the SBOM: package, every component (nested too, once per dependency), generator, spec, serial, time', () => {
    const thermostat = { name: 'thermostat', version: '2.4.0', type_id: 99, type: 'Firmware' }
    expect(event.sbom).toEqual({
      package: {
        name: 'thermostat-firmware',
        version: 'v2.4.0',
        purl: 'pkg:generic/acme/thermostat@2.4.0',
      },
      software_components: [
        {
          ...thermostat,
          related_component: 'pkg:github/lwip-tcpip/lwip@2.2.0',
          relationship_id: 1,
          relationship: 'Depends On',
        },
        {
          ...thermostat,
          related_component: 'pkg:npm/%40acme/hal@1.0.0',
          relationship_id: 1,
          relationship: 'Depends On',
        },
        { name: 'TH-100 board', version: 'unknown', type_id: 99, type: 'Device' },
        { name: 'FreeRTOS', version: '11.1.0', type_id: 3, type: 'Operating System' },
        {
          name: 'lwip',
          version: '2.2.0',
          type_id: 2,
          type: 'Library',
          author: 'lwIP developers',
          purl: 'pkg:github/lwip-tcpip/lwip@2.2.0',
          license: 'BSD-3-Clause',
          hash: { algorithm_id: 3, algorithm: 'SHA-256', value: 'b'.repeat(64) },
          related_component: 'pkg:npm/%40acme/hal@1.0.0',
          relationship_id: 1,
          relationship: 'Depends On',
        },
        {
          name: '@acme/hal',
          version: '1.0.0',
          type_id: 1,
          type: 'Framework',
          author: 'Acme HAL team',
          purl: 'pkg:npm/%40acme/hal@1.0.0',
          license: 'MIT OR Apache-2.0',
          hash: { algorithm_id: 4, algorithm: 'SHA-512', value: 'c'.repeat(128) },
        },
        { name: 'nested-part', version: 'unknown', type_id: 2, type: 'Library' },
      ],
      created_time: Date.parse('2026-11-01T10:00:00Z'),
      product: { name: 'syft', vendor_name: 'Anchore', version: '1.18.0' },
      type_id: 2,
      type: 'CycloneDX',
      uid: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
      version: '1.4',
    })
  })

  it('the schema refuses what OCSF refuses (so the check above can fail)', () => {
    expect(ocsfProblems({ ...event, type_uid: 502001 })).not.toEqual([])
    expect(ocsfProblems({ ...event, time: '2026-11-23' })).not.toEqual([])
    const { device: _device, ...noDevice } = event
    expect(ocsfProblems(noDevice)).not.toEqual([])
    expect(
      ocsfProblems({ ...event, sbom: { ...event.sbom, software_components: [{ name: 'x' }] } }),
    ).not.toEqual([])
  })

  it('the schema refuses what OCSF refuses for device and software_component types and relationships', () => {
    const component = (extra: object) => ({
      ...event,
      sbom: { ...event.sbom, software_components: [{ name: 'x', version: '1', ...extra }] },
    })
    expect(ocsfProblems(component({ type_id: 2, type: 'Library' }))).toEqual([])
    expect(ocsfProblems(component({ type_id: 4 }))).not.toEqual([])
    expect(ocsfProblems(component({ type_id: 99 }))).not.toEqual([])
    expect(ocsfProblems(component({ type_id: 99, type: 'Firmware' }))).toEqual([])
    expect(
      ocsfProblems(component({ relationship_id: 2, related_component: 'pkg:x/y@1' })),
    ).not.toEqual([])
    expect(
      ocsfProblems(component({ relationship_id: 'Depends On', related_component: 'pkg:x/y@1' })),
    ).not.toEqual([])
    expect(
      ocsfProblems(component({ related_component: ['pkg:x/y@1'], relationship_id: 1 })),
    ).not.toEqual([])
    expect(ocsfProblems(component({ author: { name: 'a' } }))).not.toEqual([])
    expect(
      ocsfProblems({ ...event, device: { ...(event.device as object), type_id: 16 } }),
    ).not.toEqual([])
    expect(ocsfProblems({ ...event, device: { type_id: 7 } })).not.toEqual([])
  })

  it('maps every CycloneDX component type to an OCSF software_component type that exists, and back', () => {
    const ocsfTypeIds = enumOf('software_component', 'type_id')
    expect(ocsfTypeIds).toEqual([0, 1, 2, 3, 99])
    for (const cdxType of Object.values(ComponentType)) {
      const mapped = COMPONENT_TYPES[cdxType]
      expect(mapped, cdxType).toBeDefined()
      expect(ocsfTypeIds).toContain(mapped?.type_id)
      expect(mapped?.type, cdxType).toBeTruthy()
    }
    // No entry for a CycloneDX type the library does not know, and every OCSF value is reached.
    expect(Object.keys(COMPONENT_TYPES).sort()).toEqual(Object.values(ComponentType).sort())
    for (const { type_id } of Object.values(COMPONENT_TYPES)) expect(ocsfTypeIds).toContain(type_id)
    expect(new Set(Object.values(COMPONENT_TYPES).map((t) => t.type_id))).toEqual(
      new Set([1, 2, 3, 99]),
    )
    expect(
      Object.keys(DEVICE_TYPES)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual(enumOf('device', 'type_id'))
  })

  it('takes the strongest hash by the stated order, not by algorithm_id', () => {
    expect(HASH_PREFERENCE).toEqual([
      'SHA-512',
      'SHA-384',
      'SHA3-512',
      'SHA3-384',
      'SHA3-256',
      'SHA-256',
      'SHA-1',
      'MD5',
    ])
    const hashOf = (algs: string[]) =>
      buildSoftwareInventoryEvent({
        ...input,
        documents: [
          {
            components: [
              {
                type: 'library',
                name: 'h',
                version: '1',
                hashes: algs.map((alg) => ({ alg, content: 'ab' })),
              },
            ],
          },
        ],
      }).sbom.software_components as { hash?: { algorithm: string; algorithm_id: number } }[]
    expect(hashOf(['SHA-384', 'SHA-512'])[0]?.hash).toMatchObject({
      algorithm: 'SHA-512',
      algorithm_id: 4,
    })
    expect(hashOf(['SHA3-256', 'SHA-256', 'SHA3-512'])[0]?.hash?.algorithm).toBe('SHA3-512')
    expect(hashOf(['MD5', 'SHA-1'])[0]?.hash?.algorithm).toBe('SHA-1')
    expect(hashOf(['BLAKE3'])[0]?.hash).toBeUndefined()
  })
})
