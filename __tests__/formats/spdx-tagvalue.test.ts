// SPDX 2.2/2.3 tag-value: the reader's JSON shape, what it reports, what it refuses, and that a
// large document parses in linear time.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { looksLikeSpdxTagValue, parseSpdxTagValue } from '../../src/formats/spdx-tagvalue.ts'
import { normalizeSbom } from '../../src/sbom/normalize.ts'
import { SbomError } from '../../src/shared/errors.ts'
import { normalizeRequest } from '../sbom/normalize-request.ts'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const FIXTURE = readFileSync(
  new URL('../fixtures/spdx-tagvalue/thermostat-firmware.spdx', import.meta.url),
  'utf8',
)
const FILE = 'build/zephyr/app.spdx'

const HEADER = [
  'SPDXVersion: SPDX-2.3',
  'DataLicense: CC0-1.0',
  'SPDXID: SPDXRef-DOCUMENT',
  'DocumentName: unit',
  'DocumentNamespace: https://sbom.example.com/unit',
  'Creator: Tool: unit-test-1.0',
  'Created: 2024-01-01T00:00:00Z',
]

/** A tag-value document: the header, then `lines`. */
const spdx = (...lines: string[]) => [...HEADER, ...lines].join('\n') + '\n'
const read = (text: string) => parseSpdxTagValue(FILE, text)
const documentOf = (text: string) => read(text).document as Json
const normalize = async (text: string, target: '1.4' | '1.6' = '1.6') => {
  const result = await normalizeSbom(normalizeRequest(FILE, text, { targetSpecVersion: target }))
  return { ...result, bom: JSON.parse(result.json) as Json }
}

/** The error parseSpdxTagValue throws (fails the test when it throws none). */
function refusal(text: string): SbomError {
  try {
    read(text)
  } catch (error) {
    expect(error).toBeInstanceOf(SbomError)
    return error as SbomError
  }
  throw new Error('expected an SbomError')
}

describe('looksLikeSpdxTagValue', () => {
  it.each([
    ['plain', 'SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n', true],
    [
      'after comments and blank lines',
      '# origin: west spdx\n\n## Document\nSPDXVersion: SPDX-2.2\n',
      true,
    ],
    ['with a byte-order mark', '\uFEFFSPDXVersion: SPDX-2.3\r\n', true],
    ['with CRLF line ends', '# x\r\n\r\nSPDXVersion: SPDX-2.3\r\nDataLicense: CC0-1.0\r\n', true],
    ['an old version (refused later, by name)', 'SPDXVersion: SPDX-2.1\n', true],
    ['SPDX JSON', '{"spdxVersion": "SPDX-2.3"}', false],
    ['CycloneDX XML', '<?xml version="1.0"?><bom/>', false],
    ['another tag first', 'DataLicense: CC0-1.0\nSPDXVersion: SPDX-2.3\n', false],
    ['only comments', '# nothing\n', false],
  ])('%s', (_, text, expected) => {
    expect(looksLikeSpdxTagValue(text)).toBe(expected)
  })
})

