// The SPDX 3 JSON-LD reader (src/formats/spdx3-jsonld.ts): every serialization form reads the
// same, the mapping of each field, licences, roots, refusals, and spdx-files.
import { describe, expect, it } from 'vitest'
import { readSpdx3JsonLd } from '../../src/formats/spdx3-jsonld.ts'
import { readSpdxJson } from '../../src/formats/spdx-json.ts'
import { normalizeSbom } from '../../src/sbom/normalize.ts'
import { SbomError } from '../../src/shared/errors.ts'
import { normalizeRequest } from '../sbom/normalize-request.ts'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const CONTEXT = 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld'
const TERMS = 'https://spdx.org/rdf/3.0.1/terms/'
const EX = 'https://example.com/fw/'

/** A small firmware SBOM in the compact form the spec's context defines. */
function compact(): Json {
  return {
    '@context': CONTEXT,
    '@graph': [
      {
        type: 'CreationInfo',
        '@id': '_:ci',
        specVersion: '3.0.1',
        created: '2025-02-03T04:05:06Z',
        createdBy: [`${EX}agent/acme`, `${EX}agent/jane`],
        createdUsing: [`${EX}tool/gen`],
      },
      { type: 'Organization', spdxId: `${EX}agent/acme`, creationInfo: '_:ci', name: 'Acme' },
      {
        type: 'Person',
        spdxId: `${EX}agent/jane`,
        creationInfo: '_:ci',
        name: 'Jane Doe',
        externalIdentifier: [
          {
            type: 'ExternalIdentifier',
            externalIdentifierType: 'email',
            identifier: 'jane@example.com',
          },
        ],
      },
      { type: 'Tool', spdxId: `${EX}tool/gen`, creationInfo: '_:ci', name: 'sbom-gen-2.1.0' },
      {
        type: 'SpdxDocument',
        spdxId: `${EX}doc`,
        creationInfo: '_:ci',
        name: 'thermostat firmware',
        rootElement: [`${EX}sbom`],
        profileConformance: ['core', 'software'],
      },
      {
        type: 'software_Sbom',
        spdxId: `${EX}sbom`,
        creationInfo: '_:ci',
        rootElement: [`${EX}pkg/fw`],
        software_sbomType: ['build'],
      },
      {
        type: 'software_Package',
        spdxId: `${EX}pkg/fw`,
        creationInfo: '_:ci',
        name: 'thermostat-fw',
        software_packageVersion: '2.4.0',
        software_primaryPurpose: 'firmware',
        suppliedBy: `${EX}agent/acme`,
      },
      {
        type: 'software_Package',
        spdxId: `${EX}pkg/zlib`,
        creationInfo: '_:ci',
        name: 'zlib',
        software_packageVersion: '1.3.1',
        software_packageUrl: 'pkg:generic/zlib@1.3.1',
        software_downloadLocation: 'https://zlib.net/zlib-1.3.1.tar.gz',
        software_homePage: 'https://zlib.net',
        software_copyrightText: 'Copyright (C) 1995-2024 Jean-loup Gailly and Mark Adler',
        software_primaryPurpose: 'library',
        description: 'compression library',
        summary: 'zlib',
        comment: 'vendored',
        originatedBy: [`${EX}agent/jane`],
        verifiedUsing: [
          {
            type: 'Hash',
            algorithm: 'sha256',
            hashValue: '9A93B2B7DFDAC77CEBA5A558A580E74667DD6FEDE4585B91EEFB60F03B72DF23',
          },
          { type: 'Hash', algorithm: 'sha3_256', hashValue: 'aa'.repeat(32) },
          { type: 'Hash', algorithm: 'md2', hashValue: 'bb'.repeat(16) },
        ],
        externalIdentifier: [
          {
            type: 'ExternalIdentifier',
            externalIdentifierType: 'cpe23',
            identifier: 'cpe:2.3:a:zlib:zlib:1.3.1:*:*:*:*:*:*:*',
          },
          {
            type: 'ExternalIdentifier',
            externalIdentifierType: 'swhid',
            identifier: 'swh:1:rel:0000000000000000000000000000000000000000',
          },
        ],
        externalRef: [
          {
            type: 'ExternalRef',
            externalRefType: 'vcs',
            locator: ['https://github.com/madler/zlib'],
          },
          {
            type: 'ExternalRef',
            externalRefType: 'funding',
            locator: ['https://example.com/fund'],
          },
        ],
      },
      {
        type: 'software_Package',
        spdxId: `${EX}pkg/mbedtls`,
        creationInfo: '_:ci',
        name: 'mbedtls',
        software_packageVersion: '3.6.2',
        externalIdentifier: [
          {
            type: 'ExternalIdentifier',
            externalIdentifierType: 'packageUrl',
            identifier: 'pkg:github/Mbed-TLS/mbedtls@3.6.2',
          },
        ],
      },
      {
        type: 'simplelicensing_LicenseExpression',
        spdxId: `${EX}lic/zlib`,
        creationInfo: '_:ci',
        simplelicensing_licenseExpression: 'Zlib',
      },
      {
        type: 'simplelicensing_LicenseExpression',
        spdxId: `${EX}lic/tls`,
        creationInfo: '_:ci',
        simplelicensing_licenseExpression: 'Apache-2.0 OR GPL-2.0-or-later',
      },
      rel('r1', `${EX}doc`, 'describes', [`${EX}pkg/fw`]),
      rel('r2', `${EX}pkg/fw`, 'dependsOn', [`${EX}pkg/zlib`, `${EX}pkg/mbedtls`]),
      rel('r3', `${EX}pkg/zlib`, 'hasDeclaredLicense', [`${EX}lic/zlib`]),
      rel('r4', `${EX}pkg/mbedtls`, 'hasDeclaredLicense', [`${EX}lic/tls`]),
      rel('r5', `${EX}pkg/mbedtls`, 'hasConcludedLicense', [
        'https://spdx.org/licenses/Apache-2.0',
      ]),
      rel('r6', `${EX}pkg/zlib`, 'ancestorOf', [`${EX}pkg/mbedtls`]),
    ],
  }
}

