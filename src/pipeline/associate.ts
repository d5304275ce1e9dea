// Step 5, associate & wait: associates the stored object with the package version under the
// client-token rule (or keeps the association it already has), waits for AWS's verdict, lists the
// per-file results, and publishes the version when asked and AWS said SUCCEEDED.
import type { IoTClient } from '@aws-sdk/client-iot'
import { attachFirstSbom, replaceSbom } from '../aws/association.js'
import type { TokenFacts } from '../aws/client-token.js'
import {
  describeObjectVersion,
  failuresOf,
  listValidationResults,
  publishPackageVersion,
  waitForValidation,
  type FileResult,
  type PackageVersionRef,
  type Verdict,
} from '../aws/iot-sbom.js'
import type { PublishConfig } from '../config/config.js'
import type { RunContext } from '../context/run-context.js'
import { AwsError, errorMessage } from '../shared/errors.js'
import type { Logger } from '../shared/logger.js'
import type { StoreOutcome } from './store.js'
import type { PipelineDeps, PipelineResult } from './types.js'

export async function associateAndWait(
  iot: IoTClient,
  config: PublishConfig,
  context: RunContext,
  { log, outputs, clock }: Pick<PipelineDeps, 'log' | 'outputs' | 'clock'>,
  { version, plan, stored }: StoreOutcome,
): Promise<Pick<PipelineResult, 'verdict' | 'published'>> {
  const ref = { packageName: config.packageName, versionName: config.versionName }
  const tokens: TokenFacts = {
    override: config.clientTokenOverride,
    commitSha: config.commitSha,
    ref,
    runId: context.runId,
    runAttempt: context.runAttempt,
  }
  const location = { bucket: stored.bucket, key: stored.key, version: stored.versionId }
  let status: Verdict
  if (plan.kind === 'keep') {
    status = plan.current.status
    log.info(
      `${ref.packageName}@${ref.versionName} already has ${describeObjectVersion(location)} associated, with the same SHA-256 as this run's artifact; nothing uploaded, not associating again (validation ${status}).`,
    )
  } else if (plan.kind === 'attach')
    status = await attachFirstSbom(iot, ref, location, tokens, version.status, log)
  else status = await replaceSbom(iot, ref, plan.previous, location, tokens, version.status, log)

  let timedOut = false
  let errorReason: string | undefined
  if (config.waitForValidation && status === 'IN_PROGRESS') {
    const outcome = await waitForValidation(
      iot,
      ref,
      { timeoutSeconds: config.validationTimeoutSeconds, clock },
      log,
    )
    status = outcome.status
    timedOut = outcome.timedOut
    errorReason = outcome.errorReason
    log.info(`AWS validation: ${status} after ${outcome.polls} poll(s).`)
    if (errorReason && errorReason !== version.errorReason)
      log.warning(
        `AWS IoT reports an error on ${ref.packageName}@${ref.versionName}: ${errorReason}`,
        'AWS IoT package version error',
      )
  }
  outputs.set('validation-status', status)
  const files =
    status === 'FAILED' || status === 'SUCCEEDED' ? await fileResults(iot, ref, status, log) : []

  let published = false
  if (config.publishPackageVersion && status === 'SUCCEEDED') {
    if (version.status === 'DRAFT') {
      await publishPackageVersion(iot, ref)
      published = true
      log.info(`Published ${ref.packageName}@${ref.versionName}.`)
    } else
      log.info(
        `${ref.packageName}@${ref.versionName} is already ${version.status}: no PUBLISH call (publish-package-version only moves a DRAFT version).`,
      )
  }
  return {
    verdict: { status, timedOut, failures: failuresOf(files), files, errorReason },
    published,
  }
}

/** Per-file results; the verdict stands without them, so a denied listing only warns. */
async function fileResults(
  iot: IoTClient,
  ref: PackageVersionRef,
  status: 'SUCCEEDED' | 'FAILED',
  log: Logger,
): Promise<FileResult[]> {
  try {
    return await listValidationResults(iot, ref)
  } catch (error) {
    log.warning(
      `AWS said ${status}, but its per-file results could not be listed: ${errorMessage(error)}${error instanceof AwsError && error.hint ? ` ${error.hint}` : ''}`,
      'SBOM validation results not listed',
    )
    return []
  }
}
