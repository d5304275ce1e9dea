// Step 6, compare: the diff against the SBOM this package published before, for the summary. A
// failure here only costs the diff.
import type { S3Client } from '@aws-sdk/client-s3'
import {
  findPreviousObject,
  PreviousObjectTooLargeError,
  readPreviousObject,
} from '../aws/previous-sbom.js'
import type { S3Target } from '../config/config.js'
import {
  ArtifactOverLimitError,
  diffComponents,
  PREVIOUS_ARTIFACT_LIMITS,
  readArtifactDocuments,
} from '../sbom/diff.js'
import type { Logger } from '../shared/logger.js'
import { evaluateQuality, type QualityResult } from '../sbom/quality.js'
import type { JsonObject } from '../shared/json.js'
import type { LocalArtifact, PreviousSbom, QualityTrendRow } from './types.js'

/** The diff against this package's previous SBOM in the bucket; a failure only costs the diff. */
export async function compareWithPrevious(
  s3: S3Client,
  target: S3Target,
  { artifact, quality }: Pick<LocalArtifact, 'artifact' | 'quality'>,
  log: Logger,
): Promise<PreviousSbom | undefined> {
  try {
    const previous = await findPreviousObject(s3, target.bucket, target.packagePrefix, target.key)
    if (previous === undefined) {
      log.info(
        `No earlier SBOM under s3://${target.bucket}/${target.packagePrefix} to compare with.`,
      )
      return undefined
    }
    const uri = `s3://${target.bucket}/${previous.key}`
    let before
    try {
      // Anyone who may write under the prefix chooses these bytes: read within limits.
      const bytes = await readPreviousObject(s3, target.bucket, previous)
      before =
        bytes === undefined ? undefined : readArtifactDocuments(bytes, PREVIOUS_ARTIFACT_LIMITS)
    } catch (error) {
      const overLimit =
        error instanceof ArtifactOverLimitError || error instanceof PreviousObjectTooLargeError
      if (!overLimit) throw error
      log.warning(
        `previous SBOM ${uri} is not read: ${error.message}. This run has no diff; the SBOM is published as usual.`,
        'No SBOM diff',
      )
      return undefined
    }
    const after = readArtifactDocuments(artifact)
    if (before === undefined || after === undefined) {
      log.info(`${uri} is not an SBOM artifact; no diff.`)
      return undefined
    }
    const diff = diffComponents(before, after)
    log.info(
      `Since ${uri}: ${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed version, ${diff.unchanged} unchanged.`,
    )
    const versionName = previous.key.slice(target.packagePrefix.length).split('/')[0] ?? ''
    const trend = qualityTrend(
      before,
      quality.map(({ output }) => output),
    )
    return {
      key: previous.key,
      versionName,
      lastModified: previous.lastModified,
      diff,
      ...(trend ? { qualityTrend: trend } : {}),
    }
  } catch (error) {
    log.warning(
      `Could not compare with the previous SBOM of this package (${(error as Error).message}). The diff needs s3:ListBucket on the package's prefix and s3:GetObject.`,
      'No SBOM diff',
    )
    return undefined
  }
}

/**
 * Each element's coverage in the previous SBOM and in this one, all files of each added up, under
 * the profile this run scored with: what a change made better or worse.
 */
function qualityTrend(
  previous: readonly JsonObject[],
  current: readonly QualityResult[],
): QualityTrendRow[] | undefined {
  const [first] = current
  if (first === undefined) return undefined
  const before = previous.map((document) => evaluateQuality(document, first.profile))
  const sum = (results: readonly QualityResult[], id: string) =>
    results.reduce(
      (total, result) => {
        const element = result.elements.find((candidate) => candidate.id === id)
        return {
          present: total.present + (element?.present ?? 0),
          total: total.total + (element?.total ?? 0),
        }
      },
      { present: 0, total: 0 },
    )
  return first.elements.map(({ id, label }) => ({
    id,
    label,
    before: sum(before, id),
    after: sum(current, id),
  }))
}
