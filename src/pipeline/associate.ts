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
  type PackageVersionFacts,
  type PackageVersionRef,
  type Verdict,
} from '../aws/iot-sbom.js'
import type { PublishConfig } from '../config/config.js'
import type { RunContext } from '../context/run-context.js'
import { AwsError, errorMessage } from '../shared/errors.js'
import type { Logger } from '../shared/logger.js'
import type { Clock } from '../shared/poll.js'
import type { StoreOutcome } from './store.js'
import type { PipelineDeps, PipelineResult } from './types.js'

export async function associateAndWait(
  iot: IoTClient,
  config: PublishConfig,
  context: RunContext,
  { log, outputs, clock }: Pick<PipelineDeps, 'log' | 'outputs' | 'clock'>,
  stored: StoreOutcome,
): Promise<Pick<PipelineResult, 'verdict' | 'published'>> {
  const ref = { packageName: config.packageName, versionName: config.versionName }
  const associated = await associate(iot, ref, config, context, stored, log)
  const waited =
    config.waitForValidation && associated === 'IN_PROGRESS'
      ? await waitForVerdict(iot, ref, config, stored.version, clock, log)
      : { status: associated, timedOut: false, errorReason: undefined }
  const { status } = waited
  outputs.set('validation-status', status)
  const files =
    status === 'FAILED' || status === 'SUCCEEDED' ? await fileResults(iot, ref, status, log) : []
  const published = await publishIfAsked(iot, ref, config, stored.version, status, log)
  return { verdict: { ...waited, failures: failuresOf(files), files }, published }
}

/** The association the plan calls for (none when the version already holds this artifact). */
async function associate(
  iot: IoTClient,
  ref: PackageVersionRef,
  config: PublishConfig,
  context: RunContext,
  { version, plan, stored }: StoreOutcome,
  log: Logger,
): Promise<Verdict> {
  const tokens: TokenFacts = {
    override: config.clientTokenOverride,
    commitSha: config.commitSha,
    ref,
    runId: context.runId,
    runAttempt: context.runAttempt,
  }
  const location = { bucket: stored.bucket, key: stored.key, version: stored.versionId }
  switch (plan.kind) {
    case 'keep':
      log.info(
        `${ref.packageName}@${ref.versionName} already has ${describeObjectVersion(location)} associated, with the same SHA-256 as this run's artifact; nothing uploaded, not associating again (validation ${plan.current.status}).`,
      )
      return plan.current.status
    case 'attach':
      return attachFirstSbom(iot, ref, location, tokens, version.status, log)
    case 'replace':
      return replaceSbom(iot, ref, plan.previous, location, tokens, version.status, log)
  }
}

/** Polls until AWS's verdict is final or validation-timeout-seconds pass. */
async function waitForVerdict(
  iot: IoTClient,
  ref: PackageVersionRef,
  config: PublishConfig,
  version: PackageVersionFacts,
  clock: Clock,
  log: Logger,
): Promise<{ status: Verdict; timedOut: boolean; errorReason: string | undefined }> {
  const outcome = await waitForValidation(
    iot,
    ref,
    { timeoutSeconds: config.validationTimeoutSeconds, clock },
    log,
  )
  log.info(`AWS validation: ${outcome.status} after ${outcome.polls} poll(s).`)
  // The reason read before the upload was already shown; a new one is news.
  if (outcome.errorReason && outcome.errorReason !== version.errorReason)
    log.warning(
      `AWS IoT reports an error on ${ref.packageName}@${ref.versionName}: ${outcome.errorReason}`,
      'AWS IoT package version error',
    )
  return { status: outcome.status, timedOut: outcome.timedOut, errorReason: outcome.errorReason }
}

/** publish-package-version: DRAFT → PUBLISHED once AWS said SUCCEEDED. */
async function publishIfAsked(
  iot: IoTClient,
  ref: PackageVersionRef,
  config: PublishConfig,
  version: PackageVersionFacts,
  status: Verdict,
  log: Logger,
): Promise<boolean> {
  if (!config.publishPackageVersion || status !== 'SUCCEEDED') return false
  if (version.status !== 'DRAFT') {
    log.info(
      `${ref.packageName}@${ref.versionName} is already ${version.status}: no PUBLISH call (publish-package-version only moves a DRAFT version).`,
    )
    return false
  }
  await publishPackageVersion(iot, ref)
  log.info(`Published ${ref.packageName}@${ref.versionName}.`)
  return true
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
