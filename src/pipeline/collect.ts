// Step 1, collect: the SBOM documents this run publishes — files the workflow made, a generator's
// model, or Inspector's export — each remembered as an input nothing the action writes may replace.
import type { Config } from '../config/config.js'
import type { ProtectedFiles } from '../context/confined-files.js'
import type { RunContext } from '../context/run-context.js'
import { collectSboms, type SbomSource } from '../sources/collect-sboms.js'
import type { PipelineDeps } from './types.js'

export async function collectSources(
  config: Config,
  context: RunContext,
  { log, env, clock }: PipelineDeps,
  protectedFiles: ProtectedFiles,
): Promise<SbomSource[]> {
  const sources =
    config.generator === 'inspector'
      ? await readInspector(config, context, { log, env, clock })
      : await collectSboms(
          {
            generator: config.generator,
            sbomPatterns: config.sbomPatterns,
            command: config.generatorCommand,
            commandTimeoutSeconds: config.generatorTimeoutSeconds,
            commandGetsGithubToken: config.generatorGithubToken,
            workingDirectory: config.workingDirectory,
            includeDev: config.includeDev,
            maxBytes: config.maxSbomBytes,
            workspace: context.workspace,
            github: {
              repository: context.repository,
              token: config.githubToken,
              apiUrl: context.apiUrl,
              ref: context.ref,
              defaultBranch: context.defaultBranch,
            },
          },
          env,
          log,
        )
  for (const source of sources)
    await protectedFiles.add(source.readFrom, `an input of the action (${source.displayPath})`)
  log.info(`SBOM input: ${sources.map((source) => source.displayPath).join(', ')}`)
  return sources
}

/** Loaded only for generator: inspector, so other validate runs never load the AWS SDK. */
async function readInspector(
  config: Config,
  context: RunContext,
  { log, env, clock }: Pick<PipelineDeps, 'log' | 'env' | 'clock'>,
): Promise<SbomSource[]> {
  if (config.inspector === undefined)
    throw new Error('generator inspector without its settings: readConfig should have refused')
  const { readInspectorSboms } = await import('../sources/inspector.js')
  return readInspectorSboms(
    config.inspector,
    {
      packageName: config.packageName,
      commitSha: config.commitSha,
      runLabel: context.runId ? `${context.runId}-${context.runAttempt}` : `local-${clock.now()}`,
      maxBytes: config.maxSbomBytes,
      requestTimeoutSeconds: config.awsRequestTimeoutSeconds,
    },
    env,
    clock,
    log,
  )
}
