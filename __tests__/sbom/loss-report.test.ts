// The loss report lists only real losses (issue 18): empty values carry nothing, what a reader
// made up is not the user's, an entry with no edges loses no edges, and each loss the target spec
// causes names the lowest CycloneDX version that carries it.
import { describe, expect, it } from 'vitest'
import { findDroppedData, type DropComparison } from '../../src/sbom/loss-report.ts'
import { normalizeSbom } from '../../src/sbom/normalize.ts'
import type { SpecVersion } from '../../src/formats/spec-versions.ts'
import type { JsonObject } from '../../src/shared/json.ts'
import { normalizeRequest } from './normalize-request.ts'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

/** findDroppedData with the renderings at newer versions given per version, and the versions asked for recorded. */
function compare(
  input: JsonObject,
  output: JsonObject,
  options: {
    target?: SpecVersion
    /** The model at `version`: `input` from this version on, `output` below it (undefined: never). */
    carriedFrom?: SpecVersion
    synthesized?: string[]
  } = {},
) {
  const asked: { version: SpecVersion; paths: readonly string[] }[] = []
  const order = ['1.2', '1.3', '1.4', '1.5', '1.6', '1.7']
  const comparison: DropComparison = {
    input,
    output,
    target: options.target ?? '1.4',
    alreadyReported: [],
    synthesized: options.synthesized,
    lossless: (version, paths) => {
      asked.push({ version, paths })
      const { carriedFrom } = options
      return carriedFrom !== undefined && order.indexOf(version) >= order.indexOf(carriedFrom)
        ? input
        : output
    },
  }
  return {
    dropped: findDroppedData(comparison),
    asked: asked.map(({ version }) => version),
    all: asked,
  }
}

describe('findDroppedData', () => {
  it('does not count empty values as lost: blank strings, null, and containers of nothing but those', () => {
    const input = {
      components: [
        {
          name: 'zlib',
          description: '',
          group: '   ',
          version: null,
          author: '\u00a0\t',
          supplier: { name: '', url: [''] },
          tags: ['', null],
          hashes: [],
          evidence: {},
        },
      ],
    }
    expect(compare(input, { components: [{ name: 'zlib' }] }).dropped).toEqual([])
    // …while a value next to them still is.
    const { dropped } = compare(
      { components: [{ name: 'zlib', description: '', publisher: 'Acme' }] },
      { components: [{ name: 'zlib', description: '' }] },
    )
    expect(dropped.map((entry) => entry.path)).toEqual(['$.components[].publisher'])
  })

  it('never reports what the reader synthesized, nor anything below it', () => {
    const input = {
      metadata: {
        tools: { components: [{ type: 'application', name: 'syft', version: '1.2.3' }] },
      },
    }
    const output = { metadata: { tools: [{ name: 'syft', version: '1.2.3' }] } }
    expect(compare(input, output).dropped.map((entry) => entry.path)).toEqual([
      '$.metadata.tools[].type',
    ])
    expect(
      compare(input, output, { synthesized: ['$.metadata.tools.components[].type'] }).dropped,
    ).toEqual([])
  })

  it('compares a tool’s group with the vendor CycloneDX ≤1.4 writes it as', () => {
    const input = {
      metadata: { tools: { services: [{ group: 'com.example', name: 'signer' }] } },
    }
    const output = { metadata: { tools: [{ vendor: 'com.example', name: 'signer' }] } }
    expect(compare(input, output).dropped).toEqual([])
  })

  it('names the lowest version that carries a loss, and stops serializing once every loss is placed', () => {
    const input = {
      metadata: { timestamp: '2025-01-01T00:00:00Z', lifecycles: [{ phase: 'build' }] },
    }
    const output = { metadata: { timestamp: '2025-01-01T00:00:00Z' } }
    const at15 = compare(input, output, { carriedFrom: '1.5' })
    expect(at15.dropped).toEqual([
      {
        path: '$.metadata.lifecycles',
        example: '$.metadata.lifecycles',
        reason: 'not in CycloneDX 1.4; CycloneDX 1.5 carries it (set cyclonedx-spec-version: 1.5)',
        carriedFrom: '1.5',
      },
    ])
    expect(at15.asked).toEqual(['1.7', '1.5'])
    const at16 = compare(input, output, { carriedFrom: '1.6' })
    expect(at16.dropped[0]?.carriedFrom).toBe('1.6')
    expect(at16.asked).toEqual(['1.7', '1.5', '1.6'])
    // Only the versions in between: none when the target is the one below the newest.
    expect(compare(input, output, { target: '1.6', carriedFrom: '1.7' }).asked).toEqual(['1.7'])
  })

  it('serializes nothing more when nothing is lost, and no version in between for what the library does not model', () => {
    const same = { components: [{ name: 'zlib' }] }
    expect(compare(same, same, { carriedFrom: '1.5' }).asked).toEqual([])
    const { dropped, asked } = compare(
      { components: [{ name: 'zlib', pedigree: { notes: 'patched' } }] },
      { components: [{ name: 'zlib' }] },
    )
    expect(asked).toEqual(['1.7'])
    expect(dropped).toEqual([
      {
        path: '$.components[].pedigree',
        example: '$.components[0].pedigree',
        reason:
          'none: no CycloneDX version carries it (the CycloneDX library does not model it, or the value is not valid there)',
      },
    ])
  })

  it('asks for the losses’ paths, so the caller can serialize metadata alone when all are in it', () => {
    const input = {
      metadata: { timestamp: '2025-01-01T00:00:00Z', lifecycles: [{ phase: 'build' }] },
      components: [{ name: 'a' }],
    }
    const output = { metadata: { timestamp: '2025-01-01T00:00:00Z' }, components: [{ name: 'a' }] }
    const { all } = compare(input, output, { carriedFrom: '1.5' })
    expect(all.map(({ paths }) => paths)).toEqual([
      ['$.metadata.lifecycles'],
      ['$.metadata.lifecycles'],
    ])
  })
})

