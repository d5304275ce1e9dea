// What JSON.parse does not say about a JSON text. Where it breaks: JSON.parse says *what* is
// wrong but, for many errors, not *where* ("Unexpected end of JSON input"); a user with a 40 MB
// SBOM needs the line and column. That scanner only runs after JSON.parse has failed, checks
// syntax without building values, and uses an explicit stack so deeply nested input cannot
// overflow the call stack. And which member names repeat in an object: JSON.parse keeps the last
// value and drops the others without a word.

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

export interface DuplicateKey {
  /** JSON pointer of the repeated member (like a schema problem's path): `/components/3/version`. */
  readonly pointer: string
  readonly name: string
  /** Where it is written again, 1-based. */
  readonly line: number
  readonly column: number
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COLON = 0x3a
const COMMA = 0x2c
const NEWLINE = 0x0a
const OPEN_OBJECT = 0x7b
const CLOSE_OBJECT = 0x7d
const OPEN_ARRAY = 0x5b
const CLOSE_ARRAY = 0x5d
const BYTE_ORDER_MARK = 0xfeff

/**
 * Member names written more than once in one object of `text`, a JSON text that JSON.parse read
 * as `parsed` (keeping only the last value of each, silently). A cheap check comes first: the
 * members the text holds (its colons outside strings) against those `parsed` kept, about 50 ms
 * for a 50 MB SBOM. Only when they differ is the text walked again to name each repeat.
 */
export function findDuplicateKeys(text: string, parsed: unknown): DuplicateKey[] {
  if (countWrittenMembers(text) === countParsedMembers(parsed)) return []
  return locateDuplicateKeys(text)
}

/** Every member in a valid JSON text has exactly one colon outside strings, and nothing else does. */
function countWrittenMembers(text: string): number {
  let members = 0
  for (let offset = 0; offset < text.length;) {
    const quote = text.indexOf('"', offset)
    const end = quote === -1 ? text.length : quote
    for (let index = offset; index < end; index += 1)
      if (text.charCodeAt(index) === COLON) members += 1
    if (quote === -1) break
    offset = afterString(text, quote)
  }
  return members
}

/** Own members of every object in a parsed JSON value; an explicit stack, whatever the depth. */
function countParsedMembers(parsed: unknown): number {
  let members = 0
  const pending: unknown[] = [parsed]
  while (pending.length > 0) {
    const value = pending.pop()
    if (typeof value !== 'object' || value === null) continue
    if (Array.isArray(value)) {
      for (const item of value as unknown[])
        if (typeof item === 'object' && item !== null) pending.push(item)
      continue
    }
    for (const name in value) {
      members += 1
      const member = (value as Record<string, unknown>)[name]
      if (typeof member === 'object' && member !== null) pending.push(member)
    }
  }
  return members
}

/** Offset just past the string that opens at `quote` in valid JSON. */
function afterString(text: string, quote: number): number {
  let close = text.indexOf('"', quote + 1)
  while (close !== -1) {
    // Escaped when an odd number of backslashes precede it.
    let backslashes = 0
    while (text.charCodeAt(close - 1 - backslashes) === BACKSLASH) backslashes += 1
    if (backslashes % 2 === 0) return close + 1
    close = text.indexOf('"', close + 1)
  }
  return text.length
}

/** An object (its names so far and the member being read) or an array (the item's index). */
interface Container {
  readonly names: Set<string> | undefined
  step: string | number
}

function locateDuplicateKeys(text: string): DuplicateKey[] {
  const duplicates: DuplicateKey[] = []
  const containers: Container[] = []
  let line = 1
  let lineStart = text.charCodeAt(0) === BYTE_ORDER_MARK ? 1 : 0
  for (let offset = lineStart; offset < text.length;) {
    const code = text.charCodeAt(offset)
    if (code === QUOTE) {
      const end = afterString(text, offset)
      const container = containers.at(-1)
      // In an object, a string followed by a colon is a member name; any other is a value.
      if (container?.names !== undefined && nextSignificant(text, end) === COLON) {
        const name = stringAt(text, offset, end)
        if (container.names.has(name))
          duplicates.push({
            pointer: pointerTo(containers, name),
            name,
            line,
            column: offset - lineStart + 1,
          })
        else container.names.add(name)
        container.step = name
      }
      offset = end
      continue
    }
    if (code === OPEN_OBJECT) containers.push({ names: new Set(), step: '' })
    else if (code === OPEN_ARRAY) containers.push({ names: undefined, step: 0 })
    else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) containers.pop()
    else if (code === COMMA) {
      const container = containers.at(-1)
      if (container !== undefined && typeof container.step === 'number') container.step += 1
    } else if (code === NEWLINE) {
      line += 1
      lineStart = offset + 1
    }
    offset += 1
  }
  return duplicates
}

function nextSignificant(text: string, offset: number): number {
  WHITESPACE.lastIndex = offset
  WHITESPACE.test(text)
  return text.charCodeAt(WHITESPACE.lastIndex)
}

/** The value of the JSON string text[start, end). */
function stringAt(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1)
  return raw.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : raw
}

/** The JSON pointer of member `name` of the innermost container. */
function pointerTo(containers: readonly Container[], name: string): string {
  const steps = [...containers.slice(0, -1).map((container) => container.step), name]
  return steps.map((step) => `/${String(step).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')
}
