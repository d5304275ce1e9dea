import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { findDuplicateKeys, locateJsonSyntaxError } from '../../src/formats/json-syntax.ts'

const FIXTURE = readFileSync(
  new URL('../fixtures/sbom/gateway-1.6.cdx.json', import.meta.url),
  'utf8',
)

const parses = (text: string): boolean => {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

describe('locateJsonSyntaxError', () => {
  it.each([
    ['{}'],
    ['[]'],
    ['  [ ]  '],
    ['"a\\u00e9\\n"'],
    ['-0.5e+10'],
    ['{"a": [1, {"b": null}, true, false, "x"]}'],
  ])('finds nothing wrong in %s', (text) => {
    expect(locateJsonSyntaxError(text)).toBeUndefined()
  })

  it.each([
    ['', 1, 1, true],
    ['{"a": 1', 1, 8, true],
    ['{"a": "unterminated', 1, 7, true],
    ['{"a" 1}', 1, 6, false],
    ['{\n  "a": 01\n}', 2, 9, false],
    ['[1, 2,]', 1, 7, false],
    ['{"a": 1}\n{"b": 2}', 2, 1, false],
    ['{"tab": "a\tb"}', 1, 9, false],
    ["{'a': 1}", 1, 2, false],
  ])('locates the error in %j at line %i, column %i', (text, line, column, truncated) => {
    expect(locateJsonSyntaxError(text)).toMatchObject({ line, column, truncated })
  })

  it('agrees with JSON.parse on every one-character deletion and every truncation of a real SBOM', () => {
    const disagreements: string[] = []
    for (let index = 0; index < FIXTURE.length; index += 5) {
      for (const text of [
        FIXTURE.slice(0, index) + FIXTURE.slice(index + 1),
        FIXTURE.slice(0, index),
      ]) {
        const location = locateJsonSyntaxError(text)
        if (parses(text) !== (location === undefined))
          disagreements.push(
            `offset ${index}: JSON.parse ${parses(text)}, located ${JSON.stringify(location)}`,
          )
      }
      const cut = FIXTURE.slice(0, index)
      if (!parses(cut) && !locateJsonSyntaxError(cut)?.truncated)
        disagreements.push(`truncation at ${index} not seen as one`)
    }
    expect(disagreements).toEqual([])
  })

  it('survives deep nesting and long strings without recursion', () => {
    expect(locateJsonSyntaxError('['.repeat(200_000))).toMatchObject({ truncated: true })
    expect(locateJsonSyntaxError(`"${'x'.repeat(5_000_000)}`)).toMatchObject({ truncated: true })
  })
})

describe('findDuplicateKeys', () => {
  const duplicatesIn = (text: string) =>
    findDuplicateKeys(text, JSON.parse(text.replace(/^\uFEFF/, '')))

  it('finds nothing in JSON without repeated names, however its strings look', () => {
    expect(duplicatesIn(FIXTURE)).toEqual([])
    // Colons, quotes and braces inside strings, and the same name in sibling objects.
    expect(
      duplicatesIn(
        '{"a": "x\\":\\"y", "b": {"a": ":"}, "c": [{"a": 1}, {"a": 2}], "d": "\\\\", "e": "{\\"a\\":1}"}',
      ),
    ).toEqual([])
  })

  it('names each repeat with its JSON pointer, line and column, however deep', () => {
    const text = [
      '{',
      '  "components": [',
      '    {"name": "a", "version": "1"},',
      '    {"name": "b", "version": "1", "version": "2", "version": "3"}',
      '  ],',
      '  "metadata": {"x/y~z": {"k": 1, "k": 2}},',
      '  "version": 1,',
      '  "version": 2',
      '}',
    ].join('\n')
    expect(duplicatesIn(text)).toEqual([
      { pointer: '/components/1/version', name: 'version', line: 4, column: 35 },
      { pointer: '/components/1/version', name: 'version', line: 4, column: 51 },
      { pointer: '/metadata/x~1y~0z/k', name: 'k', line: 6, column: 34 },
      { pointer: '/version', name: 'version', line: 8, column: 3 },
    ])
  })

  it('compares names as JSON.parse does: escapes decoded, after a byte order mark', () => {
    expect(duplicatesIn('\uFEFF{"a\\u0062": 1, "ab": 2}')).toEqual([
      { pointer: '/ab', name: 'ab', line: 1, column: 16 },
    ])
    expect(duplicatesIn('{"__proto__": 1, "__proto__": 2}')).toHaveLength(1)
  })

  it('checks a 20 MB SBOM without repeats in well under a second', () => {
    const components = Array.from({ length: 60_000 }, (_, index) => ({
      type: 'library',
      name: `pkg-${index}`,
      version: '1.0.0',
      purl: `pkg:npm/pkg-${index}@1.0.0`,
      description: 'a "quoted": value, {with} [brackets]',
      hashes: [{ alg: 'SHA-256', content: 'ab'.repeat(32) }],
    }))
    const text = JSON.stringify({ bomFormat: 'CycloneDX', components }, null, 2)
    expect(text.length).toBeGreaterThan(20_000_000)
    const parsed = JSON.parse(text) as unknown
    const started = performance.now()
    expect(findDuplicateKeys(text, parsed)).toEqual([])
    expect(performance.now() - started).toBeLessThan(1_000)
  })
})
