/**
 * The `generator` input's values: where the SBOM comes from when `sbom` names no existing files.
 * `auto` picks `npm` or `github-dependency-graph` (or the files, when sbom is set); `inspector`
 * exports from Amazon Inspector (src/sources/inspector.ts), the others are collect-sboms.ts's.
 */
export const GENERATORS = [
  'auto',
  'npm',
  'github-dependency-graph',
  'command',
  'inspector',
] as const

export type Generator = (typeof GENERATORS)[number]
