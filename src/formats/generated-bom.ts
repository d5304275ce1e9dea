import type * as Models from '@cyclonedx/cyclonedx-library/Models'

/**
 * A generator's model, handed to normalization as is: writing it as JSON only to parse and read
 * it back would cost time and tell nothing (it is never checked against its own schema). The
 * sources make it; normalization takes it with the same shape.
 */
export interface GeneratedBom {
  readonly bom: Models.Bom
  /** What it was made from, e.g. `npm lockfile` `v3`, for the normalization report. */
  readonly source: 'npm lockfile'
  readonly sourceVersion: string
}
