// SPDX 2.2 / 2.3 tag-value → the SPDX 2.x JSON shape, so the SPDX JSON reader maps both the same
// way (the same document in either serialization gives the same CycloneDX output).
import { SbomError } from '../shared/errors.js'
import type { DroppedData } from './loss.js'

export interface TagValueDocument {
  /** The document as SPDX JSON would write it. */
  readonly document: Record<string, unknown>
  /** Tags the reader does not know: reported, never skipped silently. */
  readonly unknownTags: DroppedData[]
}

/** `SPDXVersion: SPDX-2.x` on the first line that is not blank or a comment. */
export function looksLikeSpdxTagValue(text: string): boolean {
  for (const line of text.split(/\r?\n/, 50)) {
    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith('#')) continue
    return /^SPDXVersion:\s*SPDX-/.test(trimmed)
  }
  return false
}

export function parseSpdxTagValue(file: string, _text: string): TagValueDocument {
  throw new SbomError(file, 'is SPDX tag-value, which this build cannot read yet.')
}
