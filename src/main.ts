import * as core from '@actions/core'
import { ACTION_NAME, ACTION_VERSION } from './action-info.js'
import { readConfig, type Config } from './config/config.js'
import { readRunContext } from './context/run-context.js'
import type { PipelineResult } from './pipeline-types.js'
import type { OutputSink } from './report/outputs.js'
import { renderErrorSummary, renderSummary } from './report/summary.js'
import { ActionError, ConfigError } from './shared/errors.js'
import type { Logger } from './shared/logger.js'
import { systemClock } from './shared/poll.js'

const log: Logger = {
  info: (message) => core.info(message),
  warning: (message, title) => core.warning(message, title ? { title } : undefined),
  debug: (message) => core.debug(message),
  group: (title, run) => core.group(title, run),
}
const outputs: OutputSink = { set: (name, value) => core.setOutput(name, value) }

/** The entry point: the one place that decides the job's outcome. */
export async function run(): Promise<void> {
  const env = process.env
  try {
    const context = readRunContext(env)
    const config = readConfig((name) => core.getInput(name), context, env)
    if (config.githubToken) core.setSecret(config.githubToken)
    core.info(
      `${ACTION_NAME} ${ACTION_VERSION}: ${config.mode} ${config.packageName}@${config.versionName}, commit ${config.commitSha}`,
    )
    // The pipeline (CycloneDX library, schema validator, generators: most of the bundle) is
    // loaded once the inputs are known to be good, so a bad input fails within milliseconds.
    const { runPipeline } = await import('./pipeline.js')
    const result = await runPipeline(config, context, { log, outputs, clock: systemClock, env })
    await writeSummary(renderSummary(config, result, config.region))
    reportVerdict(config, result)
  } catch (error) {
    await reportError(error)
  }
}

function reportVerdict(config: Config, result: PipelineResult): void {
  const { validation } = result
  const ref = `${config.packageName}@${config.versionName}`
  for (const failure of validation.failures)
    core.error(`${failure.errorCode}: ${failure.errorMessage}`, {
      title: `AWS IoT SBOM validation failed for ${failure.fileName}`,
    })
  if (validation.status === 'FAILED') {
    const message =
      `AWS IoT validation of the SBOM for ${ref} FAILED (${validation.failures.length} file result(s), listed above).` +
      (validation.errorReason ? ` AWS's error reason: ${validation.errorReason}` : '')
    if (config.failOnValidationFailure) core.setFailed(message)
    else core.warning(`${message} fail-on-validation-failure is false, so the job continues.`)
  } else if (validation.timedOut) {
    const message =
      `AWS IoT validation of the SBOM for ${ref} was still IN_PROGRESS after ${config.validationTimeoutSeconds} s. ` +
      `Check it later with: aws iot get-package-version --package-name ${config.packageName} --version-name ${config.versionName} --query sbomValidationStatus. ` +
      `Raise validation-timeout-seconds to wait longer.`
    if (config.failOnValidationFailure) core.setFailed(message)
    else core.warning(message)
  }
  for (const failure of result.sideFailures) core.setFailed(failure)
}

async function reportError(error: unknown): Promise<void> {
  if (error instanceof ActionError) {
    const title = error instanceof ConfigError ? 'Invalid inputs' : 'SBOM publishing stopped'
    core.setFailed(error.hint ? `${error.message}\n${error.hint}` : error.message)
    await writeSummary(renderErrorSummary(title, error.message, error.hint))
    return
  }
  // Not one of ours: a bug. Show the stack so it can be reported.
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
  core.setFailed(`Unexpected error (please report it): ${detail}`)
}

async function writeSummary(markdown: string): Promise<void> {
  // Outside a runner (no GITHUB_STEP_SUMMARY) the summary is simply not written.
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addRaw(markdown).write()
  } catch (error) {
    core.warning(`Could not write the job summary: ${(error as Error).message}`)
  }
}
