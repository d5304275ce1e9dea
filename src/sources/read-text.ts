import { isUtf8 } from 'node:buffer'
import { fstatSync, readFileSync, readSync } from 'node:fs'
import { readFile } from 'node:fs/promises'

/**
 * A file's content as text when it is valid UTF-8, else its bytes (normalizeSbom refuses those,
 * naming the file). Read synchronously with an encoding, Node decodes without a JavaScript buffer:
 * a 50 MB SBOM then costs one 50 MB string instead of a buffer and a string that both stay in
 * memory until the next full garbage collection. That decoding turns invalid bytes into U+FFFD,
 * so only a text containing U+FFFD is checked against its bytes (the search is quick, and SBOMs
 * rarely contain one). `file` is a path, or a descriptor opened (and checked) by the caller and
 * not yet read from.
 */
export async function readTextOrBytes(file: string | number): Promise<string | Buffer> {
  const text = readFileSync(file, 'utf8')
  if (!text.includes('\uFFFD')) return text
  const bytes = typeof file === 'number' ? readFromStart(file) : await readFile(file)
  return isUtf8(bytes) ? text : bytes
}

/** The whole file behind `fd`, read by position: the first read left the descriptor at its end. */
function readFromStart(fd: number): Buffer {
  const bytes = Buffer.alloc(fstatSync(fd).size)
  let length = 0
  while (length < bytes.length) {
    const read = readSync(fd, bytes, length, bytes.length - length, length)
    if (read === 0) break
    length += read
  }
  return bytes.subarray(0, length)
}
