import * as core from '@actions/core'
import { ACTION_NAME, ACTION_VERSION } from './action-info.js'
import { readConfig, type Config } from './config/config.js'
import { readRunContext } from './context/run-context.js'
import type { PipelineResult } from './pipeline/types.js'
import type { OutputSink } from './report/outputs.js'
import { renderErrorSummary, renderSummary, type SummaryFacts } from './report/summary.js'
import { ActionError, ConfigError } from './shared/errors.js'
import { makeCommandTextGate, makeGate, makeRedactor, secretsFromEnv } from './shared/log-gate.js'
import type { Logger } from './shared/logger.js'
import { systemClock } from './shared/poll.js'

// Credentials in the environment, read before anything is printed: every log line, annotation
// and the job summary are redacted of them (and of anything shaped like a credential).
const knownSecrets = secretsFromEnv(process.env)
const gateLine = makeGate(knownSecrets)
const gateCommandText = makeCommandTextGate(knownSecrets)
const redact = makeRedactor(knownSecrets)

/**
 * Everything the action prints or summarizes goes through here; ESLint allows @actions/core's
 * printing functions nowhere else. core.info writes its text raw, so it gets the whole gate;
 * the others escape %, CR, LF (and `:` in the title) themselves, so their text only needs
 * redacting and the legacy `##[` form broken.
 */
const gatedRunner = {
  info: (message: string) => core.info(gateLine(message)),
  debug: (message: string) => core.debug(gateCommandText(message)),
  notice: (message: string, title?: string) =>
    core.notice(gateCommandText(message), title ? { title: gateCommandText(title) } : undefined),
  warning: (message: string, title?: string) =>
    core.warning(gateCommandText(message), title ? { title: gateCommandText(title) } : undefined),
  error: (message: string, title: string) =>
    core.error(gateCommandText(message), { title: gateCommandText(title) }),
  fail: (message: string) => core.setFailed(gateCommandText(message)),
  group: <T>(title: string, run: () => Promise<T>) => core.group(gateCommandText(title), run),
  // Not stdout, so no command escaping; Markdown escaping is summary.ts's.
  writeSummary: (markdown: string) => core.summary.addRaw(redact(markdown)).write(),
}

const log: Logger = {
  info: gatedRunner.info,
  notice: gatedRunner.notice,
  warning: gatedRunner.warning,
  debug: gatedRunner.debug,
  group: gatedRunner.group,
}
const outputs: OutputSink = {
  set: (name, value) => {
    try {
      core.setOutput(name, value)
    } catch (error) {
      // GITHUB_OUTPUT is the runner's file; a broken one is the environment's fault, not a bug.
      throw new ActionError(
        `Could not write the output ${name} to GITHUB_OUTPUT (${process.env.GITHUB_OUTPUT ?? 'unset'}): ${(error as Error).message}`,
        { hint: 'Run the action on a GitHub runner, or point GITHUB_OUTPUT at a writable file.' },
      )
    }
  },
}

/** The entry point: the one place that decides the job's outcome. */
export async function run(): Promise<void> {
  const env = process.env
  try {
    const context = readRunContext(env)
    const config = readConfig((name) => core.getInput(name), context, env)
    if (config.githubToken) core.setSecret(config.githubToken)
    log.info(
      `${ACTION_NAME} ${ACTION_VERSION}: ${config.mode} ${config.packageName}@${config.versionName}, commit ${config.commitSha}`,
    )
    // The pipeline (CycloneDX library, schema validator, generators: most of the bundle) is
    // loaded once the inputs are known to be good, so a bad input fails within milliseconds.
    const { runPipeline } = await import('./pipeline/run.js')
    const result = await runPipeline(config, context, { log, outputs, clock: systemClock, env })
    await writeSummary(renderSummary(summaryFacts(config, result)))
    reportVerdict(config, result)
  } catch (error) {
    await reportError(error)
  }
}

/** What the job summary shows, from the inputs and the pipeline's result. */
function summaryFacts(config: Config, result: PipelineResult): SummaryFacts {
  const { artifactPath } = result
  return {
    packageName: config.packageName,
    versionName: config.versionName,
    destination:
      config.mode === 'publish'
        ? {
            mode: config.mode,
            region: config.region,
            stored: result.stored,
            clientToken: config.clientToken,
          }
        : { mode: config.mode, wouldUploadTo: config.wouldUploadTo },
    specVersion: config.specVersion,
    archive: config.archive,
    artifact: {
      fileName: artifactPath.slice(artifactPath.lastIndexOf('/') + 1),
      bytes: result.artifactBytes,
      sha256: result.artifactSha256,
      componentCount: result.componentCount,
      fileCount: result.fileCount,
    },
    verdict: result.verdict,
    validationTimeoutSeconds: config.validationTimeoutSeconds,
    published: result.published,
    normalization: result.sboms.map((sbom) => sbom.report),
    previous: result.previous,
    ...(result.qualityPassed === undefined
      ? {}
      : {
          quality: {
            profile: config.quality.profile,
            passed: result.qualityPassed,
            files: result.quality,
          },
        }),
  }
}

function reportVerdict(config: Config, result: PipelineResult): void {
  const { verdict } = result
  const ref = `${config.packageName}@${config.versionName}`
  for (const failure of verdict.failures)
    gatedRunner.error(
      `${failure.errorCode}: ${failure.errorMessage}`,
      `AWS IoT SBOM validation failed for ${failure.fileName}`,
    )
  if (verdict.status === 'FAILED') {
    const message =
      `AWS IoT validation of the SBOM for ${ref} FAILED (${verdict.failures.length} file result(s), listed above).` +
      (verdict.errorReason ? ` AWS's error reason: ${verdict.errorReason}` : '')
    if (config.failOnValidationFailure) gatedRunner.fail(message)
    else
      gatedRunner.warning(`${message} fail-on-validation-failure is false, so the job continues.`)
  } else if (verdict.timedOut) {
    const message =
      `AWS IoT validation of the SBOM for ${ref} was still IN_PROGRESS after ${config.validationTimeoutSeconds} s. ` +
      `Check it later with: aws iot get-package-version --package-name ${config.packageName} --version-name ${config.versionName} --query sbomValidationStatus. ` +
      `Raise validation-timeout-seconds to wait longer.`
    if (config.failOnValidationFailure) gatedRunner.fail(message)
    else gatedRunner.warning(message)
  }
  for (const failure of result.sideFailures) gatedRunner.fail(failure)
}

async function reportError(error: unknown): Promise<void> {
  if (error instanceof ActionError) {
    const title = error instanceof ConfigError ? 'Invalid inputs' : 'SBOM publishing stopped'
    gatedRunner.fail(error.hint ? `${error.message}\n${error.hint}` : error.message)
    await writeSummary(renderErrorSummary(title, error.message, error.hint))
    return
  }
  // Not one of ours: a bug. Show the stack so it can be reported.
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
  gatedRunner.fail(`Unexpected error (please report it): ${detail}`)
}

async function writeSummary(markdown: string): Promise<void> {
  // Outside a runner (no GITHUB_STEP_SUMMARY) the summary is simply not written.
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await gatedRunner.writeSummary(markdown)
  } catch (error) {
    gatedRunner.warning(`Could not write the job summary: ${(error as Error).message}`)
  }
}
