// Property-based fuzzing (fast-check) of every parser and of config parsing: random and mutated
// CycloneDX/SPDX JSON and XML, random lockfiles, random inputs. The property is always the same:
// a result, or one of the action's typed errors (ActionError) with a message; never another
// exception, never a hang (each property has a deadline). Case counts are in the test names.
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readConfig } from '../../src/config/config.ts'
import { readRunContext } from '../../src/context/run-context.ts'
import { normalizeSbom } from '../../src/sbom/normalize.ts'
import { ConfigError } from '../../src/shared/errors.ts'
import { bomFromNpmLockfile } from '../../src/sources/npm-lockfile.ts'
import { normalizeRequest } from '../sbom/normalize-request.ts'
import { ACTION_INPUTS, SHAPES, runnerDefault, workflowInputs } from './action-inputs.ts'
import { mutate, typedOutcome } from './fuzz-helpers.ts'

const CYCLONEDX_JSON = readFileSync('__tests__/fixtures/sbom/gateway-1.6.cdx.json', 'utf8')
const CYCLONEDX_XML = readFileSync('__tests__/fixtures/xml/thermostat.cdx.xml', 'utf8')
const SPDX_JSON = readFileSync('__tests__/fixtures/spdx/dependency-graph.spdx.json', 'utf8')
const LOCKFILE = readFileSync(
  '__tests__/fixtures/lockfiles/express-5.1.0/package-lock.json',
  'utf8',
)

/** Fixed seed per run of the suite would hide nothing new; a logged seed makes failures replayable. */
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31)
const params = (numRuns: number) => ({ numRuns, seed, endOnFailure: true })
// Every reader gets at least 10,000 cases per run, split over the properties that feed it:
// CycloneDX JSON 2,500 + 2,500 + 3,000 + 2,000; CycloneDX XML 9,960 + 40; SPDX JSON 8,000 +
// 2,000; npm lockfile 5,000 + 5,000.

type Json = fc.JsonValue

/** One random edit of a parsed document: replace, delete or add a value at a random place. */
const mutation = fc.record({
  pathChoices: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
  kind: fc.constantFrom('replace', 'delete', 'add'),
  value: fc.jsonValue({ maxDepth: 3 }),
  key: fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom(
      'bom-ref',
      'purl',
      'version',
      'type',
      'licenses',
      'hashes',
      '__proto__',
      'dependsOn',
    ),
  ),
})

function mutatedJson(source: string) {
  const document = JSON.parse(source) as Json
  return fc
    .array(mutation, { minLength: 1, maxLength: 6 })
    .map((edits) => JSON.stringify(mutate(document, edits)))
}

/** Text damage: truncation, an inserted fragment, or a replaced character range. */
function damagedText(source: string) {
  return fc.oneof(
    fc.nat({ max: source.length }).map((end) => source.slice(0, end)),
    fc
      .tuple(fc.nat({ max: source.length }), fc.string({ maxLength: 20 }))
      .map(([at, text]) => source.slice(0, at) + text + source.slice(at)),
    fc
      .tuple(fc.nat({ max: source.length }), fc.nat({ max: 30 }), fc.string({ maxLength: 5 }))
      .map(([at, length, text]) => source.slice(0, at) + text + source.slice(at + length)),
  )
}

describe('fuzzing the SBOM readers', () => {
  it('arbitrary text and bytes (2,500 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
        ),
        (content) => typedOutcome(() => normalizeSbom(normalizeRequest('fuzz.json', content))),
      ),
      params(2500),
    )
  }, 120_000)

  it('arbitrary JSON with a CycloneDX header (2,500 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('1.2', '1.3', '1.4', '1.5', '1.6', '1.7'),
        fc.dictionary(
          fc.constantFrom(
            'components',
            'metadata',
            'dependencies',
            'services',
            'vulnerabilities',
            'serialNumber',
            'version',
            'compositions',
          ),
          fc.jsonValue({ maxDepth: 4 }),
        ),
        (specVersion, body) =>
          typedOutcome(() =>
            normalizeSbom(
              normalizeRequest(
                'fuzz.cdx.json',
                JSON.stringify({ bomFormat: 'CycloneDX', specVersion, ...body }),
              ),
            ),
          ),
      ),
      params(2500),
    )
  }, 180_000)

  it('mutated CycloneDX 1.6 JSON, normalized to 1.4 and to 1.7 (3,000 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedJson(CYCLONEDX_JSON), fc.constantFrom('1.4', '1.7'), (text, target) =>
        typedOutcome(() =>
          normalizeSbom(
            normalizeRequest('gateway.cdx.json', text, { targetSpecVersion: target as '1.4' }),
          ),
        ),
      ),
      params(3000),
    )
  }, 300_000)

  it('mutated SPDX 2.3 JSON (8,000 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedJson(SPDX_JSON), (text) =>
        typedOutcome(() => normalizeSbom(normalizeRequest('graph.spdx.json', text))),
      ),
      params(8000),
    )
  }, 180_000)

  it('damaged SPDX 2.3 JSON text (2,000 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(damagedText(SPDX_JSON), (text) =>
        typedOutcome(() => normalizeSbom(normalizeRequest('graph.spdx.json', text))),
      ),
      params(2000),
    )
  }, 180_000)

  it('damaged CycloneDX JSON text (2,000 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(damagedText(CYCLONEDX_JSON), (text) =>
        typedOutcome(() => normalizeSbom(normalizeRequest('gateway.cdx.json', text))),
      ),
      params(2000),
    )
  }, 180_000)

  it('damaged CycloneDX XML, parsed without the XSD check (9,960 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(damagedText(CYCLONEDX_XML), (text) =>
        typedOutcome(() =>
          normalizeSbom(normalizeRequest('thermostat.cdx.xml', text, { inputValidation: 'skip' })),
        ),
      ),
      params(9960),
    )
  }, 300_000)

  it('damaged CycloneDX XML through the xmllint XSD check (40 cases: each starts a worker)', async () => {
    await fc.assert(
      fc.asyncProperty(damagedText(CYCLONEDX_XML), (text) =>
        typedOutcome(() => normalizeSbom(normalizeRequest('thermostat.cdx.xml', text))),
      ),
      params(40),
    )
  }, 300_000)
})

