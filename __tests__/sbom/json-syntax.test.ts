import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { locateJsonSyntaxError } from '../../src/sbom/json-syntax.ts'

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
