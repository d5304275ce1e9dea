// The pipeline, in the README's order: collect → normalize → package (locally, in both modes),
// then in publish mode store → associate & wait → compare. This module only sequences; each step
// is its own module. The AWS steps are loaded only in publish mode: the AWS SDK is most of the
// bundle, and a validate run with a local source never needs it.
import type { Config, PublishConfig } from '../config/config.js'
import { protectRunnerFiles } from '../context/confined-files.js'
import type { RunContext } from '../context/run-context.js'
import { inGroup } from '../shared/logger.js'
import { artifactFiles } from './artifact-files.js'
import { collectSources } from './collect.js'
import { normalizeSources } from './normalize.js'
import { uploadOcsfEvent, writeOcsfEvent, type OcsfEvent } from './ocsf-event.js'
import { packageArtifact } from './package.js'
import { applyQualityGate } from './quality-gate.js'
import type { LocalArtifact, PipelineDeps, PipelineResult } from './types.js'

export async function runPipeline(
  config: Config,
  context: RunContext,
  deps: PipelineDeps,
): Promise<PipelineResult> {
  for (const note of config.notes) deps.log.warning(note, 'Input adjusted')
  const protectedFiles = await protectRunnerFiles(deps.env)
  const files = artifactFiles(config, deps.env)
  const local = await inGroup(deps.log, 'Build the SBOM artifact', async () => {
    const sources = await collectSources(config, context, deps, protectedFiles)
    const sboms = await normalizeSources(config, context, sources, deps.log, files, protectedFiles)
    return packageArtifact(config, context, sboms, deps, files, protectedFiles)
  })
  const qualityPassed = applyQualityGate(config.quality, local.quality, deps)
  const ocsfOutput = config.ocsfOutput
  const ocsf =
    ocsfOutput === undefined
      ? undefined
      : await writeOcsfEvent({ ...config, ocsfOutput }, context, deps, local, protectedFiles)
  // The bytes stay out of the result: the summary needs facts about them, not a second copy.
  const { artifact: _bytes, ...described } = local
  if (config.mode === 'validate') {
    deps.log.info('mode: validate: the SBOM is valid; nothing is sent to AWS.')
    deps.outputs.set('validation-status', 'SKIPPED')
    return {
      ...described,
      qualityPassed,
      stored: undefined,
      verdict: { status: 'SKIPPED', timedOut: false, failures: [], files: [] },
      published: false,
      previous: undefined,
      sideFailures: [],
    }
  }
  return {
    ...described,
    qualityPassed,
    ...(await inGroup(deps.log, 'Publish to S3 and AWS IoT', () =>
      publish(config, context, deps, local, ocsf),
    )),
  }
}

/** store → associate & wait → (the OCSF upload) → compare. */
async function publish(
  config: PublishConfig,
  context: RunContext,
  deps: PipelineDeps,
  local: LocalArtifact,
  ocsf: OcsfEvent | undefined,
): Promise<Pick<PipelineResult, 'stored' | 'verdict' | 'published' | 'previous' | 'sideFailures'>> {
  const [{ createAwsClients }, { storeStep }, { associateAndWait }, { compareWithPrevious }] =
    await Promise.all([
      import('../aws/clients.js'),
      import('./store.js'),
      import('./associate.js'),
      import('./compare.js'),
    ])
  const aws = createAwsClients({
    region: config.region,
    env: deps.env,
    idleTimeoutSeconds: config.awsRequestTimeoutSeconds,
  })
  const stored = await storeStep(aws, config, context, deps, local)
  const associated = await associateAndWait(aws.iot, config, context, deps, stored)
  const ocsfKeyPrefix = config.ocsfKeyPrefix
  const sideFailure =
    ocsf && ocsfKeyPrefix !== undefined
      ? await uploadOcsfEvent(aws.s3, { ...config, ocsfKeyPrefix }, ocsf, deps.log)
      : undefined
  const previous = await compareWithPrevious(aws.s3, config.s3, local, deps.log)
  return {
    stored: stored.stored,
    ...associated,
    previous,
    sideFailures: sideFailure === undefined ? [] : [sideFailure],
  }
}
