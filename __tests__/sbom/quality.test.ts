// SBOM quality (src/sbom/quality.ts): every check both ways, each profile on a small hand-made
// SBOM with exact coverage, the score, the cap on firstMissing, the spec-version notes, and a
// run over the CycloneDX spec corpus (../shared/corpus) that must never throw.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  checkComponent,
  checkDocument,
  type ComponentCheck,
  type DocumentCheck,
  evaluateQuality,
  QUALITY_ELEMENT_IDS,
  QUALITY_PROFILE_NAMES,
  QUALITY_PROFILES,
  type QualityProfileName,
} from '../../src/sbom/quality.ts'
import type { JsonObject } from '../../src/shared/json.ts'

type Profile = Exclude<QualityProfileName, 'none'>
const PROFILES: readonly Profile[] = ['ntia-2021', 'cisa-2025', 'bsi-tr-03183-2']

const CORPUS = new URL('../../../shared/corpus/cyclonedx-spec/', import.meta.url).pathname
const haveCorpus = existsSync(CORPUS)
if (!haveCorpus)
  console.warn(
    `\n*** SBOM QUALITY CORPUS RUN SKIPPED: ${CORPUS} is missing (CI has ../shared beside the repo). ***\n`,
  )

const NO_REFS: ReadonlySet<string> = new Set()

describe('profiles as data', () => {
  it('names every profile and every element id once, kebab-case', () => {
    expect(QUALITY_PROFILE_NAMES).toEqual(['none', 'ntia-2021', 'cisa-2025', 'bsi-tr-03183-2'])
    expect(new Set(QUALITY_ELEMENT_IDS).size).toBe(QUALITY_ELEMENT_IDS.length)
    for (const id of QUALITY_ELEMENT_IDS) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    expect(QUALITY_ELEMENT_IDS).toEqual(
      expect.arrayContaining(['supplier', 'version', 'unique-id', 'sha512']),
    )
  })

  it('gives an id the same scope and check in every profile, and each rule a citation with a version', () => {
    const seen = new Map<string, string>()
    for (const profile of PROFILES) {
      const ids = QUALITY_PROFILES[profile].map((rule) => rule.id)
      expect(new Set(ids).size).toBe(ids.length)
      for (const rule of QUALITY_PROFILES[profile]) {
        const shape = JSON.stringify([rule.scope, rule.check])
        expect(seen.get(rule.id) ?? shape, rule.id).toBe(shape)
        seen.set(rule.id, shape)
        expect(rule.citation).toMatch(/(2021|2025|v2\.1\.0)/)
      }
    }
    expect([...seen.keys()].sort()).toEqual([...QUALITY_ELEMENT_IDS].sort())
  })
})

