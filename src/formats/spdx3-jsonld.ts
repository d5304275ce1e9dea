// SPDX 3.0 / 3.0.1 JSON-LD (Core + Software profiles) → the library's Models.Bom.
import type * as Models from '@cyclonedx/cyclonedx-library/Models'
import { SbomError } from '../shared/errors.js'
import type { DroppedData } from './loss.js'

export interface Spdx3ReadResult {
  readonly bom: Models.Bom
  /** e.g. "3.0.1", from the document's CreationInfo specVersion. */
  readonly specVersion: string
  readonly dropped: DroppedData[]
  readonly notes: string[]
  /** Packages and files in the input: the "before" component count. */
  readonly elementCount: number
  readonly relationshipCount: number
}

export function readSpdx3JsonLd(file: string, _document: Record<string, unknown>): Spdx3ReadResult {
  throw new SbomError(file, 'is SPDX 3 JSON-LD, which this build cannot read yet.')
}
