import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { hostname, release, tmpdir, type as osType } from 'node:os'
import { ACTION_NAME, ACTION_VENDOR, ACTION_VERSION } from './action-info.js'
import type { ResourceFilterCriteria } from '@aws-sdk/client-inspector2'
import type { Config } from './config/config.js'
import { quoted } from './context/quoted.js'
import { ProtectedFiles, writeConfinedFile, type WriteTarget } from './context/confined-files.js'
import type { RunContext } from './context/run-context.js'
import { buildSoftwareInventoryEvent, OCSF_VERSION } from './report/ocsf.js'
import { buildArtifact, type ArtifactEntry } from './sbom/archive.js'
import type { LocalArtifact, PipelineDeps, PipelineResult } from './pipeline/types.js'
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
  for (const note of config.notes ?? []) deps.log.warning(note, 'Input adjusted')
  const protectedFiles = new ProtectedFiles()
  for (const [variable, description] of RUNNER_FILES)
    await protectedFiles.add(deps.env[variable], description)
  const local = await inGroup(deps.log, 'Build the SBOM artifact', () =>
    buildArtifactLocally(config, context, deps, protectedFiles),
  )
  const ocsf = config.ocsfOutput
    ? await writeOcsfEvent(config, context, deps, local, protectedFiles)
    : undefined
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

/** Files of the runner's that nothing the action writes may replace. */
const RUNNER_FILES = [
  ['GITHUB_EVENT_PATH', "the runner's event payload (GITHUB_EVENT_PATH)"],
  ['GITHUB_OUTPUT', "the runner's step outputs file (GITHUB_OUTPUT)"],
  ['GITHUB_STEP_SUMMARY', "the runner's job summary file (GITHUB_STEP_SUMMARY)"],
  ['GITHUB_ENV', "the runner's environment file (GITHUB_ENV)"],
  ['GITHUB_PATH', "the runner's PATH file (GITHUB_PATH)"],
  ['GITHUB_STATE', "the runner's state file (GITHUB_STATE)"],
] as const

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
    const { exportInspectorSboms } = await import('./sources/inspector.js')
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
}

/** Source, normalize, validate, package, write to disk (only generators may use the network). */
async function buildArtifactLocally(
  config: Config,
  context: RunContext,
  deps: PipelineDeps,
  protectedFiles: ProtectedFiles,
): Promise<LocalArtifact> {
  const { log, outputs, env } = deps
  const sources = await gatherSources(config, context, deps)
  for (const source of sources)
    await protectedFiles.add(source.readFrom, `an input of the action (${source.displayPath})`)
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
      spdxFiles: config.spdxFiles,
    })
  }
  const targets = artifactTargets(config, env)
  const reportShownAs = join(targets.report.root, targets.report.relativePath)
  const sboms: NormalizedSbom[] = []
  while (sources.length > 0) {
    const normalized = await normalizeNext()
    logNormalization(normalized, log, reportShownAs)
    sboms.push(normalized)
  }
  if (config.strictNormalization && sboms.some((sbom) => sbom.report.dropped.length > 0)) {
    // The refusal lists only the first losses: the report keeps them all, so write it first.
    const reportPath = await writeNormalizationReport(targets.report, sboms, protectedFiles)
    refuseLossyNormalization(sboms, reportPath)
  }

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
  const artifactPath = await writeConfinedFile(targets.artifact, artifact, protectedFiles)
  await protectedFiles.add(artifactPath, 'the artifact this run wrote')
  const reportPath = await writeNormalizationReport(targets.report, sboms, protectedFiles)
  await protectedFiles.add(reportPath, 'the normalization report this run wrote')
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
  protectedFiles: ProtectedFiles,
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
  const relativePath = config.ocsfOutput ?? ''
  const path = await writeConfinedFile(
    {
      root: context.workspace,
      rootName: 'GITHUB_WORKSPACE',
      relativePath,
      subject: `ocsf-output ${quoted(relativePath)}`,
      hint: 'Point ocsf-output at a new file, or a regular file, inside the workspace: not a directory, pipe, device, a symlink leading out of the workspace, or a file the action reads.',
    },
    json,
    protectedFiles,
  )
  outputs.set('ocsf-file', path)
  log.info(
    `OCSF Software Inventory Info event (class 5020, OCSF ${OCSF_VERSION}) with ${(event.sbom.software_components as unknown[]).length} components written to ${path}.`,
  )
  return { path, json }
}

/** strict-normalization: losing any input data stops the run before anything is uploaded. */
function refuseLossyNormalization(sboms: readonly NormalizedSbom[], reportPath: string): void {
  // The message becomes an error annotation and the job summary: 20,000 losses must not make it
  // megabytes long. The normalization report, written just before, has the full list.
  const MAX_LISTED = 50
  const MAX_FILES_NAMED = 10
  const lossy = sboms.filter((sbom) => sbom.report.dropped.length > 0)
  const total = lossy.reduce((sum, sbom) => sum + sbom.report.dropped.length, 0)
  if (total === 0) return
  const listed = lossy
    .flatMap((sbom) =>
      sbom.report.dropped
        .slice(0, MAX_LISTED)
        .map((entry) => `  - ${sbom.report.file} ${entry.example}: ${entry.reason}`),
    )
    .slice(0, MAX_LISTED)
    .map((line) => (line.length > 500 ? `${line.slice(0, 499)}…` : line))
  const unlisted =
    total > listed.length
      ? `\n  … and ${total - listed.length} more, not listed here: the normalization report ${reportPath} lists every one.`
      : ''
  const files = [...new Set(lossy.map((sbom) => sbom.report.file))]
  const named =
    files.length > MAX_FILES_NAMED
      ? `${files.slice(0, MAX_FILES_NAMED).join(', ')} and ${files.length - MAX_FILES_NAMED} more files`
      : files.join(', ')
  throw new SbomError(
    named,
    `strict-normalization is on and normalization could not carry ${total} kind(s) of data:\n${listed.join('\n')}${unlisted}`,
    {
      hint: 'Pick a cyclonedx-spec-version that can express them, remove them from the input, or set strict-normalization: false to publish with the losses reported.',
    },
  )
}