describe('parseSpdxTagValue: the SPDX JSON shape', () => {
  it('reads the document header and creation information', () => {
    const document = documentOf(FIXTURE)
    expect(document).toMatchObject({
      spdxVersion: 'SPDX-2.3',
      dataLicense: 'CC0-1.0',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: 'thermostat-firmware',
      documentNamespace: 'https://sbom.example.com/thermostat/2.4.0/app',
      comment: 'Firmware image of the thermostat, board acme_tstat_v2.',
      creationInfo: {
        creators: [
          'Tool: example-spdx-writer-0.4.1',
          'Organization: Acme Thermostats (sbom@acme.example)',
        ],
        created: '2024-05-02T10:11:12Z',
        licenseListVersion: '3.23',
      },
    })
    expect(read(FIXTURE).unknownTags).toEqual([])
  })

  it('keeps multi-line <text> values exactly, comment- and tag-like lines included', () => {
    const document = documentOf(FIXTURE)
    expect(document.creationInfo.comment).toBe(
      'Built in CI.\n# this line is inside the text, not a comment\nTag-like: lines inside text are text too',
    )
    const mbedtls = document.packages.find((p: Json) => p.name === 'mbedtls')
    expect(mbedtls.comment).toBe('\n  Configured with MBEDTLS_CONFIG_FILE=tls-config.h\n')
    const text = documentOf(
      spdx(
        'PackageName: p',
        'SPDXID: SPDXRef-p',
        'PackageDownloadLocation: NONE',
        'PackageCopyrightText: <text>trailing spaces stay   ',
        '',
        '  indented <b>markup</b> & <text> stays</text>',
        'PackageComment: <text></text>',
        'PackageSummary:   <text> one line </text>   ',
      ),
    ).packages[0]
    expect(text.copyrightText).toBe(
      'trailing spaces stay   \n\n  indented <b>markup</b> & <text> stays',
    )
    expect(text.comment).toBe('')
    expect(text.summary).toBe(' one line ')
  })

  it('trims single-line values, keeps NOASSERTION and NONE as strings', () => {
    const pkg = documentOf(
      spdx(
        'PackageName:   spaced name  ',
        'SPDXID: SPDXRef-p',
        'PackageVersion:\t2.0.3',
        'PackageDownloadLocation: NOASSERTION',
        'PackageCopyrightText: NONE',
        'PackageLicenseConcluded: NOASSERTION',
      ),
    ).packages[0]
    expect(pkg).toEqual({
      name: 'spaced name',
      SPDXID: 'SPDXRef-p',
      versionInfo: '2.0.3',
      downloadLocation: 'NOASSERTION',
      copyrightText: 'NONE',
      licenseConcluded: 'NOASSERTION',
    })
  })

  it('reads CRLF line ends and a byte-order mark like LF', () => {
    const crlf = '\uFEFF' + FIXTURE.replace(/\n/g, '\r\n')
    expect(looksLikeSpdxTagValue(crlf)).toBe(true)
    expect(read(crlf)).toEqual(read(FIXTURE))
  })

  it('skips # comment lines, indented ones too, and blank lines', () => {
    const document = documentOf(
      spdx(
        '# a comment',
        '   # an indented comment',
        '',
        'PackageName: p',
        '#PackageVersion: 9',
        'SPDXID: SPDXRef-p',
      ),
    )
    expect(document.packages).toEqual([{ name: 'p', SPDXID: 'SPDXRef-p' }])
  })

  it('normalizes the ExternalRef category to the JSON spelling and keeps the comment', () => {
    const refs = documentOf(
      spdx(
        'PackageName: p',
        'SPDXID: SPDXRef-p',
        'ExternalRef: PACKAGE_MANAGER purl pkg:npm/left-pad@1.3.0',
        'ExternalRefComment: <text>from the lockfile</text>',
        'ExternalRef: PACKAGE-MANAGER purl pkg:npm/right-pad@1.0.0',
        'ExternalRef: PERSISTENT_ID swh swh:1:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2',
        'ExternalRef: security cpe22Type cpe:/a:acme:pad:1.3.0',
        'ExternalRef: OTHER LocationRef-acmeforge acmecorp/acmenator/4.1.3-alpha',
      ),
    ).packages[0].externalRefs
    expect(refs).toEqual([
      {
        referenceCategory: 'PACKAGE-MANAGER',
        referenceType: 'purl',
        referenceLocator: 'pkg:npm/left-pad@1.3.0',
        comment: 'from the lockfile',
      },
      {
        referenceCategory: 'PACKAGE-MANAGER',
        referenceType: 'purl',
        referenceLocator: 'pkg:npm/right-pad@1.0.0',
      },
      {
        referenceCategory: 'PERSISTENT-ID',
        referenceType: 'swh',
        referenceLocator: 'swh:1:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2',
      },
      {
        referenceCategory: 'SECURITY',
        referenceType: 'cpe22Type',
        referenceLocator: 'cpe:/a:acme:pad:1.3.0',
      },
      // An unlisted type is the document namespace + `#LocationRef-…`, as SPDX JSON writes it.
      {
        referenceCategory: 'OTHER',
        referenceType: 'https://sbom.example.com/unit#LocationRef-acmeforge',
        referenceLocator: 'acmecorp/acmenator/4.1.3-alpha',
      },
    ])
  })

  it('reads checksums, the verification code and FilesAnalyzed', () => {
    const [app] = documentOf(FIXTURE).packages
    expect(app.checksums).toEqual([
      {
        algorithm: 'SHA256',
        checksumValue: '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
      },
    ])
    expect(app.packageVerificationCode).toEqual({
      packageVerificationCodeValue: '4e1243bd22c66e76c2ba9eddc1f91394e57f9f83',
      packageVerificationCodeExcludedFiles: ['./app.spdx', './build/sbom.spdx'],
    })
    expect(app.filesAnalyzed).toBe(true)
    // The spec's own example writes no space and no "excludes:".
    const code = documentOf(
      spdx(
        'PackageName: p',
        'PackageVerificationCode: d6a770ba38583ed4bb4525bd96e50461655d2758(./package.spdx)',
      ),
    ).packages[0].packageVerificationCode
    expect(code).toEqual({
      packageVerificationCodeValue: 'd6a770ba38583ed4bb4525bd96e50461655d2758',
      packageVerificationCodeExcludedFiles: ['./package.spdx'],
    })
  })

  it('puts files that follow a package in its hasFiles, and files before any package in none', () => {
    const document = documentOf(
      spdx(
        'FileName: ./README',
        'SPDXID: SPDXRef-readme',
        'PackageName: a',
        'SPDXID: SPDXRef-a',
        'Relationship: SPDXRef-a DEPENDS_ON SPDXRef-b',
        'FileName: ./a.c',
        'SPDXID: SPDXRef-a.c',
        'FileName: ./a.h',
        'SPDXID: SPDXRef-a.h',
        'PackageName: b',
        'SPDXID: SPDXRef-b',
      ),
    )
    expect(document.packages).toEqual([
      { name: 'a', SPDXID: 'SPDXRef-a', hasFiles: ['SPDXRef-a.c', 'SPDXRef-a.h'] },
      { name: 'b', SPDXID: 'SPDXRef-b' },
    ])
    expect(document.files.map((f: Json) => f.SPDXID)).toEqual([
      'SPDXRef-readme',
      'SPDXRef-a.c',
      'SPDXRef-a.h',
    ])
  })

  it('reads extracted licensing info (LicenseRef with ExtractedText)', () => {
    expect(documentOf(FIXTURE).hasExtractedLicensingInfos).toEqual([
      {
        licenseId: 'LicenseRef-vendor-blob',
        extractedText: 'Acme binary blob licence.\nRedistribution in binary form only.',
        name: 'Acme blob licence',
        seeAlsos: ['https://acme.example/licences/blob', 'https://acme.example/licences/blob-faq'],
        comment: 'Applies to the radio firmware blob.',
      },
    ])
  })

  it('reads snippets with byte and line ranges, pointing at their file', () => {
    expect(documentOf(FIXTURE).snippets).toEqual([
      {
        SPDXID: 'SPDXRef-Snippet-crc',
        snippetFromFile: 'SPDXRef-File-main.c',
        ranges: [
          {
            startPointer: { offset: 1024, reference: 'SPDXRef-File-main.c' },
            endPointer: { offset: 1311, reference: 'SPDXRef-File-main.c' },
          },
          {
            startPointer: { lineNumber: 40, reference: 'SPDXRef-File-main.c' },
            endPointer: { lineNumber: 52, reference: 'SPDXRef-File-main.c' },
          },
        ],
        licenseConcluded: 'BSD-3-Clause',
        licenseInfoInSnippets: ['BSD-3-Clause'],
        copyrightText: 'NOASSERTION',
        name: 'crc16 table',
      },
    ])
  })

  it('reads relationships (DocumentRef- targets and comments included) and external document refs', () => {
    const document = documentOf(FIXTURE)
    expect(document.externalDocumentRefs).toEqual([
      {
        externalDocumentId: 'DocumentRef-sdk',
        spdxDocument: 'https://sbom.example.com/thermostat/2.4.0/sdk',
        checksum: { algorithm: 'SHA1', checksumValue: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b' },
      },
    ])
    expect(document.relationships).toEqual([
      {
        spdxElementId: 'SPDXRef-DOCUMENT',
        relationshipType: 'DESCRIBES',
        relatedSpdxElement: 'SPDXRef-app',
      },
      {
        spdxElementId: 'SPDXRef-app',
        relationshipType: 'DEPENDS_ON',
        relatedSpdxElement: 'SPDXRef-zephyr',
      },
      {
        spdxElementId: 'SPDXRef-app',
        relationshipType: 'STATIC_LINK',
        relatedSpdxElement: 'SPDXRef-mbedtls',
        comment: 'Linked into zephyr.elf.',
      },
      {
        spdxElementId: 'SPDXRef-File-zephyr.elf',
        relationshipType: 'GENERATED_FROM',
        relatedSpdxElement: 'DocumentRef-sdk:SPDXRef-toolchain',
      },
    ])
    // No DocumentDescribes tag exists in tag-value: DESCRIBES stays a relationship, which the
    // JSON reader reads like documentDescribes.
    expect(document).not.toHaveProperty('documentDescribes')
  })

  it('nests each annotation in the element its SPDXREF names', () => {
    const document = documentOf(
      spdx(
        'Annotator: Person: A',
        'AnnotationDate: 2024-01-02T00:00:00Z',
        'AnnotationType: OTHER',
        'SPDXREF: SPDXRef-DOCUMENT',
        'AnnotationComment: <text>about the document</text>',
        'PackageName: p',
        'SPDXID: SPDXRef-p',
        'AnnotationType: REVIEW',
        'Annotator: Tool: B',
        'SPDXREF: SPDXRef-p',
        'AnnotationComment: about p',
        'AnnotationDate: 2024-01-03T00:00:00Z',
      ),
    )
    expect(document.annotations).toEqual([
      {
        annotator: 'Person: A',
        annotationDate: '2024-01-02T00:00:00Z',
        annotationType: 'OTHER',
        comment: 'about the document',
      },
    ])
    expect(document.packages[0].annotations).toEqual([
      {
        annotationType: 'REVIEW',
        annotator: 'Tool: B',
        comment: 'about p',
        annotationDate: '2024-01-03T00:00:00Z',
      },
    ])
  })
})

describe('parseSpdxTagValue: what it reports', () => {
  it('records an unknown tag with its place and line, never skipping it silently', () => {
    const { unknownTags } = read(
      spdx(
        'PackageName: a',
        'PackageName: b',
        'PackageName: c',
        'SPDXID: SPDXRef-c',
        'PackageFrobnication: high',
        'PackageName: d',
        'PackageFrobnication: low',
        'DocumentColour: blue',
      ),
    )
    expect(unknownTags).toEqual([
      {
        path: '$.packages[].PackageFrobnication',
        example: '$.packages[2].PackageFrobnication (line 12)',
        reason: 'an SPDX tag-value tag this reader does not know',
      },
      {
        path: '$.packages[].DocumentColour',
        example: '$.packages[3].DocumentColour (line 15)',
        reason: 'an SPDX tag-value tag this reader does not know',
      },
    ])
  })

  it('takes tags named like Object.prototype members for unknown tags, nothing else', () => {
    const { document, unknownTags } = read(
      spdx('constructor: x', 'PackageName: p', 'toString: y', 'hasOwnProperty: z', 'valueOf: w'),
    )
    expect((document as Json).packages).toEqual([{ name: 'p' }])
    expect(unknownTags.map((entry) => entry.example)).toEqual([
      '$.constructor (line 8)',
      '$.packages[0].toString (line 10)',
      '$.packages[0].hasOwnProperty (line 11)',
      '$.packages[0].valueOf (line 12)',
    ])
    expect(Object.getPrototypeOf(document)).toBe(Object.prototype)
  })

  it('lists unknown tags in the normalization report', async () => {
    const { report } = await normalize(
      spdx(
        'UnknownHeader: x',
        'PackageName: p',
        'SPDXID: SPDXRef-p',
        'PackageDownloadLocation: NONE',
      ),
    )
    expect(report.sourceFormat).toBe('SPDX tag-value')
    expect(report.sourceSpecVersion).toBe('SPDX-2.3')
    expect(report.dropped).toContainEqual({
      path: '$.UnknownHeader',
      example: '$.UnknownHeader (line 8)',
      reason: 'an SPDX tag-value tag this reader does not know',
    })
  })

  it('reports tags out of place, values it cannot read and values written twice', () => {
    const { document, unknownTags } = read(
      spdx(
        'PackageVersion: 1.0',
        'PackageName: p',
        'SPDXID: SPDXRef-p',
        'PackageVersion: 1.0',
        'PackageVersion: 2.0',
        'FilesAnalyzed: maybe',
        'ExternalRef: PACKAGE-MANAGER purl',
        'PackageChecksum: SHA256',
        'Relationship: SPDXRef-p DEPENDS_ON',
        'RelationshipComment: orphan',
        'FileName: ./f',
        'ExternalRefComment: orphan',
        'SnippetByteRange: 1:2',
        'SPDXREF: SPDXRef-nowhere',
      ),
    )
    // Nothing unreadable is half-written: no empty lists, no hasFiles for a file without SPDXID.
    expect((document as Json).packages[0]).toEqual({
      name: 'p',
      SPDXID: 'SPDXRef-p',
      versionInfo: '1.0',
    })
    expect(unknownTags.map((entry) => [entry.example, entry.reason])).toEqual([
      [
        '$.PackageVersion (line 8)',
        'an SPDX tag-value tag out of place: PackageVersion belongs in a package section',
      ],
      [
        '$.packages[0].versionInfo (line 12)',
        'PackageVersion written again where SPDX allows one value; the first is kept',
      ],
      ['$.packages[0].filesAnalyzed (line 13)', 'FilesAnalyzed: not true or false'],
      ['$.packages[0].externalRefs (line 14)', 'ExternalRef: not "CATEGORY TYPE LOCATOR"'],
      ['$.packages[0].checksums (line 15)', 'PackageChecksum: not "ALGORITHM: value"'],
      [
        '$.relationships[0] (line 16)',
        'a Relationship line is not "SPDXRef-A RELATIONSHIP_TYPE SPDXRef-B"',
      ],
      [
        '$.relationships[].comment (line 17)',
        'RelationshipComment without a Relationship line before it',
      ],
      [
        '$.files[0].externalRefs[].comment (line 19)',
        'ExternalRefComment without an ExternalRef line before it in the same package',
      ],
      [
        '$.files[0].SnippetByteRange (line 20)',
        'an SPDX tag-value tag out of place: SnippetByteRange belongs in a snippet section',
      ],
      [
        '$.annotations[] (line 21)',
        'an annotation whose SPDXREF names no element of this document',
      ],
    ])
  })
})

describe('parseSpdxTagValue: what it refuses', () => {
  it('refuses a <text> that is never closed, naming the line it opens on', () => {
    const error = refusal(
      spdx(
        'PackageName: p',
        'PackageComment: <text>first line',
        'second line',
        'PackageVersion: 1',
      ),
    )
    expect(error.message).toBe(
      `${FILE}: line 9: <text> is never closed (no </text> up to the end of the file, line 12).`,
    )
    expect(error.hint).toMatch(/<text>…<\/text>/)
  })

  it('refuses text after </text> and a line that is not "Tag: value"', () => {
    expect(refusal(spdx('PackageName: p', 'PackageComment: <text>a</text> b')).message).toMatch(
      /line 9: text follows <\/text> on the same line: "b"/,
    )
    const error = refusal(spdx('PackageName: p', 'PackageComment: a value', 'that runs on'))
    expect(error.message).toMatch(/line 10 is not a "Tag: value" line: "that runs on"/)
    expect(error.hint).toMatch(/<text>/)
  })

  it.each(['SPDX-2.1', 'SPDX-2.0', 'SPDX-1.2'])(
    'refuses %s tag-value, saying what to do',
    (version) => {
      const error = refusal(spdx().replace('SPDX-2.3', version))
      expect(error.message).toBe(
        `${FILE}: is ${version} tag-value (line 1); this action reads SPDX 2.2 and 2.3 only.`,
      )
      expect(error.hint).toMatch(/SPDX 2\.3 JSON/)
      expect(error.hint).toMatch(/tools-java/)
    },
  )

  it('refuses an unknown version and a document without SPDXVersion', () => {
    expect(refusal(spdx().replace('SPDX-2.3', 'SPDX-3.0')).message).toMatch(
      /is SPDX-3\.0 tag-value \(line 1\); this action reads SPDX 2\.2 and 2\.3 only\.$/,
    )
    expect(refusal('DataLicense: CC0-1.0\n').message).toMatch(/without an SPDXVersion line/)
  })

  it('refuses through normalizeSbom with an SbomError', async () => {
    await expect(normalize(spdx().replace('SPDX-2.3', 'SPDX-2.1'))).rejects.toBeInstanceOf(
      SbomError,
    )
  })
})

describe('SPDX tag-value through normalizeSbom', () => {
  // Whether SPDX files become components is the spdx-files setting's business (spdx-files.ts),
  // the same for tag-value and JSON: packages are checked here, files at the parser level above.
  it('keeps packages, purls, CPEs, hashes, licenses and the package dependency graph', async () => {
    const { bom, report, componentCount } = await normalize(FIXTURE)
    const byRef = new Map<string, Json>(bom.components.map((c: Json) => [c['bom-ref'], c]))
    // The document's root (the package it DESCRIBES) is a component the IoT package depends on.
    expect(bom.metadata.component).toMatchObject({
      'bom-ref': 'iot-package:thermostat-firmware@v2.4.0',
      type: 'firmware',
    })
    const packageEdges = bom.dependencies.find(
      (d: Json) => d.ref === 'iot-package:thermostat-firmware@v2.4.0',
    )
    expect(packageEdges.dependsOn).toEqual(['SPDXRef-app'])
    const root = byRef.get('SPDXRef-app')!
    expect(root).toMatchObject({
      'bom-ref': 'SPDXRef-app',
      name: 'thermostat-app',
      version: '2.4.0',
      type: 'firmware',
      supplier: { name: 'Acme Thermostats' },
    })
    expect(root.properties).toContainEqual({
      name: 'spdx:licenseConcluded',
      value: 'Apache-2.0 AND LicenseRef-vendor-blob',
    })
    expect(report).toMatchObject({ sourceFormat: 'SPDX tag-value', sourceSpecVersion: 'SPDX-2.3' })
    expect(report.after.components).toBe(componentCount)
    const zephyr = byRef.get('SPDXRef-zephyr')!
    expect(zephyr.purl).toBe('pkg:github/zephyrproject-rtos/zephyr@v3.6.0')
    expect(zephyr.cpe).toBe('cpe:2.3:o:zephyrproject:zephyr:3.6.0:*:*:*:*:*:*:*')
    const mbedtls = byRef.get('SPDXRef-mbedtls')!
    expect(mbedtls).toMatchObject({
      purl: 'pkg:github/Mbed-TLS/mbedtls@v3.5.2',
      author: 'Trusted Firmware',
      hashes: [{ alg: 'MD5', content: '9e107d9d372bb6826bd81d3542a419d6' }],
      licenses: [{ expression: 'Apache-2.0 OR GPL-2.0-or-later' }],
    })
    expect(mbedtls.properties).toContainEqual({
      name: 'spdx:externalRef:https://sbom.example.com/thermostat/2.4.0/app#LocationRef-acme-mirror',
      value: 'mirror/mbedtls/3.5.2',
    })
    const app = bom.dependencies.find((d: Json) => d.ref === 'SPDXRef-app')
    expect(app.dependsOn).toEqual(expect.arrayContaining(['SPDXRef-mbedtls', 'SPDXRef-zephyr']))
    // What CycloneDX has no place for is reported, not lost silently.
    expect(report.dropped.map((entry) => entry.path)).toEqual(
      expect.arrayContaining([
        '$.snippets',
        '$.hasExtractedLicensingInfos',
        '$.externalDocumentRefs',
        '$.packages[].annotations',
      ]),
    )
  })

  it('gives the same output for LF, CRLF and a byte-order mark', async () => {
    const lf = await normalize(FIXTURE)
    const crlf = await normalize('\uFEFF' + FIXTURE.replace(/\n/g, '\r\n'))
    expect(crlf.json).toBe(lf.json)
  })

  it('gives the same output as the same document in SPDX JSON', async () => {
    const fromTagValue = await normalize(FIXTURE, '1.4')
    const json = JSON.stringify(documentOf(FIXTURE))
    const fromJson = await normalize(json, '1.4')
    expect(fromTagValue.json).toBe(fromJson.json)
    expect(fromJson.report.sourceFormat).toBe('SPDX JSON')
  })
})

describe('a large tag-value document', () => {
  it('parses 20,000 packages in well under a second (checked loosely: < 5 s)', () => {
    const lines = [...HEADER]
    for (let index = 0; index < 20_000; index += 1)
      lines.push(
        '',
        `PackageName: pkg-${index}`,
        `SPDXID: SPDXRef-Package-${index}`,
        `PackageVersion: 1.${index}`,
        'PackageDownloadLocation: NOASSERTION',
        'FilesAnalyzed: false',
        `PackageChecksum: SHA256: ${'ab'.repeat(32)}`,
        `ExternalRef: PACKAGE-MANAGER purl pkg:npm/pkg-${index}@1.${index}`,
        'PackageCopyrightText: <text>Copyright',
        'the authors</text>',
        `Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-Package-${index}`,
        `FileName: ./pkg-${index}/index.js`,
        `SPDXID: SPDXRef-File-${index}`,
      )
    const text = lines.join('\n')
    const started = performance.now()
    const { document } = read(text)
    const elapsed = performance.now() - started
    expect((document as Json).packages).toHaveLength(20_000)
    expect((document as Json).files).toHaveLength(20_000)
    expect((document as Json).relationships).toHaveLength(20_000)
    expect(elapsed).toBeLessThan(5_000)
  })
})
