// The validators' pattern engine must agree with V8's RegExp on every schema pattern it
// replaces, and must replace the hash-content pattern of every CycloneDX version (else the
// speed-up silently goes away).
import { readdirSync, readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { schemaRegExp } from '../../src/schema-check/schema-patterns.ts'

const VALIDATORS = new URL('../../src/schema-check/validators/', import.meta.url)

/** Every pattern the generated validators hand to the engine. */
function generatedPatterns(): string[] {
  const patterns = new Set<string>()
  for (const name of readdirSync(VALIDATORS).filter((file) => file.endsWith('.mjs'))) {
    const code = readFileSync(new URL(name, VALIDATORS), 'utf8')
    const engine = /const (\w+) = deps\["iot-sbom:regexp"\]/.exec(code)?.[1]
    if (engine === undefined) throw new Error(`${name} does not use the pattern engine`)
    for (const match of code.matchAll(new RegExp(`${engine}\\(("(?:[^"\\\\]|\\\\.)*")`, 'g')))
      patterns.add(JSON.parse(match[1]!) as string)
  }
  return [...patterns]
}

const HASH_CONTENT =
  '^([a-fA-F0-9]{32}|[a-fA-F0-9]{40}|[a-fA-F0-9]{64}|[a-fA-F0-9]{96}|[a-fA-F0-9]{128})$'

// Strings near the edges: hex digits and a few that are not, lengths around the allowed ones.
const candidate = fc.oneof(
  fc
    .tuple(fc.constantFrom(31, 32, 33, 40, 63, 64, 96, 127, 128, 129, 0), fc.boolean())
    .chain(([length, clean]) =>
      fc
        .array(fc.constantFrom(...'0123456789abcdefABCDEF'.split('')), {
          minLength: length,
          maxLength: length,
        })
        .chain((digits) =>
          clean
            ? fc.constant(digits.join(''))
            : fc
                .tuple(
                  fc.nat(Math.max(length - 1, 0)),
                  fc.constantFrom('g', 'G', ' ', '\n', 'é', '😀'),
                )
                .map(([at, bad]) =>
                  [...digits.slice(0, at), bad, ...digits.slice(at + 1)].join(''),
                ),
        ),
    ),
  fc.string(),
)

describe('schemaRegExp', () => {
  it('replaces the hash-content pattern in every generated validator', () => {
    const patterns = generatedPatterns()
    expect(patterns).toContain(HASH_CONTENT)
    expect(schemaRegExp(HASH_CONTENT, 'u')).not.toBeInstanceOf(RegExp)
  })

  it.each(generatedPatterns())('agrees with RegExp on %s', (pattern) => {
    const ours = schemaRegExp(pattern, 'u')
    const reference = new RegExp(pattern, 'u')
    fc.assert(
      fc.property(candidate, (value) => {
        expect(ours.test(value)).toBe(reference.test(value))
      }),
      { numRuns: 3000 },
    )
  })
})
