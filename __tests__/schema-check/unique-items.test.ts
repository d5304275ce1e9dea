// findDuplicate against the definition it replaces: ajv compares every pair of items with
// fast-deep-equal. Same first pair (lowest second index, then lowest first) on generated lists
// short and long, with many near-twins, key-reordered twins and colliding bucket keys.
import fc from 'fast-check'
import deepEqual from 'fast-deep-equal'
import { describe, expect, it } from 'vitest'
import { findDuplicate } from '../../src/schema-check/unique-items.ts'

function firstPairwiseDuplicate(items: readonly unknown[]) {
  for (let second = 1; second < items.length; second += 1)
    for (let first = 0; first < second; first += 1)
      if (deepEqual(items[first], items[second])) return { first, second }
  return undefined
}

/** The same object with its keys in reverse order: deep-equal, differently encoded. */
function reordered(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) return value.map(reordered)
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, member]) => [key, reordered(member)]),
  )
}

// Few distinct values, so generated lists hold twins and items sharing a bucket key.
const scalar = fc.constantFrom<unknown>('a', 'b', '1', 1, 0, true, null)
const item: fc.Arbitrary<unknown> = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 3 }),
  fc.record(
    {
      'bom-ref': fc.constantFrom('r1', 'r2'),
      ref: fc.constantFrom('r1', 'a'),
      name: scalar,
      version: scalar,
      hashes: fc.array(
        fc.record(
          { alg: fc.constantFrom('SHA-1', 'MD5'), content: scalar },
          { noNullPrototype: true },
        ),
      ),
    },
    { requiredKeys: [], noNullPrototype: true },
  ),
)
const list = fc
  .array(fc.tuple(item, fc.boolean()), { maxLength: 60 })
  .map((entries) => entries.map(([value, flip]) => (flip ? reordered(value) : value)))

describe('findDuplicate', () => {
  it('finds the pair ajv would, in short and long lists', () => {
    fc.assert(
      fc.property(list, (items) => {
        expect(findDuplicate(items)).toEqual(firstPairwiseDuplicate(items))
      }),
      { numRuns: 2000 },
    )
  })

  it('finds a late twin among many items sharing one bucket key', () => {
    const items: unknown[] = Array.from({ length: 500 }, (_, index) => ({
      name: 'same',
      properties: [{ name: 'n', value: String(index) }],
    }))
    expect(findDuplicate(items)).toBeUndefined()
    items.push(reordered(items[123]))
    expect(findDuplicate(items)).toEqual({ first: 123, second: 500 })
  })
})
