// Property-based fuzzing (fast-check) of the SPDX 3 JSON-LD reader and the Yocto archive reader:
// mutated corpus documents (../shared/corpus/spdx3 and the Yocto fixtures), mutated expanded-form
// documents, mutated and damaged Yocto archives. The property: a result, or one of the action's
// typed errors (ActionError) with a message; never another exception. Case counts are in the test
// names: the SPDX 3 reader gets 6,000 + 6,000 + 2,000, the Yocto reader 2,000 + 2,000.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync, zstdCompressSync } from 'node:zlib'
import fc from 'fast-check'
import { createTar } from 'nanotar'
import { afterEach, describe, expect, it } from 'vitest'
import { readSpdx3JsonLd } from '../../src/formats/spdx3-jsonld.ts'
import { readSpdxJson } from '../../src/formats/spdx-json.ts'
import { readYoctoSpdxArchive } from '../../src/formats/yocto.ts'
import { normalizeSbom } from '../../src/sbom/normalize.ts'
import { mutate as mutateJson, refusalOf } from '../fuzz/fuzz-helpers.ts'
import { normalizeRequest } from '../sbom/normalize-request.ts'

const CORPUS = new URL('../../../shared/corpus/spdx3/', import.meta.url).pathname
const haveCorpus = existsSync(CORPUS)
if (!haveCorpus)
  console.warn(
    `\n*** SPDX 3 FUZZING ON THE CORPUS SKIPPED: ${CORPUS} is missing; only the Yocto fixture is mutated. ***\n`,
  )
const YOCTO = '__tests__/fixtures/yocto'
const SOURCES: string[] = [
  readFileSync(`${YOCTO}/core-image-minimal-qemux86-64.rootfs.spdx.json`, 'utf8'),
  ...(haveCorpus
    ? readdirSync(CORPUS)
        .filter((name) => /\.(json|jsonld)$/.test(name))
        .map((name) => readFileSync(join(CORPUS, name), 'utf8'))
    : []),
]

const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31)
const params = (numRuns: number) => ({ numRuns, seed, endOnFailure: true })

/**
 * Results and refusals per property, printed after each (FUZZ_REASONS=1: the commonest refusals
 * too): a property whose inputs are nearly all refused tests little of the reader.
 */
const outcomes = { read: 0, refused: 0 }
const reasons = new Map<string, number>()
afterEach(() => {
  console.log(`outcomes: ${outcomes.read} read, ${outcomes.refused} refused with an ActionError`)
  if (process.env.FUZZ_REASONS) console.log([...reasons].sort((a, b) => b[1] - a[1]).slice(0, 8))
  reasons.clear()
  outcomes.read = 0
  outcomes.refused = 0
})

/** The shared property (a result or an ActionError), counting what was read and why the rest was refused. */
async function typedOutcome(call: () => Promise<unknown> | unknown): Promise<void> {
  const refusal = await refusalOf(call)
  if (refusal === undefined) {
    outcomes.read += 1
    return
  }
  outcomes.refused += 1
  const reason = refusal.message.replace(/^[^:]*: /, '').slice(0, 160)
  reasons.set(reason, (reasons.get(reason) ?? 0) + 1)
}

type Json = fc.JsonValue

/** Keys and values that matter to the SPDX 3 reader, so mutations hit its branches. */
const KEYS = [
  'type',
  '@type',
  'spdxId',
  '@id',
  'from',
  'to',
  'relationshipType',
  'rootElement',
  'creationInfo',
  'createdBy',
  'createdUsing',
  'specVersion',
  'name',
  'software_packageUrl',
  'software_primaryPurpose',
  'verifiedUsing',
  'externalIdentifier',
  'suppliedBy',
  'simplelicensing_licenseExpression',
  'expandedlicensing_member',
  '@graph',
  '@context',
  '@value',
  '@list',
  '__proto__',
] as const
const VALUES = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    'software_Package',
    'software_File',
    'Relationship',
    'SpdxDocument',
    'software_Sbom',
    'build_Build',
    'CreationInfo',
    'expandedlicensing_ConjunctiveLicenseSet',
    'contains',
    'dependsOn',
    'describes',
    'hasDeclaredLicense',
    'hasInput',
    'hasOutput',
    'NOASSERTION',
    '_:creationinfo',
    'https://spdx.org/rdf/3.0.1/terms/Software/Package',
    'https://spdx.org/rdf/3.0.1/terms/Core/RelationshipType/dependsOn',
    'https://spdx.org/licenses/MIT',
  ),
  fc.constantFrom<Json[]>({ '@id': '_:creationinfo' }, { '@value': 3 }, { '@list': ['a'] }, [], {}),
)