function rel(
  id: string,
  from: string,
  relationshipType: string,
  to: string[],
  extra: Json = {},
): Json {
  return {
    type: 'Relationship',
    spdxId: `${EX}rel/${id}`,
    creationInfo: '_:ci',
    from,
    relationshipType,
    to,
    ...extra,
  }
}

/** The same graph with `@type` / `@id` instead of `type` / `spdxId`. */
function withAtNames(document: Json): Json {
  const rename = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rename)
    if (typeof value !== 'object' || value === null) return value
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key === 'type' ? '@type' : key === 'spdxId' ? '@id' : key,
        rename(inner),
      ]),
    )
  }
  return rename(document) as Json
}

/** The same graph with the Software profile's property names written without `software_`. */
function unprefixed(document: Json): Json {
  const rename = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rename)
    if (typeof value !== 'object' || value === null) return value
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key.replace(/^software_/, ''), rename(inner)]),
    )
  }
  return rename(document) as Json
}

const NAMESPACES: Record<string, string> = {
  software: 'Software',
  simplelicensing: 'SimpleLicensing',
  expandedlicensing: 'ExpandedLicensing',
}
const REFERENCES = new Set([
  'creationInfo',
  'createdBy',
  'createdUsing',
  'rootElement',
  'element',
  'from',
  'to',
  'suppliedBy',
  'originatedBy',
])
const VOCABULARIES: Record<string, string> = {
  relationshipType: 'Core/RelationshipType',
  algorithm: 'Core/HashAlgorithm',
  externalIdentifierType: 'Core/ExternalIdentifierType',
  externalRefType: 'Core/ExternalRefType',
  software_primaryPurpose: 'Software/SoftwarePurpose',
  software_sbomType: 'Software/SbomType',
  profileConformance: 'Core/ProfileIdentifierType',
}

/** A compact name → its IRI: `software_packageVersion` → `…/terms/Software/packageVersion`. */
function iri(name: string): string {
  const [prefix, rest] = name.includes('_')
    ? (name.split(/_(.*)/s) as [string, string])
    : ['', name]
  return `${TERMS}${prefix ? NAMESPACES[prefix] : 'Core'}/${rest}`
}

