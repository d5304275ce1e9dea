// The crafted bad files in __tests__/fixtures/hostile/ (and two generated ones too big to keep):
// each one gets its documented outcome, a typed error naming the file or a result with notes,
// never an uncaught exception. README "Reliability" lists the same outcomes.
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { normalizeSbom, type NormalizedSbom } from '../../src/sbom/normalize.ts'
import { SbomError, SbomSchemaError } from '../../src/shared/errors.ts'
import { normalizeRequest } from './normalize-request.ts'

const DIR = '__tests__/fixtures/hostile'

type Outcome = { refused: RegExp } | { accepted: (sbom: NormalizedSbom) => void }

const OUTCOMES: Record<string, Outcome> = {
  'truncated.cdx.json': {
    refused:
      /is not valid JSON at line \d+, column \d+ \(the file ends in the middle of the document: truncated\?\)/,
  },
  'wrong-bomformat.json': {
    refused:
      /is not an SBOM format the action reads \(it looks like a document with bomFormat "SWID"\)/,
  },
  'unknown-specversion.cdx.json': {
    refused: /declares CycloneDX specVersion "2.0", which is not supported/,
  },
  'invalid-utf8.cdx.json': { refused: /is not valid UTF-8 text/ },
  'utf8-bom-prefix.cdx.json': {
    accepted: (sbom) => expect(sbom.componentCount).toBe(5), // 4 libraries and the input's root
  },
  'duplicate-bom-refs.cdx.json': {
    accepted: (sbom) => {
      const refs = (
        JSON.parse(sbom.json) as { components: { 'bom-ref': string }[] }
      ).components.map((c) => c['bom-ref'])
      expect(new Set(refs).size).toBe(2)
      expect(sbom.report.notes.join('\n')).toMatch(/bom-refs used more than once were made unique/)
    },
  },
  'dependency-cycle.cdx.json': {
    accepted: (sbom) => {
      const deps = (
        JSON.parse(sbom.json) as { dependencies: { ref: string; dependsOn?: string[] }[] }
      ).dependencies
      // The cycle is kept; the self-edge c → c cannot be written, and the report says so.
      expect(deps.find((d) => d.ref === 'a')?.dependsOn).toEqual(['b'])
      expect(deps.find((d) => d.ref === 'c')?.dependsOn).toEqual(['a'])
      expect(sbom.report.dropped).toEqual([
        expect.objectContaining({
          example: '$.dependencies[2].dependsOn[1]',
          reason: expect.stringContaining('a dependency of a component on itself'),
        }),
      ])
    },
  },
  'prototype-keys.cdx.json': {
    accepted: (sbom) => {
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      expect(sbom.report.dropped.map((d) => d.path)).toEqual(
        expect.arrayContaining([expect.stringContaining('__proto__')]),
      )
    },
  },
  'xxe.cdx.xml': { refused: /is XML with a DTD \(<!DOCTYPE or <!ENTITY\)\. DTDs are refused/ },
  'entity-expansion.cdx.xml': { refused: /is XML with a DTD/ },
  'truncated.cdx.xml': { refused: /is not well-formed XML/ },
  'empty.json': { refused: /is empty \(0 bytes\)\./ },
  'not-an-object.json': { refused: /is JSON but not an object, so it cannot be an SBOM/ },
  // SPDX 3 JSON-LD is read (formats/spdx3-jsonld.ts); this one has nothing in its @graph.
  'spdx-3.json': { refused: /has no SPDX 3 elements: its @graph is empty/ },
}

async function outcomeOf(file: string, content: Buffer | string) {
  try {
    return { sbom: await normalizeSbom(normalizeRequest(file, content)) }
  } catch (error) {
    return { error }
  }
}

