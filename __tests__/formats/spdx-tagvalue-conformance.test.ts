// SPDX tag-value conformance against the SPDX project's own files (../shared/corpus/spdx-tagvalue):
// each tag-value example paired with its JSON twin must normalize to the same bytes, and every
// tag-value file there must be read, keeping every package-manager purl.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseSpdxTagValue } from '../../src/formats/spdx-tagvalue.ts'
import { normalizeSbom } from '../../src/sbom/normalize.ts'
import { normalizeRequest } from '../sbom/normalize-request.ts'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const CORPUS = new URL('../../../shared/corpus/spdx-tagvalue/', import.meta.url).pathname
const haveCorpus = existsSync(join(CORPUS, 'SOURCE'))
if (!haveCorpus)
  console.warn(
    `\n*** SPDX TAG-VALUE CONFORMANCE SKIPPED: ${CORPUS} is missing (CI has ../shared beside the repo). ***\n`,
  )

/** The pairs SOURCE lists as `tag-value <-> JSON` within this folder (globbed rows point elsewhere). */
function pairs(): [string, string][] {
  if (!haveCorpus) return []
  const source = readFileSync(join(CORPUS, 'SOURCE'), 'utf8')
  return [...source.matchAll(/^\s+(\S+\.spdx)\s+<->\s+(\S+\.spdx\.json)\s*$/gm)]
    .map((match) => [match[1] as string, match[2] as string] as [string, string])
    .filter(([tagValue, json]) => !/[*/]/.test(tagValue + json))
}

const tagValueFiles = haveCorpus
  ? readdirSync(CORPUS)
      .filter((name) => name.endsWith('.spdx'))
      .sort()
  : []

const read = (name: string) => readFileSync(join(CORPUS, name), 'utf8')

function allComponents(bom: Json): Json[] {
  const walk = (list: Json[] = []): Json[] => list.flatMap((c) => [c, ...walk(c.components)])
  return [...(bom.metadata?.component ? [bom.metadata.component] : []), ...walk(bom.components)]
}

/** PACKAGE-MANAGER purls of the input, read straight from its lines (not through the reader). */
function purlsIn(text: string): Set<string> {
  const refs = text.matchAll(/^[ \t]*ExternalRef:[ \t]*PACKAGE[-_]MANAGER[ \t]+purl[ \t]+(\S+)/gm)
  return new Set([...refs].map((match) => match[1] as string))
}

if (!haveCorpus)
  it.skip(`SPDX TAG-VALUE CONFORMANCE SKIPPED: ${CORPUS} is missing, so no SPDX tag-value file was checked`, () => {})

describe.skipIf(!haveCorpus)('SPDX tag-value corpus (conformance)', () => {
  it('has the pairs and files SOURCE lists', () => {
    expect(pairs()).toEqual([
      ['spdx-spec_SPDXTagExample-v2.2.spdx', 'spdx-spec_SPDXJSONExample-v2.2.spdx.json'],
      ['spdx-spec_SPDXTagExample-v2.3.spdx', 'spdx-spec_SPDXJSONExample-v2.3.spdx.json'],
    ])
    expect(tagValueFiles).toContain('tools-python_SPDXLite.spdx')
    expect(tagValueFiles.filter((name) => name.startsWith('software_example'))).toHaveLength(12)
  })

  it.each(['1.4', '1.6'] as const)(
    'normalizes each tag-value example and its JSON twin to byte-identical CycloneDX %s',
    async (target) => {
      for (const [tagValue, json] of pairs()) {
        // The same display name for both: it reaches the output (e.g. entryName), not the format.
        const request = (content: string) =>
          normalizeRequest('sbom/example.spdx', content, { targetSpecVersion: target })
        const fromTagValue = await normalizeSbom(request(read(tagValue)))
        const fromJson = await normalizeSbom(request(read(json)))
        expect(fromTagValue.report.sourceFormat, tagValue).toBe('SPDX tag-value')
        expect(fromJson.report.sourceFormat, json).toBe('SPDX JSON')
        expect(fromTagValue.report.sourceSpecVersion).toBe(fromJson.report.sourceSpecVersion)
        expect(fromTagValue.json, `${tagValue} vs ${json}`).toBe(fromJson.json)
        expect(fromTagValue.componentCount).toBe(fromJson.componentCount)
        expect(fromTagValue.report.before.components).toBe(fromJson.report.before.components)
        expect(fromTagValue.report.after).toEqual(fromJson.report.after)
        expect(fromTagValue.report.after.dependencies).toBeGreaterThan(0)
      }
    },
  )

  it('reads every tag-value file, keeps every package-manager purl, and prints the table', async () => {
    const rows: string[] = []
    const problems: string[] = []
    for (const name of tagValueFiles) {
      const text = read(name)
      try {
        const { document, unknownTags } = parseSpdxTagValue(name, text)
        const elements = `${(document.packages as unknown[] | undefined)?.length ?? 0}/${(document.files as unknown[] | undefined)?.length ?? 0}`
        // The corpus is the spec's and its tools' own output: every tag in it must be known.
        for (const entry of unknownTags) problems.push(`${name}: ${entry.example}: ${entry.reason}`)
        const result = await normalizeSbom(normalizeRequest(name, text))
        const bom = JSON.parse(result.json) as Json
        const purls = purlsIn(text)
        const out = new Set(allComponents(bom).map((component) => component.purl))
        const kept = [...purls].filter((purl) => out.has(purl) || result.json.includes(purl))
        for (const purl of purls)
          if (!kept.includes(purl)) problems.push(`${name}: purl ${purl} lost`)
        if (result.report.sourceFormat !== 'SPDX tag-value')
          problems.push(`${name}: read as ${result.report.sourceFormat}`)
        const { after, dropped } = result.report
        rows.push(
          `${name.padEnd(46)} ${elements.padStart(14)} ${String(after.components).padStart(10)} ${String(after.dependencies).padStart(12)} ${`${purls.size} → ${kept.length}`.padStart(11)} ${String(dropped.length).padStart(7)}`,
        )
      } catch (error) {
        problems.push(`${name}: ${(error as Error).message.slice(0, 400)}`)
      }
    }
    console.info(
      `SPDX tag-value corpus, normalized to CycloneDX 1.4:\n${'file'.padEnd(46)} packages/files components dependencies purls in→out dropped\n${rows.join('\n')}`,
    )
    expect(problems).toEqual([])
    expect(rows).toHaveLength(tagValueFiles.length)
  })
})
