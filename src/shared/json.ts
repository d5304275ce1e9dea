// Parsed JSON as the readers meet it: `unknown` until a check says what it is. One meaning of
// "object" for every reader: a plain JSON object, never an array, never null.

/** A JSON object's members, not yet checked. */
export type JsonObject = Record<string, unknown>

/** True for a JSON object; false for arrays, null and every other value. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `value` when it is a JSON object; undefined for arrays, null and every other value. */
export function asObject(value: unknown): JsonObject | undefined {
  return isJsonObject(value) ? value : undefined
}

/** The JSON objects among an array's items (arrays and null items skipped); [] for a non-array. */
export function asObjects(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isJsonObject) : []
}
