import { describe, expect, it } from 'vitest'
import { buildSoftwareInventoryEvent, OCSF_VERSION } from '../../src/report/ocsf.ts'
import { ocsfProblems } from './ocsf-schema.ts'

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
    component: { type: 'firmware', name: 'thermostat', purl: 'pkg:generic/acme/thermostat@2.4.0' },
  },
  components: [
    {
      type: 'library',
      name: 'lwip',
      version: '2.2.0',
      purl: 'pkg:github/lwip-tcpip/lwip@2.2.0',
      licenses: [{ license: { id: 'BSD-3-Clause' } }],
      hashes: [
        { alg: 'SHA-1', content: 'a'.repeat(40) },
        { alg: 'SHA-256', content: 'b'.repeat(64) },
      ],
      components: [{ type: 'library', name: 'nested-part' }],
    },
    {
      type: 'framework',
      group: '@acme',
      name: 'hal',
      version: '1.0.0',
      licenses: [{ expression: 'MIT OR Apache-2.0' }],
    },
  ],
}

const input = {
  documents: [document],
  packageName: 'thermostat-firmware',
  versionName: 'v2.4.0',
  action: { name: 'iot-sbom-action', vendor: 'acme', version: '0.1.0' },
  time: Date.parse('2026-11-23T09:00:00Z'),
  runner: { hostname: 'runner-1', osType: 'Linux', osRelease: '6.8.0' },
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
      device: {
        type_id: 6,
        hostname: 'runner-1',
        os: { name: 'Linux', type_id: 200, version: '6.8.0' },
      },
    })
  })

  it('describes the SBOM: package, every component once (nested too), generator, spec, serial, time', () => {
    expect(event.sbom).toEqual({
      package: {
        name: 'thermostat-firmware',
        version: 'v2.4.0',
        purl: 'pkg:generic/acme/thermostat@2.4.0',
      },
      software_components: [
        {
          name: 'lwip',
          version: '2.2.0',
          type_id: 2,
          purl: 'pkg:github/lwip-tcpip/lwip@2.2.0',
          license: 'BSD-3-Clause',
          hash: { algorithm_id: 3, algorithm: 'SHA-256', value: 'b'.repeat(64) },
        },
        { name: '@acme/hal', version: '1.0.0', type_id: 1, license: 'MIT OR Apache-2.0' },
        { name: 'nested-part', version: 'unknown', type_id: 2 },
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
})