/** The expanded form: IRIs for every name, values as {"@value"} / {"@id"} in arrays. */
function expanded(document: Json): Json {
  const node = (json: Json): Json => {
    const out: Json = {}
    for (const [key, value] of Object.entries(json)) {
      if (key === 'type') out['@type'] = [iri(value as string)]
      else if (key === 'spdxId' || key === '@id') out['@id'] = value
      else
        out[iri(key)] = (Array.isArray(value) ? value : [value]).map((item) =>
          typeof item === 'object'
            ? node(item as Json)
            : REFERENCES.has(key)
              ? { '@id': item }
              : VOCABULARIES[key]
                ? { '@id': `${TERMS}${VOCABULARIES[key]}/${item}` }
                : { '@value': item },
        )
    }
    return out
  }
  return { '@context': CONTEXT, '@graph': (document['@graph'] as Json[]).map(node) }
}

/** Identifiers written as compact IRIs through a prefix the @context declares. */
function withPrefix(document: Json): Json {
  const text = JSON.stringify(document['@graph']).replaceAll(EX, 'fw:')
  return { '@context': [CONTEXT, { fw: EX }], '@graph': JSON.parse(text) }
}

async function normalize(document: Json, overrides: Json = {}) {
  return normalizeSbom(
    normalizeRequest('fw.spdx3.json', JSON.stringify(document), {
      targetSpecVersion: '1.6',
      ...overrides,
    }),
  )
}

