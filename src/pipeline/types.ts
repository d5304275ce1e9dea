// The pipeline's results and dependencies, shared by pipeline.ts, publish.ts (which pipeline.ts
// loads on demand) and the report, so none of them imports another for its types.
import type { FileResult, ValidationFailure } from '../aws/iot-sbom.js'
import type { StoredArtifact } from '../aws/s3-store.js'
import type { OutputSink } from '../report/outputs.js'
import type { ComponentDiff } from '../sbom/diff.js'
import type { NormalizedSbom } from '../sbom/normalize.js'
import type { Logger } from '../shared/logger.js'
import type { Clock } from '../shared/poll.js'

export type ValidationVerdict = 'SUCCEEDED' | 'FAILED' | 'IN_PROGRESS' | 'SKIPPED'

export interface PipelineResult {
  readonly sboms: readonly NormalizedSbom[]
  readonly artifactPath: string
  readonly artifactSha256: string
  readonly artifactBytes: number
  readonly componentCount: number
  /** Absent in validate mode. */
  readonly stored: StoredArtifact | undefined
  readonly validation: {
    readonly status: ValidationVerdict
    /** The deadline passed while AWS still said IN_PROGRESS. */
    readonly timedOut: boolean
    readonly failures: readonly ValidationFailure[]
    /** AWS's verdict per file (both kinds), once the validation is final. */
    readonly files: readonly FileResult[]
    /** GetPackageVersion's errorReason after the wait, when AWS gave one. */
    readonly errorReason?: string | undefined
  }
  readonly published: boolean
  /** What changed since the SBOM this package published before (publish mode, when one exists). */
  readonly previous: PreviousSbom | undefined
  /**
   * Steps after the association that failed (the OCSF upload): the SBOM is published, the job
   * still fails, and a re-run redoes only these.
   */
  readonly sideFailures: readonly string[]
}

export interface PreviousSbom {
  readonly key: string
  /** The version name in the key (`<prefix><package>/<version>/<sha>.<ext>`). */
  readonly versionName: string
  readonly lastModified: Date
  readonly diff: ComponentDiff
}

export interface PipelineDeps {
  readonly log: Logger
  readonly outputs: OutputSink
  readonly clock: Clock
  readonly env: NodeJS.ProcessEnv
}

export type LocalArtifact = Pick<
  PipelineResult,
  'sboms' | 'artifactPath' | 'artifactSha256' | 'artifactBytes' | 'componentCount'
> & { readonly artifact: Buffer }
