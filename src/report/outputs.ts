/** The action's outputs, as action.yml declares them: workflows read them, so never rename one. */
export type OutputName =
  | 'sbom-file'
  | 'sbom-sha256'
  | 'component-count'
  | 'file-count'
  | 'quality-score'
  | 'quality-passed'
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
