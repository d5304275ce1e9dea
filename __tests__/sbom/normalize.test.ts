import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildArtifact } from '../../src/sbom/archive.ts'
import { uuidV5 } from '../../src/sbom/enrich.ts'
import { normalizeSbom, type NormalizeRequest } from '../../src/sbom/normalize.ts'
import { validateOutput } from '../../src/sbom/serialize.ts'
import { normalizeRequest } from './normalize-request.ts'
import { SbomError } from '../../src/shared/errors.ts'
import { readZip } from '../emulator/aws-emulator.ts'

const DEMO = readFileSync(new URL('../fixtures/demo/thermostat.cdx.json', import.meta.url), 'utf8')

const request = (content: string | Buffer, overrides: Partial<NormalizeRequest> = {}) =>
  normalizeRequest('build/sbom.cdx.json', content, overrides)

const parse = (json: string) => JSON.parse(json) as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

describe('normalizeSbom', () => {
  it('writes sorted CycloneDX at the target version with the dependency graph intact', async () => {
    const result = await normalizeSbom(request(DEMO, { targetSpecVersion: '1.6' }))
    const bom = parse(result.json)
    expect(bom.specVersion).toBe('1.6')
    expect(result.componentCount).toBe(4)
    // sortLists: the library orders components by their purl when they have one.
    const purls = bom.components.map((c: { purl: string }) => c.purl)
    expect(purls).toEqual([...purls].sort())
    expect(purls).toHaveLength(4)
    const graph = Object.fromEntries(
      bom.dependencies.map((d: { ref: string; dependsOn?: string[] }) => [
        d.ref,
        d.dependsOn ?? [],
      ]),
    )
    expect(graph['thermostat-firmware']).toHaveLength(3)
    expect(graph['pkg:github/freertos/coremqtt@v2.3.1']).toEqual([
      'pkg:github/mbed-tls/mbedtls@v3.6.2',
    ])
    expect(result.report.before.dependencies).toBe(4)
    expect(result.report.after.dependencies).toBe(4)
    expect(result.json.endsWith('\n')).toBe(true)
  })

  it('is byte-identical for the same input and commit, and differs for another commit', async () => {
    const first = await normalizeSbom(request(DEMO))
    const second = await normalizeSbom(request(DEMO))
    const otherCommit = await normalizeSbom(request(DEMO, { commitSha: 'b'.repeat(40) }))
    expect(second.json).toBe(first.json)
    expect(parse(otherCommit.json).serialNumber).not.toBe(parse(first.json).serialNumber)
  })

  it('derives the serial number as a UUID v5, keeps a valid one and replaces an invalid one with a note', async () => {
    const derived = parse((await normalizeSbom(request(DEMO))).json).serialNumber as string
    expect(derived).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    const kept = 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79'
    const withSerial = { ...parse(DEMO), serialNumber: kept }
    expect(
      parse((await normalizeSbom(request(JSON.stringify(withSerial)))).json).serialNumber,
    ).toBe(kept)
    const invalidSerial = await normalizeSbom(
      request(JSON.stringify({ ...parse(DEMO), serialNumber: 'abc' })),
    )
    expect(invalidSerial.report.notes.join('\n')).toMatch(/serialNumber "abc" is not a urn:uuid/)
  })

  it('implements RFC 4122 UUID v5 (the DNS example from Python’s uuid docs)', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe(
      '886313e1-3b8a-5372-9b90-0c9aee199e5d',
    )
  })

  it('sets metadata.component to the IoT package when absent, adds this tool, uses the commit time', async () => {
    const input = parse(DEMO)
    delete input.metadata.component
    delete input.metadata.timestamp
    const result = await normalizeSbom(
      request(JSON.stringify(input), {
        targetSpecVersion: '1.5',
        commitTime: new Date('2026-11-01T09:00:00Z'),
      }),
    )
    const bom = parse(result.json)
    expect(bom.metadata.component).toMatchObject({
      type: 'application',
      name: 'thermostat-firmware',
      version: 'v2.4.0',
    })
    expect(bom.metadata.timestamp).toBe('2026-11-01T09:00:00.000Z')
    expect(bom.metadata.tools.components).toContainEqual(
      expect.objectContaining({ name: 'iot-sbom-action', version: '9.9.9', group: 'acme' }),
    )
  })

  it('keeps the legacy tools list shape at 1.4 and reports what 1.4 cannot hold', async () => {
    const result = await normalizeSbom(request(DEMO))
    const bom = parse(result.json)
    expect(bom.metadata.tools).toContainEqual(
      expect.objectContaining({ name: 'iot-sbom-action', vendor: 'acme' }),
    )
    expect(bom.metadata.tools).toContainEqual(
      expect.objectContaining({ name: 'example-sbom-generator' }),
    )
    expect(result.report.dropped.map((entry) => entry.path)).toEqual(['$.metadata.tools[].type'])
  })

  it('reports what the library cannot model, at its path, instead of dropping it silently', async () => {
    const input = parse(DEMO)
    input.components[0].pedigree = { notes: 'patched' }
    input.compositions = [{ aggregate: 'complete' }]
    input.components[0].hashes.push({ alg: 'NOT-AN-ALG', content: 'ab' })
    input.dependencies.push({ ref: 'pkg:generic/lwip@2.2.0', dependsOn: ['pkg:generic/ghost@1'] })
    const result = await normalizeSbom(request(JSON.stringify(input), { targetSpecVersion: '1.6' }))
    const paths = result.report.dropped.map((entry) => entry.path)
    expect(paths).toEqual(expect.arrayContaining(['$.components[].pedigree', '$.compositions']))
    expect(paths.some((path) => path.startsWith('$.components[].hashes[]'))).toBe(true)
    expect(
      result.report.dropped.find((entry) => entry.path === '$.components[].pedigree')?.example,
    ).toMatch(/^\$\.components\[\d\]\.pedigree$/)
    expect(result.report.notes.join('\n')).toContain('"pkg:generic/ghost@1"')
  })

  it('carries nested components and dependencies that point at them', async () => {
    const input = parse(DEMO)
    input.components[0].components = [
      { type: 'library', name: 'heap_4', version: '1', 'bom-ref': 'heap4' },
    ]
    input.dependencies.push({ ref: 'pkg:generic/lwip@2.2.0', dependsOn: ['heap4'] })
    const result = await normalizeSbom(request(JSON.stringify(input)))
    expect(result.componentCount).toBe(5)
    const lwip = parse(result.json).dependencies.find(
      (d: { ref: string }) => d.ref === 'pkg:generic/lwip@2.2.0',
    )
    expect(lwip.dependsOn).toEqual(['heap4'])
    expect(result.report.dropped).toEqual([
      expect.objectContaining({ path: '$.metadata.tools[].type' }),
    ])
  })

  it.each([
    ['not JSON', '{"bomFormat": "CycloneDX", ', /is not valid JSON/],
    ['not an object', '[1, 2]', /not an object/],
    ['SPDX 3', '{"spdxVersion": "SPDX-3.0"}', /is SPDX-3.0 JSON, which is not supported/],
    [
      'SPDX 3 JSON-LD',
      '{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": []}',
      /looks like SPDX 3 JSON-LD/,
    ],
    [
      'syft JSON',
      '{"artifacts": [], "source": {}, "descriptor": {"name": "syft"}}',
      /looks like syft JSON/,
    ],
    ['random JSON', '{"hello": "world"}', /looks like JSON with top-level keys hello/],
    [
      'an unknown specVersion',
      '{"bomFormat": "CycloneDX", "specVersion": "2.0"}',
      /specVersion "2.0", which is not supported/,
    ],
  ])('refuses %s, naming the file', async (_, content, message) => {
    const attempt = normalizeSbom(request(content))
    await expect(attempt).rejects.toBeInstanceOf(SbomError)
    await expect(attempt).rejects.toThrow(/^build\/sbom\.cdx\.json: /)
    await expect(attempt).rejects.toThrow(message)
  })

  it('accepts a UTF-8 byte order mark and refuses invalid UTF-8', async () => {
    const withBom = await normalizeSbom(
      request(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(DEMO)])),
    )
    expect(withBom.componentCount).toBe(4)
    await expect(normalizeSbom(request(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])))).rejects.toThrow(
      /not valid UTF-8/,
    )
  })

  it('does not crash on values the library models refuse (malformed CPE, negative SWID tagVersion)', async () => {
    const input = parse(DEMO)
    input.components[0].cpe = 'not a cpe'
    input.components[1].swid = { tagId: 't', name: 'n', tagVersion: -1 }
    const result = await normalizeSbom(request(JSON.stringify(input)))
    const paths = result.report.dropped.map((entry) => entry.path)
    expect(paths).toEqual(
      expect.arrayContaining(['$.components[].cpe', '$.components[].swid.tagVersion']),
    )
  })
})

