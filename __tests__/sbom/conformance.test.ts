// Conformance against the CycloneDX specification's own test files (../shared/corpus).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { normalizeSbom, type NormalizedSbom } from '../../src/sbom/normalize.ts'
import { isSpecVersion, specOf, type SpecVersion } from '../../src/formats/spec-versions.ts'
import { schemaCheckCycloneDxJson } from '../../src/schema-check/schema-check.ts'
import { SbomError } from '../../src/shared/errors.ts'
import { normalizeRequest } from './normalize-request.ts'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

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

const request = (file: CorpusFile, target: SpecVersion, content = file.content) =>
  normalizeRequest(file.name, content, { targetSpecVersion: target })

if (!haveCorpus)
  it.skip(`CONFORMANCE SKIPPED: ${CORPUS} is missing, so no CycloneDX spec file was checked`, () => {})

describe.skipIf(!haveCorpus)('CycloneDX spec corpus (conformance)', () => {
  const valid = corpusFiles('valid-')
  const invalid = corpusFiles('invalid-')

  it('has the corpus it expects', () => {
    expect(valid.length).toBeGreaterThan(150)
    expect(invalid.length).toBeGreaterThan(100)
  })

  it.each(['own', '1.4', '1.6'] as const)(
    'normalizes every valid file at %s version: valid, deterministic, a fixed point, every loss explained',
    async (which) => {
      const failures: string[] = []
      const withDrops = new Map<string, string[]>()
      const passed = new Map<string, number>()
      for (const file of valid) {
        const target = which === 'own' ? file.version : which
        try {
          const result = await normalizeSbom(request(file, target))
          const problems = await checkResult(file, target, result)
          if (problems.length > 0) failures.push(...problems.map((p) => `${file.name}: ${p}`))
          else passed.set(file.version, (passed.get(file.version) ?? 0) + 1)
          if (result.report.dropped.length > 0)
            withDrops.set(
              file.name,
              result.report.dropped.map((entry) => entry.path),
            )
        } catch (error) {
          failures.push(`${file.name}: ${(error as Error).message.slice(0, 300)}`)
        }
      }
      console.info(
        `valid-* files normalized at ${which === 'own' ? 'their own version' : which}: ` +
          [...passed].map(([version, count]) => `${version}: ${count}`).join(', ') +
          `\nfiles with dropped data (${withDrops.size}):\n` +
          [...withDrops].map(([name, paths]) => `  ${name}: ${paths.join(', ')}`).join('\n'),
      )
      expect(failures).toEqual([])
      expect([...passed.values()].reduce((sum, count) => sum + count, 0)).toBe(valid.length)
      // Files of newer versions use features older targets lack: some must be reported.
      if (which === '1.4') expect(withDrops.size).toBeGreaterThan(0)
    },
  )

  it('keeps the services of every valid-service-* file at 1.4, reporting only their unmodelled fields', async () => {
    const services = valid.filter((file) => file.name.includes('/valid-service-'))
    expect(services.length).toBeGreaterThan(5)
    for (const file of services) {
      const { report } = await normalizeSbom(request(file, '1.4'))
      expect(report.after.services, file.name).toBe(report.before.services)
      for (const entry of report.dropped)
        expect(entry.path, `${file.name}: ${entry.path}`).toMatch(
          /^\$\.(services\[\]\.|metadata\.|components\[\]\.|signature$|dependencies\[\]\.provides)/,
        )
    }
  })

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

/** What must hold for every valid corpus file at every target; returns what does not. */
async function checkResult(
  file: CorpusFile,
  target: SpecVersion,
  result: NormalizedSbom,
): Promise<string[]> {
  const problems: string[] = []
  await schemaCheckCycloneDxJson(result.json, target, file.name)
  const again = await normalizeSbom(request(file, target))
  if (again.json !== result.json) problems.push('two runs differ')
  const fixedPoint = await normalizeSbom(request(file, target, result.json))
  if (fixedPoint.json !== result.json) problems.push('normalizing the output again changes it')

  // Components survive unless the target spec lacks their type, and then the report says so.
  const { before, after, dropped } = result.report
  const input = JSON.parse(file.content) as Json
  const unsupported = countUnsupportedComponents(input, target)
  if (after.components !== before.components - unsupported)
    problems.push(
      `components ${before.components} → ${after.components} (${unsupported} unsupported)`,
    )
  if (unsupported > 0 && !dropped.some((entry) => /does not exist in CycloneDX/.test(entry.reason)))
    problems.push('components of unsupported types are not reported')
  const spec = specOf(target)
  if (after.services !== (spec.supportsServices ? before.services : 0))
    problems.push(`services ${before.services} → ${after.services}`)
  if (after.vulnerabilities !== (spec.supportsVulnerabilities ? before.vulnerabilities : 0))
    problems.push(`vulnerabilities ${before.vulnerabilities} → ${after.vulnerabilities}`)

  // Every count that fell is explained, and every explanation points into the input (or, for a
  // value the target schema forbids, into the output).
  const fell = (Object.keys(before) as (keyof typeof before)[]).filter(
    (key) => after[key] < before[key],
  )
  if (fell.length > 0 && dropped.length === 0)
    problems.push(`${fell.join(', ')} fell, nothing reported`)
  const output = JSON.parse(result.json) as Json
  for (const entry of dropped)
    if (valueAt(input, entry.example) === undefined && valueAt(output, entry.example) === undefined)
      problems.push(`reported path ${entry.example} exists in neither input nor output`)
  return problems
}

/** Components (nested too, metadata.component's not) of a type the target spec does not have, with their subtrees. */
function countUnsupportedComponents(document: Json, target: SpecVersion): number {
  const spec = specOf(target)
  const count = (components: unknown, lost: boolean): number =>
    (Array.isArray(components) ? (components as Json[]) : []).reduce((sum, component) => {
      const gone = lost || !spec.supportsComponentType(component.type)
      return sum + (gone ? 1 : 0) + count(component.components, gone)
    }, 0)
  return count(document.components, false)
}

function valueAt(document: Json, path: string): unknown {
  const steps = path.slice(1).match(/\.[^.[]+|\[\d+\]/g) ?? []
  return steps.reduce<unknown>(
    (value, step) =>
      value === undefined || value === null
        ? undefined
        : (value as Json)[step.startsWith('[') ? Number(step.slice(1, -1)) : step.slice(1)],
    document,
  )
}
