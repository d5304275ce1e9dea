// What every fuzz property shares: the outcome it accepts, and one random edit of a JSON document.
import type fc from 'fast-check'
import { expect } from 'vitest'
import { ActionError } from '../../src/shared/errors.ts'

/**
 * Awaits the call: undefined for a result, the error for an ActionError with a message (for
 * callers that count refusals). Anything else is a bug and fails the property.
 */
export async function refusalOf(
  call: () => Promise<unknown> | unknown,
): Promise<ActionError | undefined> {
  try {
    await call()
    return undefined
  } catch (error) {
    if (!(error instanceof ActionError))
      throw new Error(
        `untyped ${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`,
        { cause: error },
      )
    expect(error.message.length).toBeGreaterThan(10)
    return error
  }
}

/** The fuzz property: a result, or one of the action's typed errors with a message. */
export async function typedOutcome(call: () => Promise<unknown> | unknown): Promise<void> {
  await refusalOf(call)
}

type Json = fc.JsonValue

/** Where to edit (a walk by index choices) and what to do there. */
export interface JsonEdit {
  readonly pathChoices: readonly number[]
  readonly kind: 'replace' | 'delete' | 'add'
  readonly value: Json
  /** The member name an `add` creates in an object. */
  readonly key: string
}

/** The edits applied in turn to a copy of `document`: replace, delete or add a value. */
export function mutate(document: Json, edits: readonly JsonEdit[]): Json {
  const root = structuredClone(document)
  for (const edit of edits) {
    let parent: Json = root
    let slot: string | number | undefined
    for (const choice of edit.pathChoices) {
      const here: Json =
        slot === undefined ? parent : ((parent as Record<string, Json>)[slot] as Json)
      if (typeof here !== 'object' || here === null) break
      const keys: (string | number)[] = Array.isArray(here)
        ? here.map((_, i) => i)
        : Object.keys(here)
      if (keys.length === 0) break
      if (slot !== undefined) parent = here
      slot = keys[choice % keys.length]
    }
    if (slot === undefined || typeof parent !== 'object' || parent === null) continue
    const container = parent as Record<string | number, Json>
    // A copy each time: the same value inserted twice could end up inside itself (not JSON).
    const value = structuredClone(edit.value)
    if (edit.kind === 'replace') container[slot] = value
    else if (edit.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(slot), 1)
      else delete container[slot]
    } else if (!Array.isArray(parent))
      // defineProperty, so "__proto__" becomes an own member as JSON.parse would make it.
      Object.defineProperty(container, edit.key, {
        value,
        enumerable: true,
        configurable: true,
        writable: true,
      })
    else parent.push(value)
  }
  return root
}