const mutation = fc.record({
  pathChoices: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
  kind: fc.constantFrom('replace', 'delete', 'add', 'copy-id'),
  value: VALUES,
  key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...KEYS)),
})
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never

/** One random edit per mutation at a random place; `copy-id` points a value at another element's id. */
function mutate(document: Json, edits: Mutation[], ids: readonly string[]): Json {
  return mutateJson(
    document,
    edits.map((edit) =>
      edit.kind === 'copy-id'
        ? {
            ...edit,
            kind: 'replace' as const,
            value:
              ids.length > 0
                ? (ids[(edit.pathChoices[0] ?? 0) % ids.length] as string)
                : edit.value,
          }
        : { ...edit, kind: edit.kind },
    ),
  )
}

function idsOf(text: string): string[] {
  return [
    ...new Set([...text.matchAll(/"(?:spdxId|@id)"\s*:\s*"([^"]+)"/g)].map((m) => m[1] as string)),
  ]
}

/**
 * A random corpus document, mutated: nine edits in ten inside `@graph` (the root has only
 * `@context` and `@graph`, and a document whose @context is gone is refused before the reader).
 */
const mutatedSpdx3 = fc
  .tuple(
    fc.nat({ max: SOURCES.length - 1 }),
    fc.array(fc.tuple(mutation, fc.nat({ max: 9 })), { minLength: 1, maxLength: 6 }),
  )
  .map(([index, edits]) => {
    const text = SOURCES[index] as string
    const ids = idsOf(text)
    let document = JSON.parse(text) as { '@graph'?: Json }
    for (const [edit, where] of edits) {
      if (where === 0 || !Array.isArray(document['@graph']))
        document = mutate(document as Json, [edit], ids) as { '@graph'?: Json }
      else document['@graph'] = mutate(document['@graph'], [edit], ids)
    }
    return document as Record<string, unknown>
  })

/** The same documents in the expanded form (full IRIs, values in {"@value"} / {"@id"}). */
function expand(document: Json): Json {
  const TERMS = 'https://spdx.org/rdf/3.0.1/terms/'
  const namespaces: Record<string, string> = {
    software: 'Software',
    simplelicensing: 'SimpleLicensing',
    expandedlicensing: 'ExpandedLicensing',
    security: 'Security',
    ai: 'AI',
    dataset: 'Dataset',
    build: 'Build',
  }
  const iri = (name: string) => {
    const match = /^([a-z]+)_(.*)$/.exec(name)
    return match
      ? `${TERMS}${namespaces[match[1] as string] ?? match[1]}/${match[2]}`
      : `${TERMS}Core/${name}`
  }
  const node = (value: Json): Json => {
    if (Array.isArray(value)) return value.map(node)
    if (typeof value !== 'object' || value === null) return [{ '@value': value }]
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) =>
        key === 'type'
          ? ['@type', [iri(String(inner))]]
          : key === 'spdxId' || key.startsWith('@')
            ? [key === 'spdxId' ? '@id' : key, inner]
            : [
                iri(key),
                Array.isArray(inner)
                  ? inner.map((item) => (typeof item === 'object' ? node(item) : { '@id': item }))
                  : node(inner as Json),
              ],
      ),
    )
  }
  const graph = (document as { '@graph'?: Json })['@graph']
  return {
    '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld',
    '@graph': Array.isArray(graph) ? graph.map(node) : [],
  }
}

