// The pipeline's results and dependencies, shared by its steps and by main.ts, so no step imports
// another for its types.
import type { FileResult, ValidationFailure, Verdict } from '../aws/iot-sbom.js'
import type { StoredArtifact } from '../aws/s3-store.js'
import type { OutputSink } from '../report/outputs.js'
import type { ComponentDiff } from '../sbom/diff.js'
import type { NormalizedSbom } from '../sbom/normalize.js'
import type { QualityResult } from '../sbom/quality.js'
import type { Logger } from '../shared/logger.js'
import type { Clock } from '../shared/poll.js'

/** AWS's verdict, or SKIPPED when nothing was sent to AWS (mode: validate). */
export type RunVerdict = Verdict | 'SKIPPED'

export interface PipelineResult {
  readonly sboms: readonly NormalizedSbom[]
  readonly artifactPath: string
  readonly artifactSha256: string
  readonly artifactBytes: number
  readonly componentCount: number
  /** Of componentCount, the components of type file. */
  readonly fileCount: number
  /** Each published file's quality (one entry for a merge); empty with quality-profile none. */
  readonly quality: readonly PublishedQuality[]
  /** Whether the published files meet the quality gate's settings; undefined without a profile. */
  readonly qualityPassed: boolean | undefined
  /** Absent in validate mode. */
  readonly stored: StoredArtifact | undefined
  readonly verdict: {
    readonly status: RunVerdict
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
  /** Each quality element's coverage then and now (with a quality profile). */
  readonly qualityTrend?: readonly QualityTrendRow[]
}

export interface QualityTrendRow {
  readonly id: string
  readonly label: string
  readonly before: { readonly present: number; readonly total: number }
  readonly after: { readonly present: number; readonly total: number }
}

export interface PipelineDeps {
  readonly log: Logger
  readonly outputs: OutputSink
  readonly clock: Clock
  readonly env: NodeJS.ProcessEnv
}

/** What the local steps (collect → normalize → package) hand to the AWS steps. */
export type LocalArtifact = Pick<
  PipelineResult,
  | 'sboms'
  | 'artifactPath'
  | 'artifactSha256'
  | 'artifactBytes'
  | 'componentCount'
  | 'fileCount'
  | 'quality'
> & { readonly artifact: Buffer }

/** A published file's quality, and its input's where it had one. */
export interface PublishedQuality {
  readonly file: string
  readonly output: QualityResult
  readonly input?: QualityResult
}
