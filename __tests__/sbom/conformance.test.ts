// Conformance against the CycloneDX specification's own test files (../shared/corpus).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { normalizeSbom } from '../../src/sbom/normalize.ts'
import { isSpecVersion, type SpecVersion } from '../../src/sbom/spec-versions.ts'
import { SbomError, SbomSchemaError } from '../../src/shared/errors.ts'
import { normalizeRequest } from './normalize-request.ts'

const CORPUS = new URL('../../../shared/corpus/cyclonedx-spec/', import.meta.url).pathname
const haveCorpus = existsSync(CORPUS)
if (!haveCorpus)
  console.warn(
    `\n*** CONFORMANCE SUITE SKIPPED: ${CORPUS} is missing (CI has ../shared beside the repo). ***\n`,
  )

interface CorpusFile {
  name: string
  version: SpecVersion
  content: string
}

function corpusFiles(prefix: 'valid-' | 'invalid-'): CorpusFile[] {
  if (!haveCorpus) return []
  return readdirSync(CORPUS)
    .filter(isSpecVersion)
    .flatMap((version) =>
      readdirSync(join(CORPUS, version))
        .filter((name) => name.startsWith(prefix) && name.endsWith('.json'))
        .map((name) => ({
          name: `${version}/${name}`,
          version,
          content: readFileSync(join(CORPUS, version, name), 'utf8'),
        })),
    )
}

const request = (file: CorpusFile, target: SpecVersion) =>
  normalizeRequest(file.name, file.content, { targetSpecVersion: target })

describe.skipIf(!haveCorpus)('CycloneDX spec corpus (conformance)', () => {
  const valid = corpusFiles('valid-')
  const invalid = corpusFiles('invalid-')

  it('has the corpus it expects', () => {
    expect(valid.length).toBeGreaterThan(150)
    expect(invalid.length).toBeGreaterThan(100)
  })

  it('normalizes every valid file at its own version without losing components or services', async () => {
    const failures: string[] = []
    for (const file of valid) {
      try {
        const result = await normalizeSbom(request(file, file.version))
        const { before, after } = result.report
        if (
          after.components !== before.components ||
          after.services !== before.services ||
          after.vulnerabilities !== before.vulnerabilities
        )
          failures.push(
            `${file.name}: components ${before.components}→${after.components}, services ${before.services}→${after.services}, vulnerabilities ${before.vulnerabilities}→${after.vulnerabilities}`,
          )
      } catch (error) {
        failures.push(`${file.name}: ${(error as Error).message.slice(0, 300)}`)
      }
    }
    expect(failures).toEqual([])
  })

  it.each(['1.4', '1.6'] as const)(
    'normalizes every valid file to %s: schema-valid output with a report, or a schema error naming the paths',
    async (target) => {
      const failures: string[] = []
      const refusedByTarget: string[] = []
      let withDrops = 0
      for (const file of valid) {
        try {
          const result = await normalizeSbom(request(file, target))
          if (result.report.dropped.length > 0) withDrops += 1
          // Anything that vanished from the counts must be explained in the report.
          const { before, after } = result.report
          const lost = (Object.keys(before) as (keyof typeof before)[]).filter(
            (key) => after[key] < before[key],
          )
          if (lost.length > 0 && result.report.dropped.length === 0)
            failures.push(`${file.name}: ${lost.join(', ')} decreased but nothing was reported`)
        } catch (error) {
          // Values an older spec allowed but 1.4's schema forbids (e.g. an e-mail without a domain
          // dot) are refused loudly with their JSON paths, never rewritten behind the user's back.
          if (error instanceof SbomSchemaError && error.failures.length > 0)
            refusedByTarget.push(error.message)
          else failures.push(`${file.name}: ${(error as Error).message.slice(0, 300)}`)
        }
      }
      if (refusedByTarget.length > 0)
        console.info(
          `refused at ${target} (schema errors with paths):\n${refusedByTarget.join('\n')}`,
        )
      expect(failures).toEqual([])
      expect(refusedByTarget).toEqual([])
      // 1.5+ files use features 1.4 lacks (lifecycles, tool components, …): some must be reported.
      expect(withDrops).toBeGreaterThan(0)
    },
  )

  it('rejects invalid files under input-validation: strict, and prints the table per spec version', async () => {
    const table = new Map<string, { rejected: number; accepted: number }>()
    const unexpected: string[] = []
    for (const file of invalid) {
      const row = table.get(file.version) ?? { rejected: 0, accepted: 0 }
      table.set(file.version, row)
      try {
        await normalizeSbom({ ...request(file, file.version), inputValidation: 'strict' })
        row.accepted += 1
      } catch (error) {
        if (error instanceof SbomError) row.rejected += 1
        else unexpected.push(`${file.name}: ${String(error)}`)
      }
    }
    console.info(
      `invalid-* files under input-validation: strict\n${[...table].map(([version, row]) => `  ${version}: rejected ${row.rejected}, accepted ${row.accepted}`).join('\n')}`,
    )
    expect(unexpected).toEqual([])
    const rejected = [...table.values()].reduce((sum, row) => sum + row.rejected, 0)
    // Some invalid-* files break rules no JSON schema can state (e.g. duplicate bom-refs): those pass the schema check.
    expect(rejected).toBeGreaterThan(invalid.length * 0.8)
  })

  it('turns every invalid file into a typed error or a schema-valid, reported normalization, never a crash', async () => {
    const crashes: string[] = []
    for (const file of invalid) {
      try {
        await normalizeSbom(request(file, file.version))
      } catch (error) {
        if (!(error instanceof SbomError))
          crashes.push(`${file.name}: ${String(error).slice(0, 300)}`)
      }
    }
    expect(crashes).toEqual([])
  })
})
