// The README's promise, proved on the CycloneDX specification's own examples: the same BOM in XML
// and in JSON gives byte-identical output and the same loss report. Every `valid-X-1.N.xml` of the
// corpus (../shared/corpus/cyclonedx-spec) with a `valid-X-1.N.json` beside it is normalized in
// both syntaxes at 1.4 and 1.6. Some of the spec's XML and JSON examples of a name are not the same
// BOM (mostly those of 1.2–1.5): CONTENT_DIFFERS lists them, each with what differs, checked by eye;
// a test keeps the list honest (every pair on it must really differ).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { normalizeSbom, type NormalizedSbom } from '../../src/sbom/normalize.ts'
import { isSpecVersion, type SpecVersion } from '../../src/formats/spec-versions.ts'
import { normalizeRequest } from '../sbom/normalize-request.ts'

const CORPUS = new URL('../../../shared/corpus/cyclonedx-spec/', import.meta.url).pathname
const haveCorpus = existsSync(CORPUS)
if (!haveCorpus)
  console.warn(
    `\n*** XML/JSON PAIR CONFORMANCE SKIPPED: ${CORPUS} is missing (CI has ../shared beside the repo). ***\n`,
  )

const versions = (...minors: number[]) => minors.map((minor) => `1.${minor}`)
const family = (name: string, inVersions: readonly string[]) =>
  inVersions.map((version) => `${version}/${name}-${version}`)

/** Pairs (`1.N/stem`) whose two files are different BOMs, with what differs between them. */
const CONTENT_DIFFERS: readonly { readonly pairs: readonly string[]; readonly reason: string }[] = [
  {
    pairs: family('valid-bom', versions(2, 3, 4, 5)),
    reason: 'different BOMs: timestamps, components (3 in XML, 2 in JSON), pedigree, dependencies',
  },
  {
    pairs: [
      ...family('valid-license-expression', versions(2, 3, 4, 5)),
      ...family('valid-license-id', versions(2, 3, 4, 5)),
      ...family('valid-license-name', versions(2, 3, 4, 5)),
    ],
    reason:
      'the XML component is an application with description, scope, hashes and purl; the JSON one a bare library',
  },
  {
    pairs: family('valid-metadata-timestamp', versions(2, 3, 4, 5)),
    reason: 'XML 2020-04-07T07:01:00Z, JSON 2020-04-13T20:20:39+00:00',
  },
  {
    pairs: family('valid-component-ref', versions(2, 3, 4, 5)),
    reason: 'the XML nests a component under the first and gives the second bom-ref 789, not 456',
  },
  {
    pairs: family('valid-dependency', versions(2, 3, 4, 5)),
    reason: 'component names differ (acme-library-a/b/b in XML, library-a/b/c in JSON)',
  },
  {
    pairs: family('valid-service', versions(2, 3, 4, 5)),
    reason:
      'only the JSON component has a publisher; from 1.4 the XML contact e-mail is "support@partner", not "support@partner.org"',
  },
  {
    pairs: family('valid-external-reference', versions(3, 4, 5)),
    reason: 'the second reference has another SHA-256, and only the JSON component a publisher',
  },
  {
    pairs: family('valid-compositions', versions(3, 4, 5)),
    reason:
      'the second component is version 2.0 in XML, 3.0 in JSON (1.5: the XML also lists the vulnerability as an assembly)',
  },
  {
    pairs: family('valid-properties', versions(3, 4, 5)),
    reason: 'the XML component and service have two properties, the JSON ones one',
  },
  {
    pairs: family('valid-release-notes', versions(4, 5)),
    reason: 'another issue description, and the XML contact e-mail "support@partner"',
  },
  {
    pairs: family('valid-vulnerability', versions(4, 5)),
    reason:
      'the XML repeats a reference and has the CVSS vector "AN/…" (JSON "AV/…"); 1.5: tool provider "Acme Inf"',
  },
  {
    pairs: ['1.5/valid-machine-learning-1.5'],
    reason: 'only the XML component has a publisher; an output format and a limitation differ',
  },
  {
    pairs: ['1.5/valid-saasbom-1.5'],
    reason: 'service names, versions, descriptions and data classifications differ',
  },
  {
    pairs: family('valid-attestation', versions(6, 7)),
    reason:
      'only the JSON has JSF signatures (the output is the same; the JSON reports $.signature as dropped)',
  },
  {
    pairs: family('valid-standard', versions(6, 7)),
    reason:
      'only the XML signs its standard (an XML signature, ds:Signature; the output is the same; the XML reports it as dropped)',
  },
  {
    pairs: ['1.7/valid-component-external-with-version'],
    reason: 'XML Windows 11 24H2, JSON Ubuntu 24.04',
  },
  {
    pairs: ['1.7/valid-cryptography-implementation-1.7'],
    reason: 'different BOMs: metadata component, algorithms and dependencies differ',
  },
  {
    pairs: ['1.7/valid-license-choice-1.7'],
    reason: 'only the XML component has a purl',
  },
  {
    pairs: ['1.7/valid-license-expression-with-text-1.7'],
    reason:
      'the XML description is indented text, and two license texts end differently ("…]" and a final newline)',
  },
]
const KNOWN_DIFFERENT = new Map(
  CONTENT_DIFFERS.flatMap(({ pairs, reason }) => pairs.map((pair) => [pair, reason] as const)),
)

