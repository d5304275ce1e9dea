/** Input values longer than this are cut in messages: a 100 KB value would drown the log. */
const SHOWN_CHARACTERS = 200

/** `"value"` for messages; a long value is cut, with its full length: `"abc…" (120000 characters)`. */
export function quoted(value: string): string {
  return value.length <= SHOWN_CHARACTERS
    ? `"${value}"`
    : `"${cut(value)}…" (${value.length} characters)`
}

/** `text` as it is, or cut the way quoted() cuts it, for text that quotes an input itself. */
export function shortened(text: string): string {
  return text.length <= SHOWN_CHARACTERS ? text : `${cut(text)}… (${text.length} characters)`
}

function cut(text: string): string {
  // Not between the two halves of a surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(text.charAt(SHOWN_CHARACTERS - 1))
    ? SHOWN_CHARACTERS - 1
    : SHOWN_CHARACTERS
  return text.slice(0, end)
}
