// The linear schema check must give the library's JsonStrictValidator's verdict on every
// document: the CycloneDX test suite (valid and invalid files of every version) and synthetic
// SBOMs with and without duplicates.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { JsonStrictValidator } from '@cyclonedx/cyclonedx-library/Validation'
import { describe, expect, it } from 'vitest'
import { linearSchemaCheck } from '../../src/schema-check/schema-check-runner.ts'
import { syntheticSbom } from '../../bench/lib/synthetic-sbom.mjs'
import { isSpecVersion, libraryVersion, type SpecVersion } from '../../src/formats/spec-versions.ts'

const CORPUS = new URL('../../../shared/corpus/cyclonedx-spec/', import.meta.url).pathname

// The library compiles its schema on first use per instance: keep one per version.
const libraryValidators = new Map<SpecVersion, JsonStrictValidator>()

async function libraryVerdict(version: SpecVersion, text: string): Promise<boolean> {
  let validator = libraryValidators.get(version)
  if (validator === undefined) {
    validator = new JsonStrictValidator(libraryVersion(version))
    libraryValidators.set(version, validator)
  }
  const failures = await validator.validate(text)
  return failures === null || failures === undefined
}

function synthetic(components: number, duplicate: boolean): string {
  const list = Array.from({ length: components }, (_, i) => ({
    type: 'library',
    name: `c${i}`,
    version: '1.0.0',
    'bom-ref': `ref-${i}`,
    hashes: [{ alg: 'SHA-256', content: 'a'.repeat(64) }],
    licenses: [{ license: { id: 'MIT' } }],
  }))
  // ajv's uniqueItems ignores key order; so must we.
  if (duplicate)
    list.push({ ...list[0]!, hashes: [{ content: 'a'.repeat(64), alg: 'SHA-256' }] } as never)
  return JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    components: list,
    dependencies: list
      .slice(0, 50)
      .map((c, i) => ({ ref: c['bom-ref'], dependsOn: [`ref-${i + 1}`, `ref-${i + 2}`] })),
  })
}

function compositions(count: number): { aggregate: string; assemblies: string[] }[] {
  return Array.from({ length: count }, (_, index) => ({
    aggregate: 'complete',
    assemblies: [`ref-${index}`],
  }))
}

describe('linear schema check', () => {
  const files = existsSync(CORPUS)
    ? readdirSync(CORPUS)
        .filter(isSpecVersion)
        .flatMap((version) =>
          readdirSync(join(CORPUS, version))
            .filter((name) => name.endsWith('.json'))
            .map((name) => ({
              version,
              name: `${version}/${name}`,
              path: join(CORPUS, version, name),
            })),
        )
    : []

  it.skipIf(files.length === 0)(
    "gives the library validator's verdict on every JSON file of the CycloneDX test suite",
    async () => {
      const disagreements: string[] = []
      let invalid = 0
      for (const file of files) {
        const text = readFileSync(file.path, 'utf8')
        const expected = await libraryVerdict(file.version, text)
        const actual = (await linearSchemaCheck(file.version))(JSON.parse(text)).length === 0
        if (!expected) invalid += 1
        if (expected !== actual)
          disagreements.push(`${file.name}: library ${expected}, linear ${actual}`)
      }
      console.log(`schema verdicts compared on ${files.length} corpus files (${invalid} invalid)`)
      expect(disagreements).toEqual([])
      expect(invalid).toBeGreaterThan(50)
    },
    300_000,
  )

  it('agrees on synthetic SBOMs, and finds the duplicate the quadratic check would', async () => {
    for (const duplicate of [false, true]) {
      const text = synthetic(500, duplicate)
      const failures = (await linearSchemaCheck('1.6'))(JSON.parse(text))
      expect(failures.length === 0).toBe(await libraryVerdict('1.6', text))
      expect(failures.length === 0).toBe(!duplicate)
    }
    const [failure] = (await linearSchemaCheck('1.6'))(JSON.parse(synthetic(10, true)))
    expect(failure).toMatchObject({
      instancePath: '/components',
      keyword: 'uniqueItems',
      params: { i: 10, j: 0 },
    })
  })

  it("gives the library's verdict on the benchmark's synthetic SBOMs, valid and broken", async () => {
    const valid = syntheticSbom(2000)
    const variant = (change: (document: typeof valid) => void) => {
      const copy = structuredClone(valid)
      change(copy)
      return copy
    }
    const parent = (document: typeof valid) =>
      document.components.find((component) => component.components !== undefined)!
    const cases = [
      { name: 'as generated', valid: true, document: valid },
      {
        // hashes carry no uniqueItems in the schema
        name: 'a repeated hash',
        valid: true,
        document: variant((d) => d.components[7]!.hashes.push({ ...d.components[7]!.hashes[0]! })),
      },
      {
        name: 'a repeated nested component',
        valid: false,
        document: variant((d) => parent(d).components!.push({ ...parent(d).components![0]! })),
      },
      {
        name: 'a repeated component, keys in another order',
        valid: false,
        document: variant((d) =>
          d.components.push(
            Object.fromEntries(Object.entries(d.components[0]!).reverse()) as never,
          ),
        ),
      },
      {
        name: 'a repeated dependsOn entry',
        valid: false,
        document: variant((d) => {
          const entry = d.dependencies.find((dependency) => dependency.dependsOn !== undefined)!
          entry.dependsOn!.push(entry.dependsOn![0]!)
        }),
      },
      {
        // No identifying members: all in one bucket, past the pairwise limit.
        name: '20 distinct compositions',
        valid: true,
        document: variant((d) => (d.compositions = compositions(20))),
      },
      {
        name: '20 compositions and one repeated, keys in another order',
        valid: false,
        document: variant((d) => {
          const list = compositions(20)
          d.compositions = [...list, { assemblies: list[13]!.assemblies, aggregate: 'complete' }]
        }),
      },
      {
        name: 'a hash that is not hex',
        valid: false,
        document: variant((d) => (d.components[3]!.hashes[0]!.content = 'not-hex')),
      },
    ]
    for (const { name, valid: expected, document } of cases) {
      const linear = (await linearSchemaCheck('1.6'))(document).length === 0
      const library = await libraryVerdict('1.6', JSON.stringify(document))
      expect({ name, linear, library }).toEqual({ name, linear: expected, library: expected })
    }
  })
})
