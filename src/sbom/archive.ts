import yazl from 'yazl'
import { SbomError } from '../shared/errors.js'

export interface ArtifactEntry {
  readonly name: string
  readonly content: string
}

/**
 * The entry time, fixed so identical content gives identical bytes: 1980-01-01 00:00, where DOS
 * time starts. yazl converts it to DOS fields in *local* time, so it is built in local time at the
 * moment of use (a UTC instant would become 1979-12-31 west of Greenwich), and the extended
 * timestamp extra field, which holds the UTC instant, is left out (forceDosTimestamp).
 */
function fixedEntryTime(): Date {
  return new Date(1980, 0, 1, 0, 0, 0)
}

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
      mtime: fixedEntryTime(),
      mode: 0o100644,
      compress: true,
      forceDosTimestamp: true,
    })
  zip.end()
  const chunks: Buffer[] = []
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}
