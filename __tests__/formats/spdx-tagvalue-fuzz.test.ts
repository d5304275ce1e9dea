// Property-based fuzzing (fast-check) of the SPDX tag-value reader, by the project's fuzz rule:
// damaged tag-value text through normalizeSbom gives a result or an ActionError with a message,
// never another exception. 10,000 cases through normalizeSbom per run (6,000 + 4,000).
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, it } from 'vitest'
import { normalizeSbom } from '../../src/sbom/normalize.ts'
import { typedOutcome } from '../fuzz/fuzz-helpers.ts'
import { normalizeRequest } from '../sbom/normalize-request.ts'

const FIXTURE = readFileSync(
  new URL('../fixtures/spdx-tagvalue/thermostat-firmware.spdx', import.meta.url),
  'utf8',
)
const LINES = FIXTURE.split('\n')

/** A logged seed makes a failure replayable (FUZZ_SEED=…). */
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31)
const params = (numRuns: number) => ({ numRuns, seed, endOnFailure: true })

/** Pieces of the grammar, so damage often lands on what the reader decides on. */
const FRAGMENTS = [
  '<text>',
  '</text>',
  '\n',
  '\r\n',
  '\uFEFF',
  '#',
  ':',
  ' ',
  '\t',
  'PackageName: x\n',
  'FileName: ./x\n',
  'SnippetSPDXID: SPDXRef-s\n',
  'LicenseID: LicenseRef-x\n',
  'SPDXID: SPDXRef-app\n',
  'SPDXVersion: SPDX-2.1\n',
  'Relationship: SPDXRef-app DEPENDS_ON SPDXRef-app\n',
  'Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-File-main.c\n',
  'ExternalRef: PACKAGE_MANAGER purl pkg:npm/%40scope/x@1\n',
  'ExternalRef: SECURITY cpe23Type cpe:2.3:a:x\n',
  'PackageChecksum: SHA999: zz\n',
  'SnippetByteRange: 99999999999999999999:1\n',
  'FilesAnalyzed: FALSE\n',
  'SPDXREF: SPDXRef-nowhere\n',
  'PackageLicenseDeclared: (MIT AND\n',
  'Created: not a date\n',
  'constructor: x\n',
  'toString: x\n',
  'ExternalRef: CONSTRUCTOR toString x\n',
]

const fragment = fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 12 }))

/** Character-level damage: truncation, an inserted fragment, or a replaced range. */
const damagedText = fc.oneof(
  fc.nat({ max: FIXTURE.length }).map((end) => FIXTURE.slice(0, end)),
  fc
    .tuple(fc.nat({ max: FIXTURE.length }), fragment)
    .map(([at, text]) => FIXTURE.slice(0, at) + text + FIXTURE.slice(at)),
  fc
    .tuple(fc.nat({ max: FIXTURE.length }), fc.nat({ max: 40 }), fragment)
    .map(([at, length, text]) => FIXTURE.slice(0, at) + text + FIXTURE.slice(at + length)),
)

/** Line-level edits: lines dropped, repeated, moved or replaced by grammar fragments. */
const editedLines = fc
  .array(
    fc.tuple(
      fc.constantFrom('delete', 'duplicate', 'move', 'replace'),
      fc.nat({ max: LINES.length - 1 }),
      fc.nat({ max: LINES.length - 1 }),
      fragment,
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((edits) => {
    const lines = [...LINES]
    for (const [kind, at, to, text] of edits) {
      const index = at % Math.max(lines.length, 1)
      const line = lines[index] ?? ''
      if (kind === 'delete') lines.splice(index, 1)
      else if (kind === 'duplicate') lines.splice(index, 0, line)
      else if (kind === 'move')
        lines.splice(to % Math.max(lines.length, 1), 0, ...lines.splice(index, 1))
      else lines[index] = text.replace(/\n$/, '')
    }
    return lines.join('\n')
  })

const normalize = (text: string) =>
  typedOutcome(() => normalizeSbom(normalizeRequest('build/zephyr/app.spdx', text)))

describe('fuzzing the SPDX tag-value reader', () => {
  it('damaged tag-value text through normalizeSbom (6,000 cases)', async () => {
    await fc.assert(fc.asyncProperty(damagedText, normalize), params(6000))
  }, 300_000)

  it('tag-value with lines dropped, repeated, moved or replaced, through normalizeSbom (4,000 cases)', async () => {
    await fc.assert(fc.asyncProperty(editedLines, normalize), params(4000))
  }, 300_000)
})