describe('fuzzing the npm lockfile reader', () => {
  it('mutated real lockfile, with and without dev dependencies (5,000 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedJson(LOCKFILE), fc.boolean(), (text, includeDev) =>
        typedOutcome(() =>
          bomFromNpmLockfile(JSON.parse(text), 'package-lock.json', { includeDev }),
        ),
      ),
      params(5000),
    )
  }, 300_000)

  it('arbitrary lockfile-shaped JSON (5,000 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(1, 2, 3),
        fc.jsonValue({ maxDepth: 4 }),
        fc.jsonValue({ maxDepth: 4 }),
        (lockfileVersion, packages, dependencies) =>
          typedOutcome(() =>
            bomFromNpmLockfile({ lockfileVersion, packages, dependencies }, 'package-lock.json', {
              includeDev: true,
            }),
          ),
      ),
      params(5000),
    )
  }, 120_000)
})

describe('fuzzing config parsing', () => {
  // Every input action.yml declares, with the default the runner passes when a workflow leaves
  // it out (action-inputs.ts): a new input is fuzzed the day it is added.
  const declared = Object.keys(ACTION_INPUTS)
  const SHA = 'a'.repeat(40)
  // The run: a branch or a tag (version-name defaults to the tag), AWS_REGION set or not.
  const ref = fc.constantFrom(
    'refs/heads/main',
    'refs/tags/v2.4.0',
    'refs/tags/v..',
    'refs/tags/release/1.0',
    'refs/pull/7/merge',
  )
  const env = fc.constantFrom({}, { AWS_REGION: 'eu-west-1' }, { AWS_DEFAULT_REGION: 'EU' })

  it('the shaped generators are for inputs action.yml declares', () => {
    // A shape left behind by a renamed or removed input would fuzz nothing, silently.
    expect(Object.keys(SHAPES).filter((name) => !(name in ACTION_INPUTS))).toEqual([])
  })

  it('random values for every input: a frozen config or one ConfigError (20,000 cases)', () => {
    const read = new Set<string>()
    let accepted = 0
    let refused = 0
    fc.assert(
      fc.property(workflowInputs, ref, env, (inputs, gitRef, runEnv) => {
        const value = (name: string) => inputs[name] ?? runnerDefault(name)
        const context = readRunContext({
          GITHUB_SHA: SHA,
          GITHUB_WORKSPACE: '/tmp',
          GITHUB_REF: gitRef,
        })
        try {
          const config = readConfig(
            (name) => {
              read.add(name)
              return value(name)
            },
            context,
            runEnv,
          )
          accepted += 1
          expect(Object.isFrozen(config)).toBe(true)
          // What reaches an S3 key stays under its prefix. action.yml documents the key as
          // <prefix><package>/<version>/<commit>…, a "/" added to the prefix (empty means the
          // default), and version-name as the tag, less version-name-strip-prefix, when not
          // given. No empty, "." or ".." segment may get through.
          const tag = gitRef.startsWith('refs/tags/') ? gitRef.slice('refs/tags/'.length) : ''
          const strip = value('version-name-strip-prefix')
          const version =
            value('version-name') ||
            (strip && tag.startsWith(strip) ? tag.slice(strip.length) : tag)
          for (const name of ['s3-key-prefix', 'ocsf-s3-key-prefix']) {
            const prefix = value(name) || runnerDefault(name)
            if (!prefix) continue
            const key = `${prefix.replace(/\/?$/, '/')}${value('package-name')}/${version}/${SHA}`
            for (const segment of key.split('/'))
              expect(['', '.', '..'], `${name}: ${key}`).not.toContain(segment)
          }
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error
          refused += 1
          expect(error.problems.length).toBeGreaterThan(0)
        }
      }),
      params(20_000),
    )
    // The generators cover action.yml both ways: every declared input reached readConfig, and
    // readConfig asked for no name the runner would have no value for.
    expect(declared.filter((name) => !read.has(name))).toEqual([])
    expect([...read].filter((name) => !(name in ACTION_INPUTS))).toEqual([])
    // Both outcomes are explored: the checks above run on accepted configs.
    expect(accepted, `${accepted} accepted`).toBeGreaterThan(250)
    expect(refused, `${refused} refused`).toBeGreaterThan(1000)
  })
})
