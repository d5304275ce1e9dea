import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { hostname, release, tmpdir, type as osType } from 'node:os'
import { ACTION_NAME, ACTION_VENDOR, ACTION_VERSION } from './action-info.js'
import type { ResourceFilterCriteria } from '@aws-sdk/client-inspector2'
import type { Config } from './config/config.js'
import type { RunContext } from './context/run-context.js'
import { buildSoftwareInventoryEvent, OCSF_VERSION } from './report/ocsf.js'
import { buildArtifact, type ArtifactEntry } from './sbom/archive.js'
import type { LocalArtifact, PipelineDeps, PipelineResult } from './pipeline-types.js'
import { readArtifactDocuments } from './sbom/diff.js'
import {
  mergeSboms,
  normalizeGeneratedBom,
  normalizeSbom,
  type NormalizedSbom,
} from './sbom/normalize.js'
import { collectSboms, type SbomSource } from './sources/collect-sboms.js'
import { SbomError } from './shared/errors.js'
import { inGroup, type Logger } from './shared/logger.js'

/** Inputs → normalized artifact → (publish mode) S3 → IoT association → verdict. */
export async function runPipeline(
  config: Config,
  context: RunContext,
  deps: PipelineDeps,
): Promise<PipelineResult> {
  const local = await inGroup(deps.log, 'Build the SBOM artifact', () =>
    buildArtifactLocally(config, context, deps),
  )
  const ocsf = config.ocsfOutput ? await writeOcsfEvent(config, context, deps, local) : undefined
  // The bytes stay out of the result: the summary needs facts about them, not a second copy.
  const { artifact: _bytes, ...described } = local
  if (config.mode === 'validate' || config.s3 === undefined || config.region === undefined) {
    deps.log.info('mode: validate: the SBOM is valid; nothing is sent to AWS.')
    deps.outputs.set('validation-status', 'SKIPPED')
    return {
      ...described,
      stored: undefined,
      validation: { status: 'SKIPPED', timedOut: false, failures: [], files: [] },
      published: false,
      previous: undefined,
      sideFailures: [],
    }
  }
  const target = { ...config.s3, region: config.region }
  // Loaded only here: the AWS SDK is most of the bundle, and validate mode never needs it.
  const { publishToAws } = await import('./publish.js')
  return {
    ...described,
    ...(await inGroup(deps.log, 'Publish to S3 and AWS IoT', () =>
      publishToAws(config, target, context, deps, local, ocsf),
    )),
  }
}