interface Pair {
  /** `1.N/stem`, the files' common path without the extension. */
  readonly name: string
  readonly xml: string
  readonly json: string
}

function corpusPairs(): Pair[] {
  if (!haveCorpus) return []
  return readdirSync(CORPUS)
    .filter(isSpecVersion)
    .flatMap((version) =>
      readdirSync(join(CORPUS, version))
        .filter((file) => file.startsWith('valid-') && file.endsWith('.xml'))
        .map((file) => join(version, file.slice(0, -'.xml'.length)))
        .filter((stem) => existsSync(join(CORPUS, `${stem}.json`)))
        .map((name) => ({
          name,
          xml: readFileSync(join(CORPUS, `${name}.xml`), 'utf8'),
          json: readFileSync(join(CORPUS, `${name}.json`), 'utf8'),
        })),
    )
}

// The input's own schema check changes neither the output nor the losses (xml-conformance.test.ts
// runs the XSD check over the corpus): skipped, it spares an xmllint worker per file.
const normalize = (file: string, content: string, target: SpecVersion) =>
  normalizeSbom(
    normalizeRequest(file, content, { targetSpecVersion: target, inputValidation: 'skip' }),
  )

/** The shape paths the loss report lists, each once. */
const droppedPaths = (sbom: NormalizedSbom) =>
  [...new Set(sbom.report.dropped.map((entry) => entry.path))].sort()

if (!haveCorpus)
  it.skip(`XML/JSON PAIRS SKIPPED: ${CORPUS} is missing, so no pair was compared`, () => {})

describe.skipIf(!haveCorpus)('CycloneDX XML and JSON twins of the spec corpus', () => {
  const pairs = corpusPairs()

  it('has the pairs it expects, and every pair listed as different exists', () => {
    expect(pairs.length).toBeGreaterThan(200)
    const names = new Set(pairs.map((pair) => pair.name))
    expect([...KNOWN_DIFFERENT.keys()].filter((name) => !names.has(name))).toEqual([])
  })

  it('does not let the file name change the output (only the report and entry name carry it)', async () => {
    const pair = pairs.find((candidate) => candidate.name === '1.6/valid-bom-1.6')
    expect(pair).toBeDefined()
    const { xml } = pair as Pair
    const [first, second] = await Promise.all([
      normalize('a/sbom.cdx.xml', xml, '1.6'),
      normalize('elsewhere/other-name.xml', xml, '1.6'),
    ])
    expect(second.json).toBe(first.json)
    expect(droppedPaths(second)).toEqual(droppedPaths(first))
  })

  it.each(['1.4', '1.6'] as const)(
    'gives byte-identical output and the same losses for XML and JSON at %s',
    async (target) => {
      const problems: string[] = []
      let compared = 0
      for (const pair of pairs) {
        if (KNOWN_DIFFERENT.has(pair.name)) continue
        compared += 1
        const fromXml = await normalize(`${pair.name}.xml`, pair.xml, target)
        const fromJson = await normalize(`${pair.name}.json`, pair.json, target)
        expect(fromXml.report.sourceFormat).toBe('CycloneDX XML')
        expect(fromJson.report.sourceFormat).toBe('CycloneDX JSON')
        if (fromXml.json !== fromJson.json) problems.push(`${pair.name}: the outputs differ`)
        const [xmlDropped, jsonDropped] = [droppedPaths(fromXml), droppedPaths(fromJson)]
        if (JSON.stringify(xmlDropped) !== JSON.stringify(jsonDropped))
          problems.push(
            `${pair.name}: dropped only from XML: ${xmlDropped.filter((path) => !jsonDropped.includes(path)).join(', ') || '—'}; only from JSON: ${jsonDropped.filter((path) => !xmlDropped.includes(path)).join(', ') || '—'}`,
          )
      }
      console.info(
        `XML/JSON pairs at ${target}: ${compared} compared, ${KNOWN_DIFFERENT.size} listed as different BOMs`,
      )
      expect(compared).toBeGreaterThan(150)
      expect(problems).toEqual([])
    },
  )

  it('lists only pairs that really differ (an entry that no longer does must go)', async () => {
    const alike: string[] = []
    for (const pair of pairs) {
      if (!KNOWN_DIFFERENT.has(pair.name)) continue
      let differs = false
      for (const target of ['1.4', '1.6'] as const) {
        const fromXml = await normalize(`${pair.name}.xml`, pair.xml, target)
        const fromJson = await normalize(`${pair.name}.json`, pair.json, target)
        differs ||=
          fromXml.json !== fromJson.json ||
          JSON.stringify(droppedPaths(fromXml)) !== JSON.stringify(droppedPaths(fromJson))
      }
      if (!differs) alike.push(pair.name)
    }
    expect(alike).toEqual([])
  })
})
