import { readFileSync } from 'node:fs'
import { inflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { uuidV5 } from '../../src/sbom/enrich.ts'
import { MAX_INPUT_BYTES, normalizeSbom, type NormalizeRequest } from '../../src/sbom/normalize.ts'
import { schemaCheckCycloneDxJson, schemaCheckOutput } from '../../src/schema-check/schema-check.ts'
import { normalizeRequest } from './normalize-request.ts'
import { SbomError, SbomSchemaError } from '../../src/shared/errors.ts'

const DEMO = readFileSync(new URL('../fixtures/demo/thermostat.cdx.json', import.meta.url), 'utf8')

const request = (content: string | Buffer, overrides: Partial<NormalizeRequest> = {}) =>
  normalizeRequest('build/sbom.cdx.json', content, overrides)

const parse = (json: string) => JSON.parse(json) as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

describe('normalizeSbom', () => {
  it('writes sorted CycloneDX at the target version with the dependency graph intact', async () => {
    const result = await normalizeSbom(request(DEMO, { targetSpecVersion: '1.6' }))
    const bom = parse(result.json)
    expect(bom.specVersion).toBe('1.6')
    // The four libraries and the input's root (thermostat-firmware@2.4.0).
    expect(result.componentCount).toBe(5)
    // sortLists: the library orders components by their purl when they have one.
    const purls = bom.components.map((c: { purl: string }) => c.purl).filter(Boolean)
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
    expect(graph['iot-package:thermostat-firmware@v2.4.0']).toEqual(['thermostat-firmware'])
    // The package's edge to the input's root is the action's, not the input's: not counted, so
    // before and after compare the input's edges alone.
    expect(result.report.before.dependencies).toBe(4)
    expect(result.report.after.dependencies).toBe(4)
    expect(result.json).toBe(JSON.stringify(JSON.parse(result.json)))
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
    expect(bom.metadata.component).toEqual({
      type: 'firmware',
      name: 'thermostat-firmware',
      version: 'v2.4.0',
      'bom-ref': 'iot-package:thermostat-firmware@v2.4.0',
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
    const ghost = result.report.dropped.find(
      (entry) => entry.path === '$.dependencies[].dependsOn[]',
    )
    expect(ghost).toEqual({
      path: '$.dependencies[].dependsOn[]',
      example: '$.dependencies[2].dependsOn[0]',
      reason: 'names no component or service of this BOM: "pkg:generic/ghost@1"',
    })
  })

  it('carries nested components and dependencies that point at them', async () => {
    const input = parse(DEMO)
    input.components[0].components = [
      { type: 'library', name: 'heap_4', version: '1', 'bom-ref': 'heap4' },
    ]
    input.dependencies.push({ ref: 'pkg:generic/lwip@2.2.0', dependsOn: ['heap4'] })
    const result = await normalizeSbom(request(JSON.stringify(input)))
    expect(result.componentCount).toBe(6)
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
      'SPDX 3 JSON-LD without elements',
      '{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": []}',
      /has no SPDX 3 elements: its @graph is empty/,
    ],
    [
      'syft JSON',
      '{"artifacts": [], "source": {}, "descriptor": {"name": "syft"}}',
      /looks like syft JSON/,
    ],
    ['random JSON', '{"hello": "world"}', /looks like JSON with top-level keys hello/],
    [
      'a wrong bomFormat',
      '{"bomFormat": "SPDX", "specVersion": "1.4"}',
      /looks like a document with bomFormat "SPDX"/,
    ],
    [
      'a missing specVersion',
      '{"bomFormat": "CycloneDX"}',
      /specVersion \(missing\), which is not supported/,
    ],
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
    expect(withBom.componentCount).toBe(5)
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
  it('removes every value of the wrong format, though the validator reports one at a time', async () => {
    const input = parse(DEMO)
    input.metadata.authors = [
      { name: 'Release Bot', email: 'bot@localhost' },
      { name: 'QA', email: 'qa@localhost' },
    ]
    const result = await normalizeSbom(request(JSON.stringify(input)))
    expect(parse(result.json).metadata.authors).toEqual([{ name: 'QA' }, { name: 'Release Bot' }])
    expect(
      result.report.dropped.filter((entry) => entry.path === '$.metadata.authors[].email'),
    ).toHaveLength(2)
  })

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

  it('compresses for the zip what is written after the repair, only when asked', async () => {
    const input = parse(DEMO)
    input.metadata.authors = [{ name: 'Release Bot', email: 'not an e-mail address' }]
    const result = await normalizeSbom(request(JSON.stringify(input), { compressForZip: true }))
    expect(result.json).not.toContain('not an e-mail address')
    const compressed = result.compressed!
    expect(inflateRawSync(await compressed.deflated).toString('utf8')).toBe(`${result.json}\n`)
    expect(compressed.size).toBe(Buffer.byteLength(result.json) + 1)
    expect((await normalizeSbom(request(DEMO))).compressed).toBeUndefined()
  })

  it('refuses what cannot be repaired by removing a value, naming the JSON path', async () => {
    const missingName =
      '{"bomFormat":"CycloneDX","specVersion":"1.4","version":1,"components":[{"type":"library"}]}\n'
    await expect(
      schemaCheckOutput({ json: missingName, document: JSON.parse(missingName) }, '1.4', 'x.json'),
    ).rejects.toThrow(/\/components\/0: must have required property 'name'/)
  })
})

describe('reading CycloneDX JSON', () => {
  it.each([
    [
      'a truncated file',
      '{\n  "bomFormat": "CycloneDX",\n  "components": [\n    {"name": "a"',
      /is not valid JSON at line 4, column 17 \(the file ends in the middle of the document: truncated\?\): Expected ',' or '}' after property value$/,
    ],
    [
      'a stray character',
      '{\n  "bomFormat": "CycloneDX",\n  "version": x\n}',
      /is not valid JSON at line 3, column 14: /,
    ],
    ['a trailing comma', '{"a": [1, 2,]}', /is not valid JSON at line 1, column 13: /],
  ])('locates %s by line and column', async (_, content, message) => {
    await expect(normalizeSbom(request(content))).rejects.toThrow(message)
  })

  it('keeps an unparsable purl as written and says so', async () => {
    const input = parse(DEMO)
    input.components[0].purl = 'freertos-kernel@11'
    const result = await normalizeSbom(request(JSON.stringify(input)))
    expect(parse(result.json).components.map((c: { purl: string }) => c.purl)).toContain(
      'freertos-kernel@11',
    )
    expect(result.report.notes.join('\n')).toMatch(
      /1 purl\(s\) do not parse as package URLs and are kept exactly as written: \$\.components\[0\]\.purl "freertos-kernel@11"/,
    )
  })

  it('reports what it refuses on purpose, even where enrichment fills the gap', async () => {
    const input = parse(DEMO)
    input.version = 0
    input.metadata.timestamp = 'yesterday'
    input.metadata.component.type = 'gadget'
    input.components.push({ type: 'library', version: '1' })
    input.dependencies.push({ ref: 'nobody', dependsOn: ['thermostat-firmware'] })
    const result = await normalizeSbom(
      request(JSON.stringify(input), { commitTime: new Date('2026-11-01T00:00:00Z') }),
    )
    const examples = Object.fromEntries(
      result.report.dropped.map((entry) => [entry.example, entry.reason]),
    )
    expect(examples).toMatchObject({
      '$.version': 'not a positive integer; the BOM is written with version 1: 0',
      '$.metadata.timestamp': expect.stringMatching(/^not a date-time.*: "yesterday"$/),
      '$.metadata.component': expect.stringMatching(/^not a component type .*: "gadget"$/),
      '$.components[4]': expect.stringMatching(/component without a name/),
      // The refused metadata.component's own edges go too, and are grouped with the stray ref.
      '$.dependencies[0]': expect.stringMatching(
        /^its ref names no component .*: "thermostat-firmware", "nobody" \(2 times\)$/,
      ),
    })
    // The refused root's edges are reported at the edge, not as a second loss of the same data.
    expect(result.report.dropped.filter((entry) => entry.path === '$.components[]')).toHaveLength(1)
    // The IoT package replaced the refused metadata.component; the commit time the timestamp.
    expect(parse(result.json).metadata).toMatchObject({
      timestamp: '2026-11-01T00:00:00.000Z',
      component: { name: 'thermostat-firmware', version: 'v2.4.0' },
    })
  })

  it('groups many refusals of one kind into one entry with a count and the first values', async () => {
    const input = parse(DEMO)
    input.dependencies.push({
      ref: 'pkg:generic/lwip@2.2.0',
      dependsOn: Array.from({ length: 500 }, (_, index) => `ghost-${index}`),
    })
    const result = await normalizeSbom(request(JSON.stringify(input)))
    expect(result.report.dropped).toEqual([
      {
        path: '$.dependencies[].dependsOn[]',
        example: '$.dependencies[2].dependsOn[0]',
        reason:
          'names no component or service of this BOM: "ghost-0", "ghost-1", "ghost-2", … (500 times)',
      },
      expect.objectContaining({ path: '$.metadata.tools[].type' }),
    ])
  })

  it('names the target spec when it, not the library, loses data, and quotes the lost values', async () => {
    const input = parse(DEMO)
    input.components[1].externalReferences.push({
      type: 'source-distribution',
      url: 'https://example.com/mbedtls.tar.gz',
    })
    const result = await normalizeSbom(request(JSON.stringify(input)))
    // source-distribution came with 1.6: the report names the lowest version that carries it.
    expect(result.report.dropped).toContainEqual({
      path: '$.components[].externalReferences[].type',
      example: '$.components[1].externalReferences[1].type',
      reason:
        'not in CycloneDX 1.4 (1 of 2 lost); CycloneDX 1.6 carries it (set cyclonedx-spec-version: 1.6); lost: "source-distribution"',
      carriedFrom: '1.6',
    })
  })

  it('carries license acknowledgements (inside `license`, beside `expression`) where the target has them', async () => {
    const input = parse(DEMO)
    input.specVersion = '1.6'
    input.components[0].licenses = [{ license: { id: 'MIT', acknowledgement: 'concluded' } }]
    input.components[1].licenses = [
      { expression: 'Apache-2.0 OR MIT', acknowledgement: 'declared' },
    ]
    const at16 = await normalizeSbom(request(JSON.stringify(input), { targetSpecVersion: '1.6' }))
    expect(at16.report.dropped).toEqual([])
    const output = parse(at16.json)
    const licensesOf = (name: string) =>
      output.components.find((c: { name: string }) => c.name === name).licenses
    expect(licensesOf(input.components[0].name)).toEqual([
      { license: { id: 'MIT', acknowledgement: 'concluded' } },
    ])
    expect(licensesOf(input.components[1].name)).toEqual([
      { expression: 'Apache-2.0 OR MIT', acknowledgement: 'declared' },
    ])
    const at15 = await normalizeSbom(request(JSON.stringify(input), { targetSpecVersion: '1.5' }))
    expect(
      at15.report.dropped.map((entry) => [entry.path, entry.reason, entry.carriedFrom]),
    ).toEqual([
      [
        '$.components[].licenses[].license.acknowledgement',
        'not in CycloneDX 1.5; CycloneDX 1.6 carries it (set cyclonedx-spec-version: 1.6); first value "concluded"',
        '1.6',
      ],
      [
        '$.components[].licenses[].acknowledgement',
        'not in CycloneDX 1.5; CycloneDX 1.6 carries it (set cyclonedx-spec-version: 1.6); first value "declared"',
        '1.6',
      ],
    ])
  })

  it('refuses input over the size limit before reading it', async () => {
    // Not zero-filled and never touched: costs address space, not memory.
    const huge = Buffer.allocUnsafeSlow(MAX_INPUT_BYTES + 1)
    await expect(normalizeSbom(request(huge))).rejects.toThrow(/over the 512 MiB limit/)
  })
})

describe('stable output', () => {
  it('gives components without bom-ref stable ones instead of the library’s random ones', async () => {
    const input = {
      bomFormat: 'CycloneDX',
      specVersion: '1.4',
      components: [
        { type: 'library', name: 'a', version: '1' },
        { type: 'library', name: 'a', version: '1' },
        { type: 'library', name: 'b', purl: 'pkg:npm/b@2' },
        { type: 'library', name: 'c', 'bom-ref': 'dup' },
        { type: 'library', name: 'd', 'bom-ref': 'dup' },
      ],
    }
    const first = await normalizeSbom(request(JSON.stringify(input)))
    const second = await normalizeSbom(request(JSON.stringify(input)))
    expect(second.json).toBe(first.json)
    const refs = parse(first.json).components.map((c: { 'bom-ref': string }) => c['bom-ref'])
    expect(refs.sort()).toEqual(['a@1', 'a@1~2', 'dup', 'dup~2', 'pkg:npm/b@2'])
    expect(first.report.notes.join('\n')).toMatch(/3 component\(s\).* had no bom-ref/)
    expect(first.report.notes.join('\n')).toMatch(/made unique .*"dup" → "dup~2"/)
  })

  it('is a fixed point: normalizing its own output again changes no byte and loses nothing', async () => {
    const once = await normalizeSbom(request(DEMO, { targetSpecVersion: '1.6' }))
    const twice = await normalizeSbom(request(once.json, { targetSpecVersion: '1.6' }))
    expect(twice.json).toBe(once.json)
    expect(twice.report.dropped).toEqual([])
    // Our own tool entry is not added a second time.
    const tools = parse(twice.json).metadata.tools.components as { name: string }[]
    expect(tools.filter((tool) => tool.name === 'iot-sbom-action')).toHaveLength(1)
  })

  it('says that the input’s own root is kept as a component the package depends on', async () => {
    const result = await normalizeSbom(request(DEMO))
    const bom = parse(result.json)
    expect(bom.metadata.component['bom-ref']).toBe('iot-package:thermostat-firmware@v2.4.0')
    expect(bom.components).toContainEqual({
      type: 'firmware',
      name: 'thermostat-firmware',
      version: '2.4.0',
      'bom-ref': 'thermostat-firmware',
    })
    expect(result.report.notes).toContain(
      'metadata.component is the IoT package thermostat-firmware@v2.4.0 (firmware); the input\'s root firmware thermostat-firmware@2.4.0 (bom-ref "thermostat-firmware") is kept as a component the package depends on.',
    )
  })

  it('writes a valid upper-case serialNumber in lower case instead of losing it', async () => {
    const upper = 'urn:uuid:3E671687-395B-41F5-A30F-A58921A69B79'
    const result = await normalizeSbom(
      request(JSON.stringify({ ...parse(DEMO), serialNumber: upper })),
    )
    expect(parse(result.json).serialNumber).toBe(upper.toLowerCase())
  })
})

describe('schemaCheckCycloneDxJson', () => {
  it.each([
    [
      { type: 'gadget', name: 'a' },
      '/components/0/type',
      /^must be equal to one of the allowed values \(allowed: "application", .*"file"\)$/,
    ],
    [{ type: 'library' }, '/components/0', /^must have required property 'name'$/],
  ])(
    'throws SbomSchemaError naming the failing path and what is allowed or missing (%j)',
    async (component, path, message) => {
      const invalid = JSON.stringify({
        bomFormat: 'CycloneDX',
        specVersion: '1.4',
        version: 1,
        components: [component],
      })
      const error = await schemaCheckCycloneDxJson(invalid, '1.4', 'out.cdx.json').catch(
        (caught: unknown) => caught,
      )
      expect(error).toBeInstanceOf(SbomSchemaError)
      expect((error as SbomSchemaError).failures).toContainEqual(
        expect.objectContaining({ path, message: expect.stringMatching(message) }),
      )
      expect((error as SbomSchemaError).message).toMatch(
        /^out\.cdx\.json: the normalized SBOM is not valid CycloneDX 1\.4 JSON:\n {2}- \/components\/0/,
      )
    },
  )

  it('accepts what it should', async () => {
    const result = await normalizeSbom(request(DEMO))
    await expect(
      schemaCheckCycloneDxJson(result.json, '1.4', 'out.cdx.json'),
    ).resolves.toBeUndefined()
  })
})
