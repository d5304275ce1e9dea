// gzip and zstd, decompressed within a size budget: the one place the readers inflate input
// (compressed.ts for any compressed SBOM, yocto.ts for an image's SPDX archive).
import * as zlib from 'node:zlib'
import { SbomError } from '../shared/errors.js'

const GZIP = [0x1f, 0x8b]
const ZSTD = [0x28, 0xb5, 0x2f, 0xfd]

/** gzip or zstd, by the first bytes; undefined for anything else. */
export function compressionOf(bytes: Uint8Array): 'gzip' | 'zstd' | undefined {
  const starts = (magic: readonly number[]) => magic.every((byte, index) => bytes[index] === byte)
  return starts(GZIP) ? 'gzip' : starts(ZSTD) ? 'zstd' : undefined
}

/** gzip or zstd → the bytes inside, never more than `budget` of them. */
export function decompress(
  file: string,
  bytes: Buffer,
  kind: 'gzip' | 'zstd',
  budget: number,
  // What the message calls it: an SBOM file, or (yocto.ts) an archive.
  what = `a ${kind}-compressed file`,
): Buffer {
  // zstd entered node:zlib in Node 22.15 / 23.8; the action runs on node24 (action.yml).
  if (kind === 'zstd' && typeof zlib.zstdDecompressSync !== 'function')
    throw new SbomError(
      file,
      `is ${what}, and this Node.js (${process.version}) cannot read zstd.`,
      {
        hint: 'Run the action on Node 24 (as action.yml declares), or decompress the file in a previous step (`zstd -d FILE`).',
      },
    )
  try {
    // The output stops growing at maxOutputLength: a bomb costs the budget at most. zstd also
    // refuses frames that need a window above 128 MiB (its default windowLogMax, 27).
    return kind === 'gzip'
      ? zlib.gunzipSync(bytes, { maxOutputLength: budget })
      : decompressZstdFrames(bytes, budget)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const message = (error as Error).message
    if (code === 'ERR_BUFFER_TOO_LARGE')
      throw new SbomError(
        file,
        `is ${what} that decompresses to more than ${mebibytes(budget)}, the limit for one SBOM; it was not decompressed further.`,
        {
          hint: 'Check that sbom names the SBOM and not a build artifact; a larger SBOM has to be split.',
          cause: error,
        },
      )
    if (code === 'ZSTD_error_frameParameter_windowTooLarge')
      throw new SbomError(
        file,
        `is ${what} whose frame needs a decoding window above 128 MiB (compressed with --long?); it was not decompressed.`,
        {
          hint: 'Compress it without --long (or with --long=27 at most), or decompress it in a previous step.',
          cause: error,
        },
      )
    throw new SbomError(
      file,
      `is ${what}, but it cannot be decompressed (${message}): damaged or truncated?`,
      {
        hint: `Check that the step that wrote it finished; \`${kind === 'gzip' ? 'gzip -t' : 'zstd -t'} FILE\` tests it.`,
        cause: error,
      },
    )
  }
}

/**
 * node:zlib's zstd decoder stops at the end of the first frame and ignores what follows; a file
 * can hold several frames (`cat a.zst b.zst`, pzstd), so each is decoded in turn, within what is
 * left of the budget. Frames are found from their headers, without decoding.
 */
function decompressZstdFrames(bytes: Buffer, budget: number): Buffer {
  const parts: Buffer[] = []
  let total = 0
  for (const frame of zstdFrames(bytes)) {
    if (frame.skippable) continue
    const part = zlib.zstdDecompressSync(bytes.subarray(frame.start, frame.end), {
      maxOutputLength: Math.max(1, budget - total),
    })
    total += part.length
    if (total > budget)
      throw Object.assign(new RangeError('over the budget'), { code: 'ERR_BUFFER_TOO_LARGE' })
    parts.push(part)
  }
  return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, total)
}

/** The frames of a zstd file cannot be found: damaged, truncated, or followed by other data. */
class ZstdLayoutError extends Error {}

/** Where each zstd frame starts and ends (RFC 8878: frame header, block headers, checksum). */
function zstdFrames(
  bytes: Buffer,
): { readonly start: number; readonly end: number; readonly skippable: boolean }[] {
  const frames: { start: number; end: number; skippable: boolean }[] = []
  const damaged = (why: string) => new ZstdLayoutError(why)
  let at = 0
  while (at < bytes.length) {
    const start = at
    if (at + 8 <= bytes.length && (bytes.readUInt32LE(at) & 0xfffffff0) === 0x184d2a50) {
      // A skippable frame: magic, 4-byte size, that many bytes of user data.
      at += 8 + bytes.readUInt32LE(at + 4)
      if (at > bytes.length) throw damaged(`the skippable frame at byte ${start} is truncated`)
      frames.push({ start, end: at, skippable: true })
      continue
    }
    if (at + 5 > bytes.length || bytes.readUInt32LE(at) !== 0xfd2fb528)
      throw damaged(
        frames.length === 0
          ? 'no zstd frame at its start'
          : `${bytes.length - at} bytes after its last frame are not a zstd frame`,
      )
    const descriptor = bytes[at + 4] as number
    const singleSegment = (descriptor >> 5) & 1
    const contentSizeBytes = [singleSegment, 2, 4, 8][descriptor >> 6] as number
    const dictionaryIdBytes = [0, 1, 2, 4][descriptor & 3] as number
    at += 5 + (singleSegment ? 0 : 1) + dictionaryIdBytes + contentSizeBytes
    for (let last = false; !last;) {
      if (at + 3 > bytes.length) throw damaged(`the frame at byte ${start} is truncated`)
      const header = bytes.readUIntLE(at, 3)
      last = (header & 1) === 1
      const type = (header >> 1) & 3
      if (type === 3) throw damaged(`the frame at byte ${start} has a block of a reserved type`)
      // A run-length block stores its byte once; raw and compressed blocks store Block_Size.
      at += 3 + (type === 1 ? 1 : header >>> 3)
    }
    if ((descriptor >> 2) & 1) at += 4
    if (at > bytes.length) throw damaged(`the frame at byte ${start} is truncated`)
    frames.push({ start, end: at, skippable: false })
  }
  return frames
}

function mebibytes(bytes: number): string {
  return `${Math.floor(bytes / 1024 / 1024)} MiB`
}