describe('hostile and broken input files', () => {
  it('has a documented outcome for every file in the corpus', () => {
    expect(readdirSync(DIR).sort()).toEqual(Object.keys(OUTCOMES).sort())
  })

  it.each(Object.entries(OUTCOMES))('%s', async (name, outcome) => {
    const result = await outcomeOf(`hostile/${name}`, readFileSync(`${DIR}/${name}`))
    if ('refused' in outcome) {
      expect(result.error).toBeInstanceOf(SbomError)
      expect((result.error as Error).message).toMatch(new RegExp(`^hostile/${name}: `))
      expect((result.error as Error).message).toMatch(outcome.refused)
    } else {
      expect(result.error).toBeUndefined()
      outcome.accepted(result.sbom as NormalizedSbom)
    }
  })

  it('refuses 10,000-deep nesting in JSON and XML without overflowing the stack', async () => {
    const json =
      '{"bomFormat":"CycloneDX","specVersion":"1.5","components":[' +
      '{"type":"library","name":"n","components":['.repeat(10_000) +
      '{"type":"library","name":"leaf"}' +
      ']}'.repeat(10_000) +
      ']}'
    const deepJson = await outcomeOf('deep.cdx.json', json)
    expect(deepJson.error).toBeInstanceOf(SbomError)
    expect((deepJson.error as Error).message).toMatch(
      /nests objects and arrays more than 128 levels deep/,
    )

    const xml =
      '<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.5"><components>' +
      '<component type="library"><name>n</name><components>'.repeat(10_000) +
      '</components></component>'.repeat(10_000) +
      '</components></bom>'
    const deepXml = await outcomeOf('deep.cdx.xml', xml)
    expect(deepXml.error).toBeInstanceOf(SbomError)
    expect((deepXml.error as Error).message).toMatch(
      /is not well-formed XML: Maximum nested tags exceeded/,
    )
  })

  it('reads a 100 MB string value (the size cap, max-sbom-size-mb, is checked earlier, by the source stage)', async () => {
    const huge = 'x'.repeat(100 * 1024 * 1024)
    const text = `{"bomFormat":"CycloneDX","specVersion":"1.5","components":[{"type":"library","name":"big","description":"${huge}"}]}`
    const result = await outcomeOf('huge-string.cdx.json', text)
    expect(result.error).toBeUndefined()
    expect(result.sbom?.componentCount).toBe(1)
  }, 120_000)
})

describe('member names written twice in one object', () => {
  // JSON.parse keeps the last value without a word; the first "version" would vanish unnoticed.
  const cyclonedx = [
    '{"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,',
    ' "components": [{"type": "library", "name": "zlib", "version": "1.2.13", "version": "1.3.1"}]}',
  ].join('\n')
  const spdx = JSON.stringify({
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: 'fw',
    documentNamespace: 'https://example.com/fw',
    creationInfo: { created: '2026-01-01T00:00:00Z', creators: ['Tool: x'] },
    packages: [
      {
        SPDXID: 'SPDXRef-zlib',
        name: 'zlib',
        versionInfo: '1.3.1',
        downloadLocation: 'NOASSERTION',
      },
    ],
  }).replace('"versionInfo":"1.3.1"', '"versionInfo":"1.2.13","versionInfo":"1.3.1"')

  it('are an input problem at their JSON path under input-validation: warn (the default)', async () => {
    const sbom = await normalizeSbom(normalizeRequest('dup.cdx.json', cyclonedx))
    expect(sbom.report.inputProblems).toEqual([
      {
        path: '/components/0/version',
        message:
          'member "version" is written again in this object (line 2, column 74); only its last value is read',
        keyword: 'duplicateKey',
      },
    ])
    expect(JSON.parse(sbom.json).components[0].version).toBe('1.3.1')
  })

  it('fail the run under input-validation: strict, naming the path; are not looked for under skip', async () => {
    const strict = normalizeSbom(
      normalizeRequest('dup.cdx.json', cyclonedx, { inputValidation: 'strict' }),
    )
    await expect(strict).rejects.toThrow(SbomSchemaError)
    await expect(strict).rejects.toThrow(
      /dup\.cdx\.json: the input is not valid CycloneDX 1\.5 JSON:\n {2}- \/components\/0\/version: member "version" is written again/,
    )
    const skipped = await normalizeSbom(
      normalizeRequest('dup.cdx.json', cyclonedx, { inputValidation: 'skip' }),
    )
    expect(skipped.report.inputProblems).toEqual([])
  })

  it('are found in SPDX JSON too, which has no schema check', async () => {
    const sbom = await normalizeSbom(normalizeRequest('dup.spdx.json', spdx))
    expect(sbom.report.inputProblems).toEqual([
      expect.objectContaining({ path: '/packages/0/versionInfo', keyword: 'duplicateKey' }),
    ])
    await expect(
      normalizeSbom(normalizeRequest('dup.spdx.json', spdx, { inputValidation: 'strict' })),
    ).rejects.toThrow(
      /^dup\.spdx\.json: writes 1 member name\(s\) a second time in the same object:\n {2}- \/packages\/0\/versionInfo: /,
    )
  })
})