describe('component checks, both ways', () => {
  const cases: readonly [ComponentCheck, JsonObject, JsonObject][] = [
    [
      { kind: 'supplier' },
      { supplier: { name: 'Acme' } },
      { supplier: { url: ['https://acme.example'] } },
    ],
    [{ kind: 'supplier' }, { manufacturer: { name: 'Acme' } }, { author: 'someone' }],
    [{ kind: 'supplier' }, { publisher: 'Acme' }, { publisher: '  ' }],
    [{ kind: 'name' }, { name: 'zlib' }, { name: '' }],
    [{ kind: 'version' }, { version: '1.3.1' }, {}],
    [{ kind: 'uniqueId' }, { purl: 'pkg:npm/ms@2.1.3' }, { purl: 42 }],
    [{ kind: 'uniqueId' }, { cpe: 'cpe:2.3:a:zlib:zlib:1.3.1:*:*:*:*:*:*:*' }, { cpe: '' }],
    [{ kind: 'uniqueId' }, { swid: { tagId: 'swid-1', name: 'x' } }, { swid: { name: 'x' } }],
    [{ kind: 'hash' }, { hashes: [{ alg: 'SHA-1', content: 'ab' }] }, { hashes: [] }],
    [
      { kind: 'strongHash', algs: ['SHA-512'] },
      { hashes: [{ alg: 'SHA-512', content: 'ab' }] },
      { hashes: [{ alg: 'SHA-256', content: 'ab' }] },
    ],
    [
      { kind: 'strongHash', algs: ['SHA-512'] },
      {
        externalReferences: [
          { type: 'distribution', url: 'u', hashes: [{ alg: 'SHA-512', content: 'ab' }] },
        ],
      },
      {
        externalReferences: [
          { type: 'website', url: 'u', hashes: [{ alg: 'SHA-512', content: 'ab' }] },
        ],
      },
    ],
    [{ kind: 'license' }, { licenses: [{ license: { id: 'MIT' } }] }, { licenses: [] }],
    [
      { kind: 'license' },
      { licenses: [{ expression: 'MIT OR Apache-2.0' }] },
      { licenses: [{ license: {} }] },
    ],
    [
      { kind: 'licenseAck', ack: 'concluded' },
      { licenses: [{ license: { id: 'MIT', acknowledgement: 'concluded' } }] },
      { licenses: [{ license: { id: 'MIT', acknowledgement: 'declared' } }] },
    ],
    [
      { kind: 'licenseAck', ack: 'declared' },
      { licenses: [{ expression: 'MIT', acknowledgement: 'declared' }] },
      { licenses: [{ expression: 'MIT' }] },
    ],
    [{ kind: 'inDependencies' }, { 'bom-ref': 'a' }, { 'bom-ref': 'b' }],
    [{ kind: 'inDependencies' }, { 'bom-ref': 'a' }, {}],
    [
      { kind: 'creatorContact' },
      { manufacturer: { name: 'Acme', url: ['https://acme.example'] } },
      { manufacturer: { name: 'Acme' } },
    ],
    [
      { kind: 'creatorContact' },
      { supplier: { contact: [{ email: 'sec@acme.example' }] } },
      { supplier: { contact: [{ name: 'Bob' }] } },
    ],
    [
      { kind: 'creatorContact' },
      { authors: [{ email: 'a@acme.example' }] },
      { authors: [{ name: 'A' }] },
    ],
    [
      { kind: 'property', name: 'bsi:component:filename' },
      { properties: [{ name: 'bsi:component:filename', value: 'libz.so.1' }] },
      { properties: [{ name: 'bsi:component:filename' }] },
    ],
    [
      { kind: 'externalRef', type: 'source-distribution' },
      { externalReferences: [{ type: 'source-distribution', url: 'https://x/src.tgz' }] },
      { externalReferences: [{ type: 'vcs', url: 'https://x.git' }] },
    ],
  ]
  it.each(cases.map(([check, yes, no]) => [JSON.stringify(check), check, yes, no] as const))(
    '%s',
    (_title, check, yes, no) => {
      const refs = new Set(['a'])
      expect(checkComponent(yes, check, refs)).toBe(true)
      expect(checkComponent(no, check, refs)).toBe(false)
    },
  )
})