describe('fuzzing the SPDX 3 JSON-LD reader', () => {
  it('has documents to mutate', () => {
    expect(SOURCES.length).toBeGreaterThan(haveCorpus ? 30 : 0)
  })

  it('mutated SPDX 3 documents, read directly, files included or not (6,000 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedSpdx3, fc.boolean(), (document, include) =>
        typedOutcome(() =>
          readSpdx3JsonLd('fuzz.spdx3.json', document, { files: include ? 'include' : 'exclude' }),
        ),
      ),
      params(6000),
    )
  }, 300_000)

  it('mutated SPDX 3 documents through normalizeSbom, to 1.4 and 1.6 (6,000 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedSpdx3, fc.constantFrom('1.4', '1.6'), (document, target) =>
        typedOutcome(() =>
          normalizeSbom(
            normalizeRequest('fuzz.spdx3.json', JSON.stringify(document), {
              targetSpecVersion: target as '1.4',
            }),
          ),
        ),
      ),
      params(6000),
    )
  }, 600_000)

  it('mutated documents in the expanded form (2,000 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedSpdx3, fc.array(mutation, { maxLength: 3 }), (document, edits) =>
        typedOutcome(() =>
          readSpdx3JsonLd(
            'fuzz.spdx3.json',
            mutate(expand(document as Json), edits, []) as Record<string, unknown>,
          ),
        ),
      ),
      params(2000),
    )
  }, 300_000)
})

describe('fuzzing the Yocto archive reader', () => {
  const KIRKSTONE = `${YOCTO}/kirkstone`
  const files = readdirSync(KIRKSTONE)
    .sort()
    .map((name) => ({ name, data: readFileSync(`${KIRKSTONE}/${name}`, 'utf8') }))
  const ids = files.flatMap((file) =>
    [...file.data.matchAll(/"(SPDXRef-[^"]+|DocumentRef-[^"]+)"/g)].map((m) => m[1] as string),
  )

  it('mutated documents in a tar, zstd or gzip, read and then normalized (2,000 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.nat({ max: files.length - 1 }),
            fc.array(mutation, { minLength: 1, maxLength: 4 }),
          ),
          {
            minLength: 1,
            maxLength: 3,
          },
        ),
        fc.constantFrom('tar', 'zstd', 'gzip'),
        fc.boolean(),
        (changes, packing, include) =>
          typedOutcome(() => {
            const changed = files.map((file) => ({ ...file }))
            for (const [index, edits] of changes) {
              const file = changed[index] as { name: string; data: string }
              file.data = JSON.stringify(mutate(JSON.parse(file.data) as Json, edits, ids))
            }
            const tar = createTar(changed)
            const bytes =
              packing === 'zstd' ? zstdCompressSync(tar) : packing === 'gzip' ? gzipSync(tar) : tar
            const combined = readYoctoSpdxArchive('fuzz.spdx.tar.zst', bytes)
            return readSpdxJson(combined, { files: include ? 'include' : 'exclude' })
          }),
      ),
      params(2000),
    )
  }, 300_000)

  it('damaged archive bytes: truncated, overwritten, inserted (2,000 cases)', async () => {
    const tar = createTar(files)
    const packed = [tar, zstdCompressSync(tar), gzipSync(tar)].map((bytes) => Buffer.from(bytes))
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 2 }),
        fc.oneof(
          fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
          fc.record({
            kind: fc.constant('flip' as const),
            at: fc.nat(),
            bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
          }),
          fc.record({
            kind: fc.constant('insert' as const),
            at: fc.nat(),
            bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }),
          }),
        ),
        (which, damage) =>
          typedOutcome(() => {
            const source = packed[which] as Buffer
            const at = damage.at % (source.length + 1)
            const bytes =
              damage.kind === 'cut'
                ? source.subarray(0, at)
                : damage.kind === 'flip'
                  ? Buffer.concat([
                      source.subarray(0, at),
                      Buffer.from(damage.bytes),
                      source.subarray(at + damage.bytes.length),
                    ])
                  : Buffer.concat([
                      source.subarray(0, at),
                      Buffer.from(damage.bytes),
                      source.subarray(at),
                    ])
            return readSpdxJson(readYoctoSpdxArchive('fuzz.spdx.tar', bytes))
          }),
      ),
      params(2000),
    )
  }, 300_000)
})
