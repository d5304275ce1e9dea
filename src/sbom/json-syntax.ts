// Where a JSON text breaks. JSON.parse says *what* is wrong but, for many errors, not *where*
// ("Unexpected end of JSON input"); a user with a 40 MB SBOM needs the line and column. This
// scanner only runs after JSON.parse has failed, checks syntax without building values, and uses
// an explicit stack so deeply nested input cannot overflow the call stack.

export interface JsonSyntaxLocation {
  /** 0-based UTF-16 offset of the first character that cannot be valid JSON there. */
  readonly offset: number
  /** 1-based. */
  readonly line: number
  /** 1-based, in characters. */
  readonly column: number
  /** The text ends before the JSON value does (a truncated file). */
  readonly truncated: boolean
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const LITERAL = /true|false|null/y
const WHITESPACE = /[ \t\n\r]*/y

type Expect = 'value' | 'key-or-end' | 'key' | 'colon' | 'comma-or-end' | 'end-of-text'

/** The first syntax error in `text`, or undefined when it is valid JSON. */
export function locateJsonSyntaxError(text: string): JsonSyntaxLocation | undefined {
  const stack: ('{' | '[')[] = []
  let expect: Expect = 'value'
  let offset = 0
  const skipWhitespace = (): void => {
    WHITESPACE.lastIndex = offset
    WHITESPACE.test(text)
    offset = WHITESPACE.lastIndex
  }
  const match = (pattern: RegExp): boolean => {
    pattern.lastIndex = offset
    if (!pattern.test(text)) return false
    offset = pattern.lastIndex
    return true
  }
  // Scanned by hand: a backtracking regex over a multi-megabyte string can exhaust the stack.
  const matchString = (): boolean => {
    const end = endOfString(text, offset)
    if (end === undefined) return false
    offset = end
    return true
  }
  const afterValue = (): Expect => (stack.length === 0 ? 'end-of-text' : 'comma-or-end')

  for (;;) {
    skipWhitespace()
    if (offset >= text.length)
      return expect === 'end-of-text' ? undefined : locationAt(text, offset, true)
    const char = text[offset]
    const top = stack.at(-1)
    switch (expect) {
      case 'end-of-text':
        return locationAt(text, offset, false)
      case 'colon':
        if (char !== ':') return locationAt(text, offset, false)
        offset += 1
        expect = 'value'
        continue
      case 'comma-or-end':
        if (char === ',') {
          offset += 1
          expect = top === '{' ? 'key' : 'value'
        } else if ((char === '}' && top === '{') || (char === ']' && top === '[')) {
          offset += 1
          stack.pop()
          expect = afterValue()
        } else return locationAt(text, offset, false)
        continue
      case 'key-or-end':
      case 'key':
        if (char === '}' && expect === 'key-or-end') {
          offset += 1
          stack.pop()
          expect = afterValue()
        } else if (char === '"' && matchString()) expect = 'colon'
        else return locationAt(text, offset, char === '"' && unterminated(text, offset))
        continue
      case 'value':
        if (char === '{' || char === '[') {
          stack.push(char)
          offset += 1
          expect = char === '{' ? 'key-or-end' : 'value'
          if (char === '[') {
            // An empty array closes at once.
            skipWhitespace()
            if (text[offset] === ']') {
              offset += 1
              stack.pop()
              expect = afterValue()
            }
          }
        } else if (endsInsidePrimitive(text, offset)) return locationAt(text, offset, true)
        else if (matchString() || match(NUMBER) || match(LITERAL)) expect = afterValue()
        else return locationAt(text, offset, char === '"' && unterminated(text, offset))
        continue
    }
  }
}

const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y

/** Offset just past the JSON string starting at `offset`, or undefined when it is not one. */
function endOfString(text: string, offset: number): number | undefined {
  if (text[offset] !== '"') return undefined
  for (let index = offset + 1; index < text.length;) {
    const code = text.charCodeAt(index)
    if (code === 0x22) return index + 1
    if (code < 0x20) return undefined
    if (code !== 0x5c) {
      index += 1
      continue
    }
    ESCAPE.lastIndex = index
    if (!ESCAPE.test(text)) return undefined
    index = ESCAPE.lastIndex
  }
  return undefined
}

const PARTIAL_NUMBER = /^-?(?:\d+(?:\.\d*)?(?:[eE][+-]?\d*)?)?$/
const COMPLETE_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/

/** The text ends part-way through a literal or number (`tr`, `7.`, `1e`): cut off there. */
function endsInsidePrimitive(text: string, offset: number): boolean {
  if (text.length - offset > 32) return false
  const rest = text.slice(offset)
  return (
    ['true', 'false', 'null'].some((literal) => literal !== rest && literal.startsWith(rest)) ||
    (PARTIAL_NUMBER.test(rest) && !COMPLETE_NUMBER.test(rest))
  )
}

/** A string that runs to the end of the text: the file was cut off inside it. */
function unterminated(text: string, offset: number): boolean {
  for (let index = offset + 1; index < text.length; index += 1) {
    const char = text[index]
    if (char === '\\') index += 1
    else if (char === '"' || char === '\n') return false
  }
  return true
}

function locationAt(text: string, offset: number, truncated: boolean): JsonSyntaxLocation {
  let line = 1
  let lineStart = 0
  for (let index = text.indexOf('\n'); index !== -1 && index < offset;) {
    line += 1
    lineStart = index + 1
    index = text.indexOf('\n', lineStart)
  }
  return { offset, line, column: offset - lineStart + 1, truncated }
}