/**
 * The report's problems as log lines, bounded: per file, at most 50 warnings for input problems
 * and data not carried over together (shared between the two kinds), at most 50 notes, then one
 * warning counting, by kind, what was left out. 20,000 components with an unknown member each
 * made 40,000 annotations (8 MB of log) before; GitHub shows only the first few anyway, and the
 * normalization report written beside the artifact keeps every entry.
 */
function logNormalization(sbom: NormalizedSbom, log: Logger, reportPath: string): void {
  const MAX_WARNINGS = 50
  const MAX_NOTES = 50
  // A member name can be as long as the file: one line must not be.
  const MAX_LINE = 1_000
  const clip = (text: string) => (text.length > MAX_LINE ? `${text.slice(0, MAX_LINE - 1)}…` : text)
  const { report } = sbom
  // The same schema failure at every component (one unknown member name in all of them) is one
  // line with a count: grouped by message and the path with its array indexes left out.
  const problemGroups = new Map<string, { path: string; message: string; count: number }>()
  for (const { path, message } of report.inputProblems) {
    const key = `${path.replace(/\/\d+(?=\/|$)/g, '/*')}\n${message}`
    const group = problemGroups.get(key)
    if (group) group.count += 1
    else problemGroups.set(key, { path, message, count: 1 })
  }
  const problems = [...problemGroups.values()]
  // Half the warnings each, and what one kind leaves unused to the other.
  const problemsShown = Math.min(
    problems.length,
    Math.max(MAX_WARNINGS / 2, MAX_WARNINGS - report.dropped.length),
  )
  const droppedShown = Math.min(report.dropped.length, MAX_WARNINGS - problemsShown)
  const notesShown = Math.min(report.notes.length, MAX_NOTES)

  const problemTitle = `Input is not valid ${report.sourceFormat} ${report.sourceSpecVersion}`
  for (const { path, message, count } of problems.slice(0, problemsShown))
    log.warning(
      clip(
        `${report.file}: ${path || '/'}: ${message}${count > 1 ? ` (and ${count - 1} more places like it)` : ''}`,
      ),
      problemTitle,
    )
  log.info(
    `${report.file}: ${report.sourceFormat} ${report.sourceSpecVersion} → CycloneDX ${report.targetSpecVersion} JSON, ${sbom.componentCount} components.`,
  )
  for (const dropped of report.dropped.slice(0, droppedShown))
    log.warning(
      clip(`${report.file}: ${dropped.path} not carried over: ${dropped.reason}`),
      'SBOM data not carried over',
    )
  for (const note of report.notes.slice(0, notesShown)) log.info(clip(`${report.file}: ${note}`))

  const problemsLeft = problems.slice(problemsShown).reduce((sum, group) => sum + group.count, 0)
  const unshown = [
    [problemsLeft, report.inputProblems.length, 'input problems'],
    [report.dropped.length - droppedShown, report.dropped.length, 'kinds of data not carried over'],
    [report.notes.length - notesShown, report.notes.length, 'notes'],
  ] as const
  const counted = unshown
    .filter(([left]) => left > 0)
    .map(([left, all, kind]) => `${left} of ${all} ${kind}`)
  if (counted.length > 0)
    log.warning(
      `${report.file}: not shown above: ${counted.join(', ')}. The normalization report ${reportPath} lists every one.`,
      'Normalization log shortened',
    )
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
  target: WriteTarget,
  sboms: readonly NormalizedSbom[],
  protectedFiles: ProtectedFiles,
): Promise<string> {
  return writeConfinedFile(
    target,
    `${JSON.stringify(
      sboms.map((sbom) => sbom.report),
      null,
      2,
    )}\n`,
    protectedFiles,
  )
}

/** Longest file name most file systems take, in bytes. */
const MAX_FILE_NAME_BYTES = 255

/**
 * The artifact and its report in RUNNER_TEMP/iot-sbom-action/: `<package>-<version>-<sha>.<ext>`,
 * with the SHA cut to 12 characters when the report's name would not fit a file name (a
 * 128-character package, a 64-character version and a 64-character SHA do not). The S3 key
 * keeps the full SHA.
 */
function artifactTargets(
  config: Config,
  env: NodeJS.ProcessEnv,
): { artifact: WriteTarget; report: WriteTarget } {
  const root = env.RUNNER_TEMP || tmpdir()
  const rootName = env.RUNNER_TEMP ? 'RUNNER_TEMP' : `the temporary directory (${root})`
  const named = (sha: string) => `${config.packageName}-${config.versionName}-${sha}`
  const REPORT = '.normalization.json'
  const base =
    Buffer.byteLength(`${named(config.commitSha)}${REPORT}`) <= MAX_FILE_NAME_BYTES
      ? named(config.commitSha)
      : named(config.commitSha.slice(0, 12))
  const hint = `${rootName} must be a directory the action can write to, and ${join(root, ACTION_NAME)} a directory in it (or absent); remove whatever is in the way.`
  const target = (name: string, subject: string): WriteTarget => ({
    root,
    rootName,
    relativePath: `${ACTION_NAME}/${name}`,
    subject,
    hint,
  })
  return {
    artifact: target(`${base}.${config.archive === 'zip' ? 'zip' : 'cdx.json'}`, 'the artifact'),
    report: target(`${base}${REPORT}`, 'the normalization report'),
  }
}