const DEMO: Json = {
  bomFormat: 'CycloneDX',
  specVersion: '1.6',
  version: 1,
  components: [
    { type: 'library', 'bom-ref': 'zlib', name: 'zlib', version: '1.3.1' },
    { type: 'library', 'bom-ref': 'musl', name: 'musl', version: '1.2.5' },
  ],
  dependencies: [{ ref: 'zlib', dependsOn: ['musl'] }],
}

const normalize = (document: Json | string, target: SpecVersion = '1.6', file = 'sbom.json') =>
  normalizeSbom(
    normalizeRequest(file, typeof document === 'string' ? document : JSON.stringify(document), {
      targetSpecVersion: target,
    }),
  )

describe('the loss report through normalizeSbom', () => {
  it('CycloneDX: empty strings, a blank timestamp and version, null members are no loss', async () => {
    const input = structuredClone(DEMO)
    input.version = null
    input.metadata = { timestamp: '', tools: { components: [] } }
    Object.assign(input.components[0], { description: '', group: '', author: ' ', purl: null })
    input.components[1].licenses = []
    input.components[1].supplier = { name: '' }
    const { report } = await normalize(input)
    expect(report.dropped).toEqual([])
  })

  it('CycloneDX: a dependency entry with no edges loses nothing, even for a ref nobody has', async () => {
    const input = structuredClone(DEMO)
    input.dependencies.push(
      { ref: 'musl', dependsOn: [] },
      { ref: 'ghost', dependsOn: [] },
      { ref: 'phantom' },
      { dependsOn: [''] },
    )
    expect((await normalize(input)).report.dropped).toEqual([])
    input.dependencies.push({ ref: 'ghost', dependsOn: ['zlib'] })
    expect((await normalize(input)).report.dropped).toEqual([
      {
        path: '$.dependencies[]',
        example: '$.dependencies[5]',
        reason:
          'its ref names no component or service of this BOM, so its edges have no source: "ghost"',
      },
    ])
  })

  it('CycloneDX: a component type the target lacks names the version that has it', async () => {
    const input = structuredClone(DEMO)
    input.components.push(
      { type: 'data', name: 'model-weights' },
      { type: 'cryptographic-asset', name: 'aes' },
    )
    const { report } = await normalize(input, '1.4')
    expect(
      report.dropped
        .filter((entry) => entry.path === '$.components[]')
        .map((entry) => [entry.reason, entry.carriedFrom]),
    ).toEqual([
      [
        'component type "data" does not exist in CycloneDX 1.4; the component and everything nested in it are left out; CycloneDX 1.5 carries it (set cyclonedx-spec-version: 1.5)',
        '1.5',
      ],
      [
        'component type "cryptographic-asset" does not exist in CycloneDX 1.4; the component and everything nested in it are left out; CycloneDX 1.6 carries it (set cyclonedx-spec-version: 1.6)',
        '1.6',
      ],
    ])
  })

  const spdxJson = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: 'thermostat',
    documentNamespace: 'https://example.com/spdx/thermostat',
    creationInfo: {
      created: '2025-01-01T00:00:00Z',
      creators: ['Tool: syft-1.2.3', 'Organization: Acme'],
      comment: '',
    },
    externalDocumentRefs: [],
    documentDescribes: ['SPDXRef-fw'],
    packages: [
      {
        SPDXID: 'SPDXRef-fw',
        name: 'thermostat-fw',
        versionInfo: '2.4.0',
        downloadLocation: 'NOASSERTION',
        annotations: [],
        attributionTexts: [''],
        builtDate: 'NOASSERTION',
      },
      {
        SPDXID: 'SPDXRef-zlib',
        name: 'zlib',
        versionInfo: '1.3.1',
        downloadLocation: 'NOASSERTION',
        externalRefs: [
          {
            referenceCategory: 'PACKAGE-MANAGER',
            referenceType: 'purl',
            referenceLocator: 'pkg:generic/zlib@1.3.1',
            comment: ' ',
          },
        ],
      },
    ],
    relationships: [
      {
        spdxElementId: 'SPDXRef-fw',
        relationshipType: 'DEPENDS_ON',
        relatedSpdxElement: 'SPDXRef-zlib',
      },
    ],
  }

  it.each(['1.3', '1.4', '1.6'] as const)(
    'SPDX 2 JSON at %s: the tool’s made-up type and fields that say nothing are no loss',
    async (target) => {
      const { report } = await normalize(spdxJson, target, 'sbom.spdx.json')
      expect(report.dropped).toEqual([])
    },
  )

  it('SPDX tag-value at 1.4: the tool’s made-up type is no loss, nor a tag with nothing in it', async () => {
    const text = [
      'SPDXVersion: SPDX-2.3',
      'DataLicense: CC0-1.0',
      'SPDXID: SPDXRef-DOCUMENT',
      'DocumentName: thermostat',
      'DocumentNamespace: https://example.com/spdx/thermostat',
      'Creator: Tool: syft-1.2.3',
      'Created: 2025-01-01T00:00:00Z',
      'PackageName: thermostat-fw',
      'SPDXID: SPDXRef-fw',
      'PackageVersion: 2.4.0',
      'PackageVersion: 2.4.0',
      'PackageDownloadLocation: NOASSERTION',
      'FilesAnalyzed: ',
      'PackageFutureField: ',
      'Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-fw',
    ].join('\n')
    const { report } = await normalize(text, '1.4', 'sbom.spdx')
    expect(report.sourceFormat).toBe('SPDX tag-value')
    expect(report.dropped).toEqual([])
  })

  it('SPDX 3 at 1.4: the made-up type of a createdUsing tool is no loss, nor an empty property', async () => {
    const document = {
      '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld',
      '@graph': [
        {
          type: 'CreationInfo',
          '@id': '_:ci',
          specVersion: '3.0.1',
          created: '2025-02-03T04:05:06Z',
          createdBy: ['https://example.com/agent/acme'],
          createdUsing: ['https://example.com/tool/gen'],
        },
        {
          type: 'Organization',
          spdxId: 'https://example.com/agent/acme',
          creationInfo: '_:ci',
          name: 'Acme',
        },
        {
          type: 'Tool',
          spdxId: 'https://example.com/tool/gen',
          creationInfo: '_:ci',
          name: 'sbom-gen-2.1.0',
        },
        {
          type: 'SpdxDocument',
          spdxId: 'https://example.com/doc',
          creationInfo: '_:ci',
          rootElement: ['https://example.com/pkg/fw'],
          namespaceMap: [],
          comment: '',
        },
        {
          type: 'software_Package',
          spdxId: 'https://example.com/pkg/fw',
          creationInfo: '_:ci',
          name: 'thermostat-fw',
          software_packageVersion: '2.4.0',
        },
      ],
    }
    const { report } = await normalize(document, '1.4', 'sbom.spdx3.json')
    expect(report.sourceFormat).toBe('SPDX 3 JSON-LD')
    expect(report.dropped).toEqual([])
  })
})