describe('SPDX 3 JSON-LD reader', () => {
  it('maps a package: version, purl, cpe, hashes, licences, supplier, references, properties', async () => {
    const sbom = await normalize(compact())
    const bom = JSON.parse(sbom.json) as Json
    expect(sbom.report.sourceFormat).toBe('SPDX 3 JSON-LD')
    expect(sbom.report.sourceSpecVersion).toBe('SPDX-3.0.1')
    // The document's root is a component the IoT package (metadata.component) depends on.
    expect(bom.metadata.component).toMatchObject({
      'bom-ref': 'iot-package:thermostat-firmware@v2.4.0',
      type: 'firmware',
    })
    expect(bom.dependencies).toContainEqual({
      ref: 'iot-package:thermostat-firmware@v2.4.0',
      dependsOn: [`${EX}pkg/fw`],
    })
    expect((bom.components as Json[]).find((c) => c['bom-ref'] === `${EX}pkg/fw`)).toMatchObject({
      'bom-ref': `${EX}pkg/fw`,
      type: 'firmware',
      name: 'thermostat-fw',
      version: '2.4.0',
      supplier: { name: 'Acme' },
    })
    expect(bom.metadata.timestamp).toBe('2025-02-03T04:05:06.000Z')
    expect(bom.metadata.authors).toEqual([{ name: 'Jane Doe', email: 'jane@example.com' }])
    expect(bom.metadata.manufacture).toEqual({ name: 'Acme' })
    expect(bom.metadata.tools.components).toContainEqual({
      type: 'application',
      name: 'sbom-gen',
      version: '2.1.0',
    })
    expect(bom.metadata.properties).toEqual(
      expect.arrayContaining([
        { name: 'spdx:documentName', value: 'thermostat firmware' },
        { name: 'spdx:sbomType', value: 'build' },
        { name: 'spdx:profileConformance', value: 'software' },
      ]),
    )
    const zlib = (bom.components as Json[]).find((c) => c.name === 'zlib') as Json
    expect(zlib).toMatchObject({
      type: 'library',
      version: '1.3.1',
      purl: 'pkg:generic/zlib@1.3.1',
      cpe: 'cpe:2.3:a:zlib:zlib:1.3.1:*:*:*:*:*:*:*',
      description: 'compression library',
      author: 'Jane Doe',
      copyright: 'Copyright (C) 1995-2024 Jean-loup Gailly and Mark Adler',
      licenses: [{ license: { id: 'Zlib' } }],
    })
    expect(zlib.hashes).toEqual([
      {
        alg: 'SHA-256',
        content: '9a93b2b7dfdac77ceba5a558a580e74667dd6fede4585b91eefb60f03b72df23',
      },
      { alg: 'SHA3-256', content: 'aa'.repeat(32) },
    ])
    expect(zlib.externalReferences).toEqual(
      expect.arrayContaining([
        { type: 'distribution', url: 'https://zlib.net/zlib-1.3.1.tar.gz' },
        { type: 'website', url: 'https://zlib.net' },
        { type: 'vcs', url: 'https://github.com/madler/zlib' },
        { type: 'other', url: 'https://example.com/fund', comment: 'SPDX externalRef funding' },
      ]),
    )
    expect(zlib.properties).toEqual(
      expect.arrayContaining([
        { name: 'spdx:summary', value: 'zlib' },
        { name: 'spdx:comment', value: 'vendored' },
        {
          name: 'spdx:externalIdentifier:swhid',
          value: 'swh:1:rel:0000000000000000000000000000000000000000',
        },
      ]),
    )
    const mbedtls = (bom.components as Json[]).find((c) => c.name === 'mbedtls') as Json
    expect(mbedtls.purl).toBe('pkg:github/Mbed-TLS/mbedtls@3.6.2')
    expect(mbedtls.licenses).toEqual([{ expression: 'Apache-2.0 OR GPL-2.0-or-later' }])
    expect(mbedtls.properties).toContainEqual({
      name: 'spdx:licenseConcluded',
      value: 'Apache-2.0',
    })
    expect(bom.dependencies).toContainEqual({
      ref: `${EX}pkg/fw`,
      dependsOn: [`${EX}pkg/mbedtls`, `${EX}pkg/zlib`],
    })
    const dropped = sbom.report.dropped.map((entry) => `${entry.example}: ${entry.reason}`)
    expect(dropped).toEqual(
      expect.arrayContaining([
        '$.@graph[7](software_Package).verifiedUsing[2]: hash algorithm md2 has no CycloneDX equivalent',
        '$.@graph[16](Relationship): 1 relationship(s) ancestorOf have no CycloneDX dependency equivalent',
      ]),
    )
  })

  it.each([
    ['@type / @id', withAtNames],
    ['property names without software_', unprefixed],
    ['the expanded form (IRIs, @value, @id)', expanded],
    ['compact IRIs through a prefix of @context', withPrefix],
  ])('reads %s the same as the compact form', async (_, convert) => {
    const expected = await normalize(compact())
    const actual = await normalize(convert(compact()))
    const strip = (json: string) => {
      const bom = JSON.parse(json) as Json
      // Dropped-data examples name the input's own paths, the rest must be equal.
      return bom
    }
    expect(strip(actual.json)).toEqual(strip(expected.json))
    expect(actual.report.dropped.map((entry) => entry.reason)).toEqual(
      expected.report.dropped.map((entry) => entry.reason),
    )
  })

  it('reads elements written in place of their spdxId (an inline supplier, an inline CreationInfo)', async () => {
    const document = compact()
    const graph = document['@graph'] as Json[]
    const fw = graph.find((node) => node.spdxId === `${EX}pkg/fw`) as Json
    fw.suppliedBy = { type: 'Organization', spdxId: `${EX}agent/vendor`, name: 'Vendor GmbH' }
    const doc = graph.find((node) => node.type === 'SpdxDocument') as Json
    doc.creationInfo = {
      type: 'CreationInfo',
      specVersion: '3.0.0',
      created: '2024-01-01T00:00:00Z',
      createdBy: [],
    }
    const sbom = await normalize(document)
    const bom = JSON.parse(sbom.json) as Json
    const root = (bom.components as Json[]).find((c) => c['bom-ref'] === `${EX}pkg/fw`) as Json
    expect(root.supplier).toEqual({ name: 'Vendor GmbH' })
    expect(bom.metadata.timestamp).toBe('2024-01-01T00:00:00.000Z')
    expect(sbom.report.sourceSpecVersion).toBe('SPDX-3.0.0')
  })

  it('builds licence expressions from ExpandedLicensing elements', () => {
    const document = compact()
    const graph = document['@graph'] as Json[]
    graph.push(
      { type: 'expandedlicensing_ListedLicense', spdxId: 'https://spdx.org/licenses/GPL-2.0-only' },
      {
        type: 'expandedlicensing_OrLaterOperator',
        spdxId: `${EX}lic/lgpl+`,
        expandedlicensing_subjectLicense: 'https://spdx.org/licenses/LGPL-2.1',
      },
      {
        type: 'expandedlicensing_WithAdditionOperator',
        spdxId: `${EX}lic/gpl-with`,
        expandedlicensing_subjectExtendableLicense: 'https://spdx.org/licenses/GPL-2.0-only',
        expandedlicensing_subjectAddition: 'https://spdx.org/licenses/Classpath-exception-2.0',
      },
      {
        type: 'expandedlicensing_DisjunctiveLicenseSet',
        spdxId: `${EX}lic/or`,
        expandedlicensing_member: [`${EX}lic/gpl-with`, 'https://spdx.org/licenses/MIT'],
      },
      {
        type: 'expandedlicensing_ConjunctiveLicenseSet',
        spdxId: `${EX}lic/and`,
        expandedlicensing_member: [`${EX}lic/or`, `${EX}lic/lgpl+`],
      },
      rel('r9', `${EX}pkg/fw`, 'hasDeclaredLicense', [`${EX}lic/and`]),
    )
    const { bom } = readSpdx3JsonLd('fw.json', document)
    expect(
      [...bom.metadata.component!.licenses].map(
        (license) => (license as { expression: string }).expression,
      ),
    ).toEqual(['((GPL-2.0-only WITH Classpath-exception-2.0 OR MIT) AND LGPL-2.1+)'])
  })

  it('keeps a file the document describes, leaves the others out, and collapses package → file → package', () => {
    const document = compact()
    const graph = document['@graph'] as Json[]
    graph.push(
      {
        type: 'software_File',
        spdxId: `${EX}file/fw.bin`,
        name: 'fw.bin',
        verifiedUsing: [{ type: 'Hash', algorithm: 'sha256', hashValue: 'cc'.repeat(32) }],
      },
      {
        type: 'software_File',
        spdxId: `${EX}file/libz.a`,
        name: 'libz.a',
        software_fileKind: 'file',
      },
      { type: 'software_File', spdxId: `${EX}file/orphan.o`, name: 'orphan.o' },
      { type: 'software_Package', spdxId: `${EX}pkg/crc`, name: 'crc32' },
      rel('f1', `${EX}doc`, 'describes', [`${EX}file/fw.bin`]),
      rel('f2', `${EX}pkg/fw`, 'contains', [`${EX}file/libz.a`, `${EX}file/fw.bin`]),
      rel('f3', `${EX}file/libz.a`, 'hasStaticLink', [`${EX}pkg/mbedtls`, `${EX}pkg/crc`]),
      rel('f4', `${EX}file/orphan.o`, 'dependsOn', [`${EX}pkg/zlib`]),
    )
    const excluded = readSpdx3JsonLd('fw.json', document)
    const refs = (bom: typeof excluded.bom) => [...bom.components].map((c) => c.bomRef.value).sort()
    expect(refs(excluded.bom)).toEqual([
      `${EX}file/fw.bin`,
      `${EX}pkg/crc`,
      `${EX}pkg/fw`,
      `${EX}pkg/mbedtls`,
      `${EX}pkg/zlib`,
    ])
    expect(excluded.filesLeftOut).toBe(2)
    // The root element and the described file: not one root, so both are what the IoT package
    // will depend on, and neither is metadata.component.
    expect(excluded.bom.metadata.component).toBeUndefined()
    expect(excluded.described.map((component) => component.bomRef.value).sort()).toEqual([
      `${EX}file/fw.bin`,
      `${EX}pkg/fw`,
    ])
    const fw = [...excluded.bom.components].find(
      (component) => component.bomRef.value === `${EX}pkg/fw`,
    )!
    // fw → libz.a → mbedtls is already fw → mbedtls; fw → libz.a → crc32 is new.
    expect([...fw.dependencies].map((ref) => ref.value).sort()).toEqual([
      `${EX}file/fw.bin`,
      `${EX}pkg/crc`,
      `${EX}pkg/mbedtls`,
      `${EX}pkg/zlib`,
    ])
    expect(excluded.notes.join('\n')).toMatch(
      /spdx-files: exclude: 2 of the input's 3 SPDX file\(s\) are not components \(the input has 4 package\(s\); 1 file\(s\) the document describes stay\); 0 package-to-file relationship\(s\) \(CONTAINS, hasFiles, …\) went with them, and 1 dependency edge\(s\) that ran through them were kept/,
    )
    expect(excluded.dropped).toContainEqual(
      expect.objectContaining({
        reason: expect.stringMatching(
          /^1 dependency relationship\(s\) from SPDX files left out by spdx-files: exclude lead to a package, but no package contains those files/,
        ),
      }),
    )
    const included = readSpdx3JsonLd('fw.json', document, { files: 'include' })
    expect(refs(included.bom)).toHaveLength(7)
    expect(included.filesLeftOut).toBe(0)
    const libz = [...included.bom.components].find((c) => c.name === 'libz.a')!
    expect([...libz.properties].map((p) => [p.name, p.value])).toContainEqual([
      'spdx:fileKind',
      'file',
    ])
  })

  it('says the scope of lifecycle-scoped dependencies is not carried', () => {
    const document = compact()
    ;(document['@graph'] as Json[]).push({
      ...rel('s1', `${EX}pkg/zlib`, 'dependsOn', [`${EX}pkg/mbedtls`]),
      type: 'LifecycleScopedRelationship',
      scope: 'runtime',
    })
    expect(readSpdx3JsonLd('fw.json', document).notes).toContain(
      'dependency relationships with a lifecycle scope (runtime ×1) became plain dependencies: CycloneDX dependencies have no scope.',
    )
  })

  it('reports elements of other profiles, each type once, at its @graph path', () => {
    const document = compact()
    ;(document['@graph'] as Json[]).push(
      { type: 'ai_AIPackage', spdxId: `${EX}ai/1`, name: 'model' },
      { type: 'ai_AIPackage', spdxId: `${EX}ai/2`, name: 'model 2' },
      { type: 'dataset_DatasetPackage', spdxId: `${EX}ds/1`, name: 'data' },
      { name: 'no type' },
    )
    const { dropped } = readSpdx3JsonLd('fw.json', document)
    expect(dropped).toEqual(
      expect.arrayContaining([
        {
          path: '$.@graph[](ai_AIPackage)',
          example: '$.@graph[17](ai_AIPackage)',
          reason:
            'SPDX 3 AI profile element ai_AIPackage has no mapping in this action (2 in the document)',
        },
        {
          path: '$.@graph[](dataset_DatasetPackage)',
          example: '$.@graph[19](dataset_DatasetPackage)',
          reason:
            'SPDX 3 Dataset profile element dataset_DatasetPackage has no mapping in this action',
        },
        {
          path: '$.@graph[]()',
          example: '$.@graph[20]()',
          reason: 'an SPDX 3 element without a type cannot be read',
        },
      ]),
    )
  })

  it('notes a missing CreationInfo and takes the spec version from @context', () => {
    const document = compact()
    document['@context'] = 'https://spdx.org/rdf/3.0.0/spdx-context.jsonld'
    document['@graph'] = (document['@graph'] as Json[]).filter(
      (node) => node.type !== 'CreationInfo',
    )
    const result = readSpdx3JsonLd('fw.json', document)
    expect(result.specVersion).toBe('3.0.0')
    expect(result.notes.join('\n')).toMatch(
      /has no CreationInfo: no timestamp, authors or tools were taken from it; the spec version \(3\.0\.0\)/,
    )
    expect(result.bom.metadata.timestamp).toBeUndefined()
  })

  it('reads a document that is a single element, without @graph', () => {
    const result = readSpdx3JsonLd('one.json', {
      '@context': CONTEXT,
      type: 'software_Package',
      spdxId: `${EX}pkg/solo`,
      name: 'solo',
    })
    expect([...result.bom.components].map((c) => c.name)).toEqual(['solo'])
  })

  it.each([
    [
      'an empty @graph',
      { '@context': CONTEXT, '@graph': [] },
      /has no SPDX 3 elements: its @graph is empty/,
    ],
    [
      'no package or file',
      { '@context': CONTEXT, '@graph': [{ type: 'Person', spdxId: `${EX}p`, name: 'P' }] },
      /has no software_Package or software_File element, so nothing to list as a component/,
    ],
    [
      'an AI model document',
      {
        '@context': CONTEXT,
        '@graph': [
          { type: 'SpdxDocument', spdxId: `${EX}d`, rootElement: [`${EX}m`] },
          { type: 'ai_AIPackage', spdxId: `${EX}m`, name: 'sentiment' },
          { type: 'software_File', spdxId: `${EX}f`, name: 'model.bin' },
        ],
      },
      /is an SPDX 3 AI profile document, not a software SBOM: it describes ai_AIPackage "sentiment" and has no software_Package; its 1 software_File element\(s\) are that model's files/,
    ],
  ])('refuses %s with an SbomError', (_, document, message) => {
    expect(() => readSpdx3JsonLd('x.spdx3.json', document as Json)).toThrow(SbomError)
    expect(() => readSpdx3JsonLd('x.spdx3.json', document as Json)).toThrow(message)
  })

  it('reads names of Object.prototype (__proto__, constructor) from the input as plain names', () => {
    // Found by the fuzzer: a lookup table indexed by `type: "__proto__"` returned Object.prototype.
    const document = JSON.parse(
      JSON.stringify(compact()).replace(
        '"type":"Person"',
        '"type":"__proto__","constructor":"x","toString":"y"',
      ),
    ) as Json
    const zlib = (document['@graph'] as Json[]).find((node) => node.name === 'zlib') as Json
    zlib.software_primaryPurpose = 'constructor'
    zlib.verifiedUsing.push({ type: 'Hash', algorithm: '__proto__', hashValue: '00' })
    zlib.externalRef.push({
      type: 'ExternalRef',
      externalRefType: 'hasOwnProperty',
      locator: ['https://x'],
    })
    const result = readSpdx3JsonLd('fw.json', document)
    const component = [...result.bom.components].find((c) => c.name === 'zlib')!
    expect(component.type).toBe('library')
    expect(result.dropped.map((entry) => entry.reason)).toEqual(
      expect.arrayContaining([
        'hash algorithm __proto__ has no CycloneDX equivalent',
        'SPDX 3 Core profile element __proto__ has no mapping in this action',
      ]),
    )
  })

  it('notes spdxIds given to two elements (the first one is read)', () => {
    const document = compact()
    ;(document['@graph'] as Json[]).push({
      type: 'software_Package',
      spdxId: `${EX}pkg/zlib`,
      name: 'zlib again',
    })
    const result = readSpdx3JsonLd('fw.json', document)
    expect(result.notes).toContain(
      '1 element(s) reuse an spdxId already given to another; the first element with that spdxId is the one read.',
    )
    expect([...result.bom.components].filter((c) => c.name.startsWith('zlib'))).toHaveLength(1)
  })
})

