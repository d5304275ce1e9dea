import { isUtf8 } from 'node:buffer'
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'

/**
 * A file's content as text when it is valid UTF-8, else its bytes (normalizeSbom refuses those,
 * naming the file). Read synchronously with an encoding, Node decodes without a JavaScript buffer:
 * a 50 MB SBOM then costs one 50 MB string instead of a buffer and a string that both stay in
 * memory until the next full garbage collection. That decoding turns invalid bytes into U+FFFD,
 * so only a text containing U+FFFD is checked against its bytes (the search is quick, and SBOMs
 * rarely contain one).
 */
export async function readTextOrBytes(path: string): Promise<string | Buffer> {
  const text = readFileSync(path, 'utf8')
  if (!text.includes('\uFFFD')) return text
  const bytes = await readFile(path)
  return isUtf8(bytes) ? text : bytes
}
