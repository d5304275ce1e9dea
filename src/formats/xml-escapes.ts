// The XML escapes of CycloneDX XML input, decoded as XML 1.0 defines them: the five predefined
// entities and decimal/hexadecimal character references, in text and attribute values alike.
// Plugged into fast-xml-parser as its `entityDecoder`: the parser's own decoder leaves numeric
// references as written unless HTML entities are switched on (which would accept `&nbsp;` and
// friends, which XML refuses), and it silently removes or keeps references XML refuses. This one
// refuses every escape XML refuses, saying which and why. DTDs are refused before parsing
// (cyclonedx-xml.ts), so no other entity can exist: nothing is ever expanded into more than one
// character.

const PREDEFINED: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  apos: "'",
  quot: '"',
}

/** XML 1.0 §2.2 Char: what a character reference may stand for. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  )
}

/** An escape XML does not allow; the reader turns it into an SbomError naming the file. */
export class XmlEscapeError extends Error {}

/** What may stand between `&` and `;` in something meant as a reference (checked closer in resolve). */
const REFERENCE = /^[^\s&<>;"']+$/

/** A reference longer than this is no reference XML allows; quoted messages stay short too. */
const MAX_REFERENCE_LENGTH = 40

/**
 * `text` with its escapes decoded. Throws XmlEscapeError on a reference XML refuses: an
 * undeclared entity, a malformed reference, a code point that is no XML character (`&#0;`,
 * surrogates, `&#xFFFE;`, above U+10FFFF), or a bare `&`.
 */
export function decodeXmlEscapes(text: string): string {
  let ampersand = text.indexOf('&')
  if (ampersand === -1) return text
  let decoded = ''
  let copied = 0
  while (ampersand !== -1) {
    const semicolon = text.indexOf(';', ampersand + 1)
    const reference =
      semicolon === -1 || semicolon - ampersand > MAX_REFERENCE_LENGTH
        ? undefined
        : text.slice(ampersand + 1, semicolon)
    if (reference === undefined || !REFERENCE.test(reference))
      throw new XmlEscapeError(
        `a bare "&" (${quote(text.slice(ampersand, ampersand + 12))}…): XML writes a literal ampersand as &amp;`,
      )
    decoded += text.slice(copied, ampersand) + resolve(reference)
    copied = semicolon + 1
    ampersand = text.indexOf('&', copied)
  }
  return decoded + text.slice(copied)
}

function resolve(reference: string): string {
  if (reference.startsWith('#')) {
    const hex = reference.startsWith('#x')
    const digits = reference.slice(hex ? 2 : 1)
    if (!(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits))
      throw new XmlEscapeError(
        `the character reference &${reference}; is malformed: XML writes &#DIGITS; or &#xHEX; (a lower-case x)`,
      )
    const code = Number.parseInt(digits, hex ? 16 : 10)
    if (!isXmlChar(code))
      throw new XmlEscapeError(
        `the character reference &${reference}; stands for ${codePoint(code)}, which is not a character XML allows`,
      )
    return String.fromCodePoint(code)
  }
  const value = Object.hasOwn(PREDEFINED, reference) ? PREDEFINED[reference] : undefined
  if (value === undefined)
    throw new XmlEscapeError(
      `the entity &${reference}; is not declared: without a DTD XML knows only &lt; &gt; &amp; &apos; &quot; and character references (&#233; or &#xE9;)`,
    )
  return value
}

function codePoint(code: number): string {
  if (code > 0x10ffff) return 'a number above U+10FFFF'
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}${code >= 0xd800 && code <= 0xdfff ? ' (a surrogate)' : ''}`
}

function quote(text: string): string {
  return JSON.stringify(text).slice(1, -1)
}

/**
 * fast-xml-parser's `entityDecoder` hook, decoding with decodeXmlEscapes. Entities declared by a
 * document are refused outright (cyclonedx-xml.ts refuses DTDs first; this is the second lock).
 */
export const xmlEntityDecoder = {
  decode: decodeXmlEscapes,
  reset(): void {},
  setXmlVersion(): void {},
  setExternalEntities(): void {},
  addInputEntities(entities: Record<string, string>): void {
    if (Object.keys(entities).length > 0)
      throw new XmlEscapeError('the document declares entities: DTDs are refused')
  },
}
