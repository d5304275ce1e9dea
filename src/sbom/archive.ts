import yazl from 'yazl'
import { SbomError } from '../shared/errors.js'

export interface ArtifactEntry {
  readonly name: string
  readonly content: string
}

// A fixed entry time keeps the zip byte-identical for identical content (DOS time starts 1980).
const FIXED_ENTRY_TIME = new Date(Date.UTC(1980, 0, 1, 0, 0, 0))

/**
 * The bytes uploaded to S3: the normalized JSON file(s) in a .zip (what AWS IoT documents as the
 * SBOM archive; it validates per file), or the one JSON file as is.
 */
export async function buildArtifact(
  entries: readonly ArtifactEntry[],
  format: 'zip' | 'json',
): Promise<Buffer> {
  if (format === 'json') {
    const [only, ...rest] = entries
    if (only === undefined || rest.length > 0)
      throw new SbomError(
        entries.map((entry) => entry.name).join(', ') || '(no SBOM)',
        `sbom-archive: json holds exactly one SBOM, got ${entries.length}.`,
        { hint: 'Use sbom-archive: zip to publish several SBOM files together.' },
      )
    return Buffer.from(only.content, 'utf8')
  }
  const zip = new yazl.ZipFile()
  for (const entry of entries)
    zip.addBuffer(Buffer.from(entry.content, 'utf8'), entry.name, {
      mtime: FIXED_ENTRY_TIME,
      mode: 0o100644,
      compress: true,
    })
  zip.end()
  const chunks: Buffer[] = []
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}
