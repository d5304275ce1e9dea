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
import type { PreviousSbom } from './types.js'

/** The diff against this package's previous SBOM in the bucket; a failure only costs the diff. */
export async function compareWithPrevious(
  s3: S3Client,
  target: S3Target,
  artifact: Buffer,
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
    return { key: previous.key, versionName, lastModified: previous.lastModified, diff }
  } catch (error) {
    log.warning(
      `Could not compare with the previous SBOM of this package (${(error as Error).message}). The diff needs s3:ListBucket on the package's prefix and s3:GetObject.`,
      'No SBOM diff',
    )
    return undefined
  }
}
