/** The action's outputs (DESIGN.md §3): public API, never rename. */
export type OutputName =
  | 'sbom-file'
  | 'sbom-sha256'
  | 'component-count'
  | 's3-uri'
  | 's3-key'
  | 's3-version-id'
  | 'reused'
  | 'validation-status'
  | 'ocsf-file'

/** Where the pipeline reports outputs as soon as they are known, so a late failure keeps them. */
export interface OutputSink {
  set(name: OutputName, value: string): void
}
