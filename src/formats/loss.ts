// What a reader could not carry into the library's model: recorded where it happens, so the
// normalization report can say it instead of the data disappearing.

export interface DroppedData {
  /** Shape path, e.g. `$.components[].pedigree`. */
  readonly path: string
  /** First place it occurred in the input, e.g. `$.components[3].pedigree`. */
  readonly example: string
  readonly reason: string
}

/** Concrete path `$.components[3].hashes[0]` → shape path `$.components[].hashes[]`. */
export function shapeOf(path: string): string {
  return path.replace(/\[\d+\]/g, '[]')
}
