// Text → a parsed JSON document, for every JSON input whatever its format (CycloneDX, SPDX 2 and
// 3, the index and documents of a Yocto archive): one byte order mark rule, one syntax error
// message with line and column, one nesting limit.
import { SbomError } from '../shared/errors.js'
import { isJsonObject, type JsonObject } from '../shared/json.js'
import { locateJsonSyntaxError } from './json-syntax.js'

/** Text → JSON object. A UTF-8 byte order mark is accepted; syntax errors name line and column. */
export function parseJsonDocument(file: string, text: string): JsonObject {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch (error) {
    // V8 names the position only for some errors; ours always does, so drop V8's copy.
    const why = (error as Error).message.replace(
      / in JSON at position \d+(?: \(line \d+ column \d+\))?/,
      '',
    )
    throw new SbomError(file, `is not valid JSON${whereJsonBreaks(body)}: ${why}`, {
      hint: 'Check that the SBOM step finished writing the file and that the path points at the SBOM.',
    })
  }
  if (!isJsonObject(parsed))
    throw new SbomError(file, 'is JSON but not an object, so it cannot be an SBOM.')
  const depth = nestingDepth(parsed, MAX_JSON_DEPTH)
  if (depth > MAX_JSON_DEPTH)
    throw new SbomError(
      file,
      `nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep; the action reads at most ${MAX_JSON_DEPTH} (real SBOMs nest a few dozen at most).`,
      {
        hint: 'Flatten nested components (list them at the top level and express the tree in dependencies).',
      },
    )
  return parsed
}

/**
 * JSON nesting the readers, the library and its serializer can walk (they recurse). JSON.parse
 * itself copes with far deeper input, so this is checked right after parsing.
 */
export const MAX_JSON_DEPTH = 128

/**
 * Depth of the deepest value, counting stops once past `limit` (so the recursion itself stays
 * within `limit` + 1 frames).
 */
function nestingDepth(value: object, limit: number, depth = 1): number {
  if (depth > limit) return depth
  let deepest = depth
  if (Array.isArray(value)) {
    for (const item of value as unknown[])
      if (typeof item === 'object' && item !== null) {
        deepest = Math.max(deepest, nestingDepth(item, limit, depth + 1))
        if (deepest > limit) break
      }
  } else
    for (const key in value) {
      const member = (value as Record<string, unknown>)[key]
      if (typeof member === 'object' && member !== null) {
        deepest = Math.max(deepest, nestingDepth(member, limit, depth + 1))
        if (deepest > limit) break
      }
    }
  return deepest
}

function whereJsonBreaks(text: string): string {
  const location = locateJsonSyntaxError(text)
  if (location === undefined) return ''
  const at = ` at line ${location.line}, column ${location.column}`
  return location.truncated ? `${at} (the file ends in the middle of the document: truncated?)` : at
}