describe('values the target schema forbids', () => {
  it('removes a value of the wrong format and reports it with its location', async () => {
    const input = parse(DEMO)
    input.metadata.authors = [{ name: 'Release Bot', email: 'not an e-mail address' }]
    const result = await normalizeSbom(request(JSON.stringify(input)))
    expect(parse(result.json).metadata.authors).toEqual([{ name: 'Release Bot' }])
    expect(result.report.dropped).toContainEqual({
      path: '$.metadata.authors[].email',
      example: '$.metadata.authors[0].email',
      reason: expect.stringMatching(
        /^value "not an e-mail address" removed: must match format "idn-email" in CycloneDX 1\.4$/,
      ),
    })
  })

  it('refuses what cannot be repaired by removing a value, naming the JSON path', async () => {
    const missingName =
      '{"bomFormat":"CycloneDX","specVersion":"1.4","version":1,"components":[{"type":"library"}]}\n'
    await expect(validateOutput(missingName, '1.4', 'x.json')).rejects.toThrow(
      /\/components\/0: must have required property 'name'/,
    )
  })
})

describe('buildArtifact', () => {
  const entries = [
    { name: 'a.cdx.json', content: '{"a":1}\n' },
    { name: 'b.cdx.json', content: '{"b":2}\n' },
  ]

  it('zips deterministically and the zip holds exactly the files', async () => {
    const first = await buildArtifact(entries, 'zip')
    const second = await buildArtifact(entries, 'zip')
    expect(Buffer.compare(first, second)).toBe(0)
    expect(readZip(first).map((file) => [file.name, file.content.toString()])).toEqual(
      entries.map((entry) => [entry.name, entry.content]),
    )
  })

  it('writes one plain JSON file and refuses several', async () => {
    expect((await buildArtifact(entries.slice(0, 1), 'json')).toString()).toBe('{"a":1}\n')
    await expect(buildArtifact(entries, 'json')).rejects.toThrow(/exactly one SBOM, got 2/)
  })
})