/** The SBOM documents: Inspector's export, or files / the other generators. */
async function gatherSources(
  config: Config,
  context: RunContext,
  { log, env, clock }: PipelineDeps,
): Promise<SbomSource[]> {
  if (config.generator === 'inspector') {
    const settings = config.inspector
    if (settings === undefined || config.region === undefined)
      throw new Error('generator inspector without its settings: readConfig should have refused')
    const { createAwsClients } = await import('./aws/clients.js')
    const { exportInspectorSboms } = await import('./aws/inspector-export.js')
    const { inspector, s3 } = createAwsClients({
      region: config.region,
      env,
      idleTimeoutSeconds: config.awsRequestTimeoutSeconds,
    })
    // A prefix of this run's own, so only this export's files are read back.
    const run = context.runId ? `${context.runId}-${context.runAttempt}` : `local-${clock.now()}`
    const exported = await exportInspectorSboms(
      { inspector, s3 },
      {
        ...settings,
        filter: settings.filter as ResourceFilterCriteria,
        keyPrefix: `${settings.keyPrefix}${config.packageName}/${config.commitSha}/${run}/`,
        maxBytes: config.maxSbomBytes,
        clock,
      },
      log,
    )
    return exported.map((file) => ({
      displayPath: file.key,
      content: file.content,
    }))
  }
  return collectSboms(
    {
      generator: config.generator,
      sbomPatterns: config.sbomPatterns,
      command: config.generatorCommand,
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
}

/** Source, normalize, validate, package, write to disk (only generators may use the network). */
async function buildArtifactLocally(
  config: Config,
  context: RunContext,
  deps: PipelineDeps,
): Promise<LocalArtifact> {
  const { log, outputs, env } = deps
  const sources = await gatherSources(config, context, deps)
  log.info(`SBOM input: ${sources.map((source) => source.displayPath).join(', ')}`)
  const enrichment = {
    packageName: config.packageName,
    versionName: config.versionName,
    commitSha: config.commitSha,
    repository: context.repository,
    commitTime: context.commitTime,
    tool: { name: ACTION_NAME, version: ACTION_VERSION, vendor: ACTION_VENDOR },
  }
  // Each output goes into the zip as it is unless several are merged: compressed while its
  // report is made.
  const compressForZip = config.archive === 'zip' && !(config.merge && sources.length > 1)
  // Each source leaves the list as it is normalized, and only this function holds it: the input
  // text (50 MB for a large SBOM) is not needed past parsing.
  const normalizeNext = (): Promise<NormalizedSbom> => {
    const source = sources.shift()
    if (source === undefined) throw new Error('no SBOM source left to normalize')
    const common = {
      ...enrichment,
      file: source.displayPath,
      targetSpecVersion: config.specVersion,
      compressForZip,
    }
    if (source.generated) return normalizeGeneratedBom({ ...common, ...source.generated })
    return normalizeSbom({
      ...common,
      content: source.content,
      inputValidation: config.inputValidation,
    })
  }
  const sboms: NormalizedSbom[] = []
  while (sources.length > 0) {
    const normalized = await normalizeNext()
    logNormalization(normalized, log)
    sboms.push(normalized)
  }
  if (config.strictNormalization) refuseLossyNormalization(sboms)

  const merged =
    config.merge && sboms.length > 1
      ? await mergeSboms(sboms, { ...enrichment, targetSpecVersion: config.specVersion })
      : undefined
  for (const note of merged?.notes ?? []) log.info(note)
  const entries = merged
    ? [{ name: merged.entryName, content: merged.json }]
    : uniqueEntryNames(sboms)
  const artifact = await buildArtifact(entries, config.archive)
  const artifactSha256 = createHash('sha256').update(artifact).digest('hex')
  const artifactPath = await writeArtifact(artifact, config, env)
  const reportPath = await writeNormalizationReport(artifactPath, sboms)
  const componentCount =
    merged?.componentCount ?? sboms.reduce((sum, sbom) => sum + sbom.componentCount, 0)
  outputs.set('sbom-file', artifactPath)
  outputs.set('sbom-sha256', artifactSha256)
  outputs.set('component-count', String(componentCount))
  log.info(
    `Artifact ${artifactPath}: ${artifact.length} bytes, SHA-256 ${artifactSha256}, ${componentCount} components. Normalization report: ${reportPath}`,
  )

  return {
    sboms,
    artifact,
    artifactPath,
    artifactSha256,
    artifactBytes: artifact.length,
    componentCount,
  }
}

/** ocsf-output: the OCSF Software Inventory Info event describing the artifact, written to disk. */
async function writeOcsfEvent(
  config: Config,
  context: RunContext,
  { log, outputs, clock }: PipelineDeps,
  local: LocalArtifact,
): Promise<{ path: string; json: string }> {
  const event = buildSoftwareInventoryEvent({
    documents: readArtifactDocuments(local.artifact) ?? [],
    packageName: config.packageName,
    versionName: config.versionName,
    action: { name: ACTION_NAME, vendor: ACTION_VENDOR, version: ACTION_VERSION },
    time: clock.now(),
    runner: { hostname: hostname(), osType: osType(), osRelease: release() },
  })
  const json = `${JSON.stringify(event, null, 2)}\n`
  const path = resolve(context.workspace, config.ocsfOutput ?? '')
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, json)
  outputs.set('ocsf-file', path)
  log.info(
    `OCSF Software Inventory Info event (class 5020, OCSF ${OCSF_VERSION}) with ${(event.sbom.software_components as unknown[]).length} components written to ${path}.`,
  )
  return { path, json }
}

/** strict-normalization: losing any input data stops the run before anything is uploaded. */
function refuseLossyNormalization(sboms: readonly NormalizedSbom[]): void {
  const losses = sboms.flatMap((sbom) =>
    sbom.report.dropped.map((entry) => `${sbom.report.file} ${entry.example}: ${entry.reason}`),
  )
  if (losses.length > 0)
    throw new SbomError(
      [
        ...new Set(
          sboms.filter((sbom) => sbom.report.dropped.length > 0).map((sbom) => sbom.report.file),
        ),
      ].join(', '),
      `strict-normalization is on and normalization could not carry ${losses.length} kind(s) of data:\n${losses.map((loss) => `  - ${loss}`).join('\n')}`,
      {
        hint: 'Pick a cyclonedx-spec-version that can express them, remove them from the input, or set strict-normalization: false to publish with the losses reported.',
      },
    )
}

function logNormalization(sbom: NormalizedSbom, log: Logger): void {
  const { report } = sbom
  for (const problem of report.inputProblems)
    log.warning(
      `${report.file}: ${problem.path || '/'}: ${problem.message}`,
      `Input is not valid ${report.sourceFormat} ${report.sourceSpecVersion}`,
    )
  log.info(
    `${report.file}: ${report.sourceFormat} ${report.sourceSpecVersion} → CycloneDX ${report.targetSpecVersion} JSON, ${sbom.componentCount} components.`,
  )
  for (const dropped of report.dropped)
    log.warning(
      `${report.file}: ${dropped.path} not carried over: ${dropped.reason}`,
      'SBOM data not carried over',
    )
  for (const note of report.notes) log.info(`${report.file}: ${note}`)
}

/** Zip entry names must be unique even when two inputs share a base name. */
function uniqueEntryNames(sboms: readonly NormalizedSbom[]): ArtifactEntry[] {
  const used = new Set<string>()
  return sboms.map((sbom) => {
    let name = sbom.entryName
    for (let n = 2; used.has(name); n += 1)
      name = sbom.entryName.replace(/(\.cdx\.json)?$/, `-${n}$1`)
    used.add(name)
    return { name, content: sbom.json, compressed: sbom.compressed }
  })
}

/** The normalization reports as JSON beside the artifact, for later steps and audits. */
async function writeNormalizationReport(
  artifactPath: string,
  sboms: readonly NormalizedSbom[],
): Promise<string> {
  const path = artifactPath.replace(/\.(zip|cdx\.json)$/, '.normalization.json')
  await writeFile(
    path,
    `${JSON.stringify(
      sboms.map((sbom) => sbom.report),
      null,
      2,
    )}\n`,
  )
  return path
}

async function writeArtifact(
  artifact: Buffer,
  config: Config,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const directory = join(env.RUNNER_TEMP || tmpdir(), ACTION_NAME)
  await mkdir(directory, { recursive: true })
  const extension = config.archive === 'zip' ? 'zip' : 'cdx.json'
  const path = join(
    directory,
    `${config.packageName}-${config.versionName}-${config.commitSha}.${extension}`,
  )
  await writeFile(path, artifact)
  return path
}