describe('spdx-files for SPDX 2 JSON', () => {
  const spdx2 = {
    spdxVersion: 'SPDX-2.3',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: 'fw',
    documentNamespace: 'https://example.com/fw',
    creationInfo: { created: '2025-01-01T00:00:00Z', creators: ['Tool: x-1.0'] },
    documentDescribes: ['SPDXRef-fw'],
    packages: [
      { SPDXID: 'SPDXRef-fw', name: 'fw', hasFiles: ['SPDXRef-main.o'] },
      { SPDXID: 'SPDXRef-zlib', name: 'zlib' },
      { SPDXID: 'SPDXRef-src', name: 'fw-src' },
    ],
    files: [
      { SPDXID: 'SPDXRef-main.o', fileName: 'main.o' },
      { SPDXID: 'SPDXRef-util.o', fileName: 'util.o' },
    ],
    relationships: [
      {
        spdxElementId: 'SPDXRef-main.o',
        relationshipType: 'STATIC_LINK',
        relatedSpdxElement: 'SPDXRef-zlib',
      },
      {
        spdxElementId: 'SPDXRef-main.o',
        relationshipType: 'GENERATED_FROM',
        relatedSpdxElement: 'SPDXRef-src',
      },
      {
        spdxElementId: 'SPDXRef-util.o',
        relationshipType: 'DEPENDS_ON',
        relatedSpdxElement: 'SPDXRef-zlib',
      },
    ],
  }

  it('exclude (the default): package → file → package becomes a package dependency; the rest is reported', () => {
    const result = readSpdxJson(structuredClone(spdx2))
    expect([...result.bom.components].map((c) => c.name).sort()).toEqual(['fw-src', 'zlib'])
    expect(result.filesLeftOut).toBe(2)
    expect([...result.bom.metadata.component!.dependencies].map((ref) => ref.value)).toEqual([
      'SPDXRef-zlib',
    ])
    expect(result.dropped.map((entry) => entry.reason)).toEqual(
      expect.arrayContaining([
        '1 relationship(s) GENERATED_FROM have no CycloneDX dependency equivalent',
        expect.stringMatching(
          /^1 dependency relationship\(s\) from SPDX files left out by spdx-files: exclude/,
        ),
      ]),
    )
  })

  it('include: every file is a component, each edge as written', () => {
    const result = readSpdxJson(structuredClone(spdx2), { files: 'include' })
    expect([...result.bom.components].map((c) => c.name).sort()).toEqual([
      'fw-src',
      'main.o',
      'util.o',
      'zlib',
    ])
    expect(result.filesLeftOut).toBe(0)
    expect(result.notes.join('\n')).not.toMatch(/spdx-files/)
  })
})
