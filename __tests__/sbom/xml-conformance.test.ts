// CycloneDX XML from the specification's test suite: every valid file is read without losing
// components (the suite's XML and JSON files of a name are different documents, so they are not
// compared with each other; __tests__/sbom/xml.test.ts compares an XML and a JSON of the same BOM).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { normalizeSbom } from '../../src/sbom/normalize.ts'
import { isSpecVersion, type SpecVersion } from '../../src/formats/spec-versions.ts'
import { SbomError, SbomSchemaError } from '../../src/shared/errors.ts'
import { normalizeRequest } from './normalize-request.ts'

const CORPUS = new URL('../../../shared/corpus/cyclonedx-spec/', import.meta.url).pathname
const haveCorpus = existsSync(CORPUS)
if (!haveCorpus) console.warn(`\n*** XML CONFORMANCE SKIPPED: ${CORPUS} is missing. ***\n`)

function files(prefix: string) {
  if (!haveCorpus) return []
  return readdirSync(CORPUS)
    .filter(isSpecVersion)
    .flatMap((version) =>
      readdirSync(join(CORPUS, version))
        .filter((name) => name.startsWith(prefix) && name.endsWith('.xml'))
        .map((name) => ({ version, name, path: join(CORPUS, version, name) })),
    )
}

const request = (file: string, content: string, target: SpecVersion) =>
  normalizeRequest(file, content, { targetSpecVersion: target })

// Each XSD check starts an xmllint WebAssembly worker (~0.2 s): the corpus takes minutes, not seconds.
const CORPUS_TIMEOUT_MS = 600_000

describe.skipIf(!haveCorpus)(
  'CycloneDX XML spec corpus (conformance)',
  { timeout: CORPUS_TIMEOUT_MS },
  () => {
    const valid = files('valid-')

    it('reads every valid XML file at its own version without losing a component or service', async () => {
      const problems: string[] = []
      const refusedBySchema: string[] = []
      for (const file of valid) {
        const name = `${file.version}/${file.name}`
        try {
          const { report } = await normalizeSbom(
            request(name, readFileSync(file.path, 'utf8'), file.version),
          )
          expect(report.sourceFormat).toBe('CycloneDX XML')
          if (report.inputProblems.length > 0)
            problems.push(`${name}: the XSD check reports ${report.inputProblems[0]?.message}`)
          if (
            report.before.components !== report.after.components ||
            report.before.services !== report.after.services
          )
            problems.push(
              `${name}: components ${report.before.components}→${report.after.components}, services ${report.before.services}→${report.after.services}`,
            )
          if (
            report.before.components === 0 &&
            readFileSync(file.path, 'utf8').includes('<components>\n        <component')
          )
            problems.push(`${name}: components were not found in the XML`)
        } catch (error) {
          // The XSD accepts some values the JSON schema forbids (e.g. an e-mail without a domain dot):
          // those are refused loudly with the JSON path, never rewritten.
          if (error instanceof SbomSchemaError) refusedBySchema.push(name)
          else problems.push(`${name}: ${(error as Error).message.slice(0, 300)}`)
        }
      }
      console.info(
        `XML: ${valid.length} valid files read; refused by the JSON schema after conversion: ${refusedBySchema.join(', ') || 'none'}`,
      )
      expect(valid.length).toBeGreaterThan(150)
      expect(problems).toEqual([])
      expect(refusedBySchema).toEqual([])
    })

    it('rejects every invalid XML file or, under input-validation: warn, reports its schema problems', async () => {
      const table = new Map<string, { rejected: number; reported: number }>()
      const unexplained: string[] = []
      for (const file of files('invalid-')) {
        const row = table.get(file.version) ?? { rejected: 0, reported: 0 }
        table.set(file.version, row)
        try {
          const { report } = await normalizeSbom(
            request(file.name, readFileSync(file.path, 'utf8'), file.version),
          )
          if (report.inputProblems.length > 0) row.reported += 1
          else
            unexplained.push(
              `${file.version}/${file.name}: accepted without a reported schema problem`,
            )
        } catch (error) {
          if (error instanceof SbomError) row.rejected += 1
          else unexplained.push(`${file.version}/${file.name}: ${String(error).slice(0, 200)}`)
        }
      }
      console.info(
        `invalid XML under input-validation: warn\n${[...table].map(([version, row]) => `  ${version}: rejected ${row.rejected}, accepted with schema problems reported ${row.reported}`).join('\n')}`,
      )
      expect(unexplained).toEqual([])
    })
  },
)