describe('document checks, both ways', () => {
  const cases: readonly [DocumentCheck, JsonObject, JsonObject][] = [
    [
      { kind: 'sbomAuthor' },
      { metadata: { authors: [{ name: 'Jo' }] } },
      { metadata: { authors: [{}] } },
    ],
    [{ kind: 'sbomAuthor' }, { metadata: { manufacture: { name: 'Acme' } } }, {}],
    [
      { kind: 'sbomAuthor' },
      { metadata: { supplier: { name: 'Acme' } } },
      { metadata: { supplier: {} } },
    ],
    [{ kind: 'timestamp' }, { metadata: { timestamp: '2025-01-01T00:00:00Z' } }, { metadata: {} }],
    [
      { kind: 'toolName' },
      { metadata: { tools: [{ name: 'syft' }] } },
      { metadata: { tools: [] } },
    ],
    [
      { kind: 'toolName' },
      { metadata: { tools: { components: [{ type: 'application', name: 'syft' }] } } },
      { metadata: { tools: { components: [] } } },
    ],
    [
      { kind: 'toolName' },
      { metadata: { tools: { services: [{ name: 'builder' }] } } },
      { metadata: { tools: 'x' } },
    ],
    [
      { kind: 'generationContext' },
      { metadata: { lifecycles: [{ phase: 'build' }] } },
      { metadata: { lifecycles: [{}] } },
    ],
    [
      { kind: 'sbomCreatorContact' },
      { metadata: { manufacturer: { name: 'Acme', url: ['https://acme.example'] } } },
      { metadata: { manufacturer: { name: 'Acme' } } },
    ],
    [
      { kind: 'sbomCreatorContact' },
      { metadata: { authors: [{ name: 'Jo', email: 'jo@acme.example' }] } },
      { metadata: { authors: [{ name: 'Jo' }] } },
    ],
    [
      { kind: 'serialNumber' },
      { serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79' },
      { serialNumber: '' },
    ],
    [
      { kind: 'specVersionFloor', min: '1.6', by: 'X' },
      { specVersion: '1.6' },
      { specVersion: '1.5' },
    ],
    [{ kind: 'specVersionFloor', min: '1.6', by: 'X' }, { specVersion: '1.10' }, {}],
  ]
  it.each(cases.map(([check, yes, no]) => [JSON.stringify(check), check, yes, no] as const))(
    '%s',
    (_title, check, yes, no) => {
      expect(checkDocument(yes, check)).toBe(true)
      expect(checkDocument(no, check)).toBe(false)
    },
  )
  it('never reads a component check for a document or the reverse without a boolean', () => {
    expect(checkComponent({}, { kind: 'hash' }, NO_REFS)).toBe(false)
    expect(checkDocument({ metadata: [] }, { kind: 'timestamp' })).toBe(false)
  })
})

// ---------------------------------------------------------------------------------------------
// A small SBOM: the IoT package as metadata.component (not counted), a library with a nested
// file, and a bare library. Three components.

const bsiProps = [
  { name: 'bsi:component:filename', value: 'libz.so.1' },
  { name: 'bsi:component:executable', value: 'executable' },
  { name: 'bsi:component:archive', value: 'no archive' },
  { name: 'bsi:component:structured', value: 'unstructured' },
]
const zlib = {
  type: 'library',
  'bom-ref': 'zlib',
  name: 'zlib',
  version: '1.3.1',
  supplier: { name: 'zlib', url: ['https://zlib.net'] },
  purl: 'pkg:generic/zlib@1.3.1',
  hashes: [{ alg: 'SHA-512', content: 'ab' }],
  licenses: [
    { license: { id: 'Zlib', acknowledgement: 'concluded' } },
    { license: { id: 'Zlib', acknowledgement: 'declared' } },
  ],
  externalReferences: [
    { type: 'distribution', url: 'https://zlib.net/zlib-1.3.1.tar.gz' },
    { type: 'source-distribution', url: 'https://zlib.net/zlib-1.3.1.tar.gz' },
  ],
  properties: bsiProps,
  components: [
    {
      type: 'file',
      'bom-ref': 'libz',
      name: 'libz.so.1',
      hashes: [{ alg: 'SHA-256', content: 'cd' }],
    },
  ],
}
const bare = { type: 'library', name: 'mystery' }

const small = (specVersion: string, metadata: JsonObject): JsonObject => ({
  bomFormat: 'CycloneDX',
  specVersion,
  serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
  metadata: { component: { type: 'firmware', name: 'iot-package', version: '9' }, ...metadata },
  components: [zlib, bare],
  dependencies: [{ ref: 'zlib', dependsOn: [] }],
})

const coverage = (document: JsonObject, profile: Profile) =>
  Object.fromEntries(
    evaluateQuality(document, profile).elements.map((element) => [
      element.id,
      [element.present, element.total, element.firstMissing.join(' ')],
    ]),
  )

describe('evaluateQuality on a small SBOM', () => {
  const full = {
    timestamp: '2025-09-01T00:00:00Z',
    authors: [{ name: 'Jo', email: 'jo@acme.example' }],
    tools: { components: [{ type: 'application', name: 'syft' }] },
    lifecycles: [{ phase: 'build' }],
  }

  it('ntia-2021: exact coverage and score', () => {
    const document = small('1.6', full)
    expect(coverage(document, 'ntia-2021')).toEqual({
      supplier: [1, 3, 'libz.so.1 mystery'],
      name: [3, 3, ''],
      version: [1, 3, 'libz.so.1 mystery'],
      'unique-id': [1, 3, 'libz.so.1 mystery'],
      dependencies: [1, 3, 'libz.so.1 mystery'],
      'sbom-author': [1, 1, ''],
      timestamp: [1, 1, ''],
    })
    // (33.3 + 100 + 33.3 + 33.3 + 33.3 + 100 + 100) / 7 = 61.9
    expect(evaluateQuality(document, 'ntia-2021').score).toBe(61)
    expect(evaluateQuality(document, 'ntia-2021').notes).toEqual([])
  })

  it('cisa-2025: exact coverage and score', () => {
    const document = small('1.6', full)
    expect(coverage(document, 'cisa-2025')).toEqual({
      'sbom-author': [1, 1, ''],
      supplier: [1, 3, 'libz.so.1 mystery'],
      name: [3, 3, ''],
      version: [1, 3, 'libz.so.1 mystery'],
      'unique-id': [1, 3, 'libz.so.1 mystery'],
      hash: [2, 3, 'mystery'],
      license: [1, 3, 'libz.so.1 mystery'],
      dependencies: [1, 3, 'libz.so.1 mystery'],
      'tool-name': [1, 1, ''],
      timestamp: [1, 1, ''],
      'generation-context': [1, 1, ''],
    })
    // (100 + 33.3×5 + 100 + 66.7 + 100×3) / 11 = 66.7
    expect(evaluateQuality(document, 'cisa-2025').score).toBe(66)
  })

  it('bsi-tr-03183-2: exact coverage and score', () => {
    const document = small('1.6', full)
    expect(coverage(document, 'bsi-tr-03183-2')).toEqual({
      'format-version': [1, 1, ''],
      'sbom-creator-contact': [1, 1, ''],
      timestamp: [1, 1, ''],
      'sbom-uri': [1, 1, ''],
      'creator-contact': [1, 3, 'libz.so.1 mystery'],
      name: [3, 3, ''],
      version: [1, 3, 'libz.so.1 mystery'],
      filename: [1, 3, 'libz.so.1 mystery'],
      dependencies: [1, 3, 'libz.so.1 mystery'],
      'distribution-license': [1, 3, 'libz.so.1 mystery'],
      sha512: [1, 3, 'libz.so.1 mystery'],
      executable: [1, 3, 'libz.so.1 mystery'],
      archive: [1, 3, 'libz.so.1 mystery'],
      structured: [1, 3, 'libz.so.1 mystery'],
      'source-uri': [1, 3, 'libz.so.1 mystery'],
      'deployable-uri': [1, 3, 'libz.so.1 mystery'],
      'unique-id': [1, 3, 'libz.so.1 mystery'],
      'original-license': [1, 3, 'libz.so.1 mystery'],
    })
    // (100×4 + 33.3×13 + 100) / 18 = 51.85
    const result = evaluateQuality(document, 'bsi-tr-03183-2')
    expect(result.score).toBe(51)
    expect(result.notes).toEqual([])
    expect(result.elements.every((element) => element.citation.startsWith('BSI TR-03183-2'))).toBe(
      true,
    )
  })

  it('scores 100 when everything is there and 0 document-elements-only when nothing is', () => {
    const perfect: JsonObject = {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      metadata: { timestamp: '2025-09-01T00:00:00Z', authors: [{ name: 'Jo' }] },
      components: [{ ...zlib, components: undefined }],
      dependencies: [{ ref: 'zlib' }],
    }
    expect(evaluateQuality(perfect, 'ntia-2021').score).toBe(100)
    const empty = evaluateQuality({ bomFormat: 'CycloneDX', specVersion: '1.6' }, 'ntia-2021')
    expect(empty.score).toBe(0)
    expect(empty.elements.find((element) => element.id === 'supplier')).toMatchObject({
      present: 0,
      total: 0,
    })
    expect(empty.notes).toEqual([
      'The document lists no components: component elements are not scored.',
    ])
  })

  it('leaves component elements over zero components out of the mean', () => {
    const onlyMetadata = { specVersion: '1.6', metadata: { timestamp: 't' } }
    // sbom-author 0, timestamp 100: the five component elements are not measured.
    expect(evaluateQuality(onlyMetadata, 'ntia-2021').score).toBe(50)
  })

  it('caps firstMissing at 5, in document order, nested included', () => {
    const components = Array.from({ length: 8 }, (_, index) => ({
      type: 'library',
      name: `c${index}`,
      version: '1',
      components: [{ type: 'file', name: `f${index}` }],
    }))
    const result = evaluateQuality({ specVersion: '1.6', components }, 'ntia-2021')
    const supplier = result.elements.find((element) => element.id === 'supplier')
    expect(supplier).toMatchObject({ present: 0, total: 16 })
    expect(supplier?.firstMissing).toEqual(['c0@1', 'f0', 'c1@1', 'f1', 'c2@1'])
  })

  it('survives deep nesting without recursion', () => {
    let component: JsonObject = { type: 'library', name: 'leaf' }
    for (let depth = 0; depth < 100_000; depth++)
      component = { type: 'library', name: 'n', components: [component] }
    const result = evaluateQuality({ specVersion: '1.6', components: [component] }, 'ntia-2021')
    expect(result.elements.find((element) => element.id === 'name')).toMatchObject({
      present: 100_001,
    })
  })
})

describe('spec-version notes', () => {
  it('says plainly when the document is below BSI’s floor and which target meets it', () => {
    const result = evaluateQuality(small('1.5', {}), 'bsi-tr-03183-2')
    expect(result.elements.find((element) => element.id === 'format-version')).toMatchObject({
      present: 0,
    })
    expect(result.notes).toContain(
      'The document is CycloneDX 1.5; BSI TR-03183-2 v2.1.0 asks for CycloneDX 1.6 or later: ' +
        'set cyclonedx-spec-version to 1.6 (or newer) to meet it.',
    )
  })

  it('names a field the document’s version cannot carry', () => {
    const bsi = evaluateQuality({ ...small('1.4', {}), components: [bare] }, 'bsi-tr-03183-2')
    expect(bsi.notes).toEqual([
      'The document is CycloneDX 1.4; BSI TR-03183-2 v2.1.0 asks for CycloneDX 1.6 or later: ' +
        'set cyclonedx-spec-version to 1.6 (or newer) to meet it.',
      'Distribution licence (concluded): the field exists from CycloneDX 1.6; the document is CycloneDX 1.4, ' +
        'so it cannot be recorded: set cyclonedx-spec-version to 1.6 (or newer) to carry it.',
      'Original licence (declared): the field exists from CycloneDX 1.6; the document is CycloneDX 1.4, ' +
        'so it cannot be recorded: set cyclonedx-spec-version to 1.6 (or newer) to carry it.',
    ])
    const cisa = evaluateQuality(small('1.4', {}), 'cisa-2025')
    expect(cisa.notes).toEqual([
      'Generation context (lifecycle phase): the field exists from CycloneDX 1.5; the document is CycloneDX 1.4, ' +
        'so it cannot be recorded: set cyclonedx-spec-version to 1.5 (or newer) to carry it.',
    ])
    expect(evaluateQuality(small('1.5', {}), 'cisa-2025').notes).toEqual([])
  })
})

describe('performance', () => {
  it('evaluates 50k components in well under a second per profile', () => {
    const components = Array.from({ length: 50_000 }, (_, index) => ({
      ...zlib,
      'bom-ref': `c${index}`,
      name: `c${index}`,
      components: undefined,
    }))
    const document = { ...small('1.6', {}), components }
    for (const profile of PROFILES) {
      const started = performance.now()
      const result = evaluateQuality(document, profile)
      const elapsed = performance.now() - started
      expect(result.elements.find((element) => element.id === 'name')).toMatchObject({
        present: 50_000,
      })
      expect(elapsed).toBeLessThan(2000)
    }
  })
})

describe.skipIf(!haveCorpus)('the CycloneDX spec corpus', () => {
  it('never throws and scores 0–100 on every valid JSON file', () => {
    const sums: Record<Profile, number> = { 'ntia-2021': 0, 'cisa-2025': 0, 'bsi-tr-03183-2': 0 }
    let files = 0
    for (const version of readdirSync(CORPUS).sort()) {
      const folder = join(CORPUS, version)
      if (!existsSync(folder) || !/^\d+\.\d+$/.test(version)) continue
      for (const name of readdirSync(folder)
        .filter((file) => /^valid-.*\.json$/.test(file))
        .sort()) {
        const document = JSON.parse(readFileSync(join(folder, name), 'utf8')) as JsonObject
        files++
        for (const profile of PROFILES) {
          const result = evaluateQuality(document, profile)
          expect(Number.isInteger(result.score), name).toBe(true)
          expect(result.score, name).toBeGreaterThanOrEqual(0)
          expect(result.score, name).toBeLessThanOrEqual(100)
          for (const element of result.elements) {
            expect(element.present).toBeLessThanOrEqual(element.total)
            expect(element.firstMissing.length).toBeLessThanOrEqual(5)
          }
          sums[profile] += result.score
        }
      }
    }
    expect(files).toBeGreaterThan(100)
    const averages = PROFILES.map(
      (profile) => `${profile} ${(sums[profile] / files).toFixed(1)}`,
    ).join(', ')
    console.log(
      `SBOM quality over ${files} valid cyclonedx-spec JSON files, average score: ${averages}`,
    )
  })
})
