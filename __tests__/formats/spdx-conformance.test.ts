// SPDX 2.2/2.3 examples from the SPDX project (../shared/corpus/spdx-examples) → CycloneDX.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { normalizeSbom } from '../../src/sbom/normalize.ts'
import { normalizeRequest } from '../sbom/normalize-request.ts'

const CORPUS = new URL('../../../shared/corpus/spdx-examples/', import.meta.url).pathname
const haveCorpus = existsSync(CORPUS)
if (!haveCorpus) console.warn(`\n*** SPDX CONFORMANCE SKIPPED: ${CORPUS} is missing. ***\n`)

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const examples = haveCorpus
  ? readdirSync(CORPUS)
      .filter((name) => name.endsWith('.json'))
      .map((name) => ({ name, content: readFileSync(join(CORPUS, name), 'utf8') }))
  : []

function allComponents(bom: Json): Json[] {
  const walk = (list: Json[] = []): Json[] => list.flatMap((c) => [c, ...walk(c.components)])
  return [...(bom.metadata?.component ? [bom.metadata.component] : []), ...walk(bom.components)]
}

describe.skipIf(!haveCorpus)('SPDX examples (conformance)', () => {
  it('has examples of both SPDX versions', () => {
    const versions = new Set(examples.map((e) => (JSON.parse(e.content) as Json).spdxVersion))
    expect(versions).toEqual(new Set(['SPDX-2.2', 'SPDX-2.3']))
  })

  // spdx-files: include lists every file; exclude (the default) every package and the files the
  // document describes, and counts the others in a note.
  it.each([
    ['1.4', 'include'],
    ['1.6', 'include'],
    ['1.4', 'exclude'],
  ] as const)(
    'converts every example at CycloneDX %s keeping every package and purl (spdx-files: %s)',
    async (target, spdxFiles) => {
      const problems: string[] = []
      for (const example of examples) {
        const spdx = JSON.parse(example.content) as Json
        try {
          const result = await normalizeSbom(
            normalizeRequest(example.name, example.content, {
              targetSpecVersion: target,
              spdxFiles,
            }),
          )
          const refs = new Set(allComponents(JSON.parse(result.json)).map((c) => c['bom-ref']))
          const purls = new Set(allComponents(JSON.parse(result.json)).map((c) => c.purl))
          const described = new Set<string>([
            ...(spdx.documentDescribes ?? []),
            ...(spdx.relationships ?? [])
              .filter((r: Json) => r.relationshipType === 'DESCRIBES')
              .map((r: Json) => r.relatedSpdxElement),
          ])
          const files = (spdx.files ?? []) as Json[]
          const expected =
            spdxFiles === 'include'
              ? [...(spdx.packages ?? []), ...files]
              : [...(spdx.packages ?? []), ...files.filter((f) => described.has(f.SPDXID))]
          for (const element of expected)
            if (!refs.has(element.SPDXID))
              problems.push(`${example.name}: ${element.SPDXID} missing`)
          const leftOut = files.filter((f) => !refs.has(f.SPDXID)).length
          if (spdxFiles === 'exclude' && leftOut > 0)
            expect(result.report.notes.join('\n')).toContain(
              `spdx-files: exclude: ${leftOut} of the input's ${files.length} SPDX file(s) are not components`,
            )
          for (const pkg of spdx.packages ?? [])
            for (const ref of pkg.externalRefs ?? [])
              if (
                ref.referenceType === 'purl' &&
                !purls.has(ref.referenceLocator) &&
                !JSON.stringify(JSON.parse(result.json)).includes(ref.referenceLocator)
              )
                problems.push(`${example.name}: purl ${ref.referenceLocator} lost`)
          expect(result.report.sourceFormat).toBe('SPDX JSON')
        } catch (error) {
          problems.push(`${example.name}: ${(error as Error).message.slice(0, 400)}`)
        }
      }
      expect(problems).toEqual([])
    },
  )

  it('turns DEPENDS_ON / DEPENDENCY_OF / CONTAINS into dependencies and reports what it cannot map', async () => {
    const example = examples.find((e) => e.name.includes('03-SBOMwDependency'))
    expect(example).toBeDefined()
    const result = await normalizeSbom(normalizeRequest(example!.name, example!.content))
    const bom = JSON.parse(result.json) as Json
    const edges = (bom.dependencies as Json[]).reduce(
      (sum, d) => sum + (d.dependsOn?.length ?? 0),
      0,
    )
    const spdx = JSON.parse(example!.content) as Json
    const dependencyRelationships = (spdx.relationships as Json[]).filter((r) =>
      /DEPEND|CONTAIN|LINK/.test(r.relationshipType),
    )
    expect(edges).toBeGreaterThanOrEqual(dependencyRelationships.length)
    expect(edges).toBeGreaterThan(0)
  })
})

describe('SPDX JSON fields with no CycloneDX place are reported, never lost silently', () => {
  it('creationInfo comment and licenseListVersion, external-reference and relationship comments', async () => {
    const { normalizeSbom } = await import('../../src/sbom/normalize.ts')
    const { normalizeRequest } = await import('../sbom/normalize-request.ts')
    const document = {
      spdxVersion: 'SPDX-2.3',
      dataLicense: 'CC0-1.0',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: 'commented',
      documentNamespace: 'https://example.com/commented',
      creationInfo: {
        created: '2026-01-01T00:00:00Z',
        creators: ['Tool: x-1.0'],
        comment: 'made for a test',
        licenseListVersion: '3.25',
      },
      packages: [
        {
          SPDXID: 'SPDXRef-a',
          name: 'a',
          downloadLocation: 'NOASSERTION',
          externalRefs: [
            {
              referenceCategory: 'PACKAGE-MANAGER',
              referenceType: 'purl',
              referenceLocator: 'pkg:generic/a@1',
              comment: 'from the lockfile',
            },
          ],
        },
        { SPDXID: 'SPDXRef-b', name: 'b', downloadLocation: 'NOASSERTION' },
      ],
      relationships: [
        {
          spdxElementId: 'SPDXRef-DOCUMENT',
          relationshipType: 'DESCRIBES',
          relatedSpdxElement: 'SPDXRef-a',
        },
        {
          spdxElementId: 'SPDXRef-a',
          relationshipType: 'DEPENDS_ON',
          relatedSpdxElement: 'SPDXRef-b',
          comment: 'runtime',
        },
      ],
    }
    const { report } = await normalizeSbom(
      normalizeRequest('commented.spdx.json', JSON.stringify(document)),
    )
    const paths = report.dropped.map((entry) => entry.path)
    expect(paths).toEqual(
      expect.arrayContaining([
        '$.creationInfo.comment',
        '$.creationInfo.licenseListVersion',
        '$.packages[].externalRefs[].comment',
        '$.relationships[].comment',
      ]),
    )
  })
})
