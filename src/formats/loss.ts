// What a reader could not carry into the library's model: recorded where it happens, so the
// normalization report can say it instead of the data disappearing.
import type { SpecVersion } from './spec-versions.js'

export interface DroppedData {
  /** Shape path, e.g. `$.components[].pedigree`. */
  readonly path: string
  /** First place it occurred in the input, e.g. `$.components[3].pedigree`. */
  readonly example: string
  readonly reason: string
  /**
   * The lowest CycloneDX version above the target that carries all of what was lost: the user's
   * choice of target lost it, and setting this version keeps it. Undefined: no version does (the
   * library does not model it or not all of it, the value is not valid there, or the reader
   * refused it); the reason says which, and names a version that keeps part of it.
   */
  readonly carriedFrom?: SpecVersion
}

/**
 * Shape paths of the CycloneDX model (as written at the newest spec, e.g.
 * `$.metadata.tools.components[].type`) that a reader fills with values of its own making because
 * the model requires one and the input has none: not the user's data, so never the user's loss.
 */
export type SynthesizedPaths = readonly string[]

/**
 * SPDX names its tools (creator `Tool: name-1.2.3`, createdUsing) and nothing more: the tool
 * component's type, which the model requires, is made up (application). CycloneDX ≤1.4, whose
 * tools have no type, loses nothing of the document's by leaving it out.
 */
export const SYNTHESIZED_TOOL_TYPE: SynthesizedPaths = ['$.metadata.tools.components[].type']

/** Concrete path `$.components[3].hashes[0]` → shape path `$.components[].hashes[]`. */
export function shapeOf(path: string): string {
  return path.replace(/\[\d+\]/g, '[]')
}
