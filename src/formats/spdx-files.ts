// The `spdx-files` input, shared by the SPDX 2 (JSON, tag-value) and SPDX 3 readers. An SPDX
// document may list every file of what it describes (a Yocto image lists every file of every
// package: thousands), and AWS IoT validates each SBOM against a size limit it does not publish.
// With `exclude` (the default) files are not components; the dependency meaning of relationships
// that run through them is kept by collapsing package → file → package paths into package → package
// edges, and what cannot be collapsed is counted for the report.

export type SpdxFiles = 'include' | 'exclude'
export const SPDX_FILES_VALUES: readonly SpdxFiles[] = ['exclude', 'include']
export const DEFAULT_SPDX_FILES: SpdxFiles = 'exclude'

export interface SpdxReadOptions {
  /** SPDX files as components (`include`) or not (`exclude`, the default). */
  readonly files?: SpdxFiles
}

/** A dependency edge, oriented: `from` depends on (or contains) `to`. */
export interface DependencyEdge {
  readonly from: string
  readonly to: string
}

export interface CollapsedEdges {
  /** Edges between kept elements: the input's own, and the ones collapsed through left-out files. */
  readonly edges: DependencyEdge[]
  /** How many of `edges` were collapsed through left-out files. */
  readonly collapsed: number
  /** Edges from a kept element to a left-out file that lead to no kept element (package CONTAINS file). */
  readonly intoFiles: number
  /** Edges from a left-out file to a kept element that no kept element reaches: nowhere to put them. */
  readonly stranded: number
}

// Collapsing walks file → file chains; a document crafted to make that quadratic stops here.
const COLLAPSE_BUDGET = 5_000_000

/**
 * Edges between kept elements, plus, for every kept A → left-out file(s) → kept B path, the edge
 * A → B (files may chain: a tarball that contains a file that links a package). Self-edges are
 * left out. Linear in the edges for the usual shapes; bounded by COLLAPSE_BUDGET otherwise.
 */
export function collapseThroughFiles(
  edges: readonly DependencyEdge[],
  leftOut: ReadonlySet<string>,
): CollapsedEdges {
  if (leftOut.size === 0) return { edges: [...edges], collapsed: 0, intoFiles: 0, stranded: 0 }
  const fromFiles = new Map<string, string[]>()
  const kept: DependencyEdge[] = []
  const seen = new Set<string>()
  const add = (from: string, to: string): boolean => {
    const key = `${from}\n${to}`
    if (from === to || seen.has(key)) return false
    seen.add(key)
    kept.push({ from, to })
    return true
  }
  for (const edge of edges) {
    if (leftOut.has(edge.from)) {
      const list = fromFiles.get(edge.from)
      if (list) list.push(edge.to)
      else fromFiles.set(edge.from, [edge.to])
    } else if (!leftOut.has(edge.to)) add(edge.from, edge.to)
  }
  let collapsed = 0
  let intoFiles = 0
  let budget = COLLAPSE_BUDGET
  const reachedFiles = new Set<string>()
  // Per kept source, the kept elements its left-out files lead to.
  for (const edge of edges) {
    if (leftOut.has(edge.from) || !leftOut.has(edge.to)) continue
    const visited = new Set<string>([edge.to])
    const queue = [edge.to]
    let found = false
    while (queue.length > 0 && budget > 0) {
      const file = queue.pop() as string
      reachedFiles.add(file)
      for (const next of fromFiles.get(file) ?? []) {
        budget -= 1
        if (!leftOut.has(next)) {
          found = true
          if (add(edge.from, next)) collapsed += 1
        } else if (!visited.has(next)) {
          visited.add(next)
          queue.push(next)
        }
      }
    }
    if (!found) intoFiles += 1
  }
  let stranded = 0
  for (const [file, targets] of fromFiles)
    if (!reachedFiles.has(file)) stranded += targets.filter((to) => !leftOut.has(to)).length
  return { edges: kept, collapsed, intoFiles, stranded }
}

/** What both SPDX readers report about a document's elements (SpdxReadResult, Spdx3ReadResult). */
export interface ElementCounts {
  /** Packages and files in the input: the "before" component count. */
  readonly elementCount: number
  /** Files among elementCount. */
  readonly fileCount: number
  /** Files in elementCount that are not components (spdx-files: exclude). */
  readonly filesLeftOut: number
  readonly relationshipCount: number
}

/** The element counts of a read document, with the note on left-out files added to `notes`. */
export function countElements(
  counts: Parameters<typeof filesLeftOutNote>[0] & { readonly relationships: number },
  notes: string[],
): ElementCounts {
  const note = filesLeftOutNote(counts)
  if (note !== undefined) notes.push(note)
  return {
    elementCount: counts.packages + counts.files,
    fileCount: counts.files,
    filesLeftOut: counts.leftOut,
    relationshipCount: counts.relationships,
  }
}

/** The report's note on what `exclude` left out, or undefined when nothing was. */
function filesLeftOutNote(counts: {
  readonly packages: number
  readonly files: number
  readonly leftOut: number
  readonly collapsed: number
  readonly intoFiles: number
}): string | undefined {
  if (counts.leftOut === 0) return undefined
  const kept = counts.files - counts.leftOut
  return (
    `spdx-files: exclude: ${counts.leftOut} of the input's ${counts.files} SPDX file(s) are not components ` +
    `(the input has ${counts.packages} package(s)${kept > 0 ? `; ${kept} file(s) the document describes stay` : ''}); ` +
    `${counts.intoFiles} package-to-file relationship(s) (CONTAINS, hasFiles, …) went with them` +
    (counts.collapsed > 0
      ? `, and ${counts.collapsed} dependency edge(s) that ran through them were kept as package-to-package dependencies`
      : '') +
    '. Set spdx-files: include to list every file as a component.'
  )
}

/** The dropped-data reason for file relationships that `exclude` could not carry. */
export function strandedReason(count: number): string {
  return `${count} dependency relationship(s) from SPDX files left out by spdx-files: exclude lead to a package, but no package contains those files, so there is no package-to-package edge to keep (set spdx-files: include to keep them)`
}

/**
 * The document's root among the elements it describes: one described element is its root;
 * several are not one root, so none is picked and the IoT package depends on each of them
 * (enrichBom gets `several`).
 */
export function describedRoot<T>(described: readonly T[]): {
  readonly root: T | undefined
  readonly several: readonly T[]
} {
  if (described.length === 1) return { root: described[0], several: [] }
  return { root: undefined, several: described }
}
