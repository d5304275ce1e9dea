// Step 2, normalize: each source becomes CycloneDX at the target version with its report of what
// could not be carried; the log shows the report, bounded, and the loss policy (loss-policy.ts)
// decides before anything is packaged.
import { ACTION_NAME, ACTION_VENDOR, ACTION_VERSION } from '../action-info.js'
import type { Config } from '../config/config.js'
import type { ProtectedFiles } from '../context/confined-files.js'
import type { RunContext } from '../context/run-context.js'
import { normalizeGeneratedBom, normalizeSbom, type NormalizedSbom } from '../sbom/normalize.js'
import type { Logger } from '../shared/logger.js'
import type { SbomSource } from '../sources/collect-sboms.js'
import type { ArtifactFiles } from './artifact-files.js'
import { applyLossPolicy, isRoutineLoss } from './loss-policy.js'

/** What every normalized document says about the package it is published for. */
export function enrichmentOf(config: Config, context: RunContext) {
  return {
    packageName: config.packageName,
    versionName: config.versionName,
    packageType: config.packageType,
    commitSha: config.commitSha,
    repository: context.repository,
    commitTime: context.commitTime,
    tool: { name: ACTION_NAME, version: ACTION_VERSION, vendor: ACTION_VENDOR },
  }
}

/**
 * Normalizes the sources in order. Each leaves `sources` as it is normalized: the input text
 * (50 MB for a large SBOM) is not needed past parsing, so the caller's list must not hold it.
 */
export async function normalizeSources(
  config: Config,
  context: RunContext,
  sources: SbomSource[],
  log: Logger,
  files: ArtifactFiles,
  protectedFiles: ProtectedFiles,
): Promise<NormalizedSbom[]> {
  const enrichment = enrichmentOf(config, context)
  // Each output goes into the zip as it is unless several are merged: compressed while its
  // report is made.
  const compressForZip = config.archive === 'zip' && !(config.merge && sources.length > 1)
  const sboms: NormalizedSbom[] = []
  for (let source = sources.shift(); source !== undefined; source = sources.shift()) {
    const common = {
      ...enrichment,
      file: source.displayPath,
      targetSpecVersion: config.specVersion,
      compressForZip,
      qualityProfile: config.quality.profile,
    }
    const normalized = source.generated
      ? await normalizeGeneratedBom({ ...common, ...source.generated })
      : await normalizeSbom({
          ...common,
          content: source.content,
          inputValidation: config.inputValidation,
          spdxFiles: config.spdxFiles,
        })
    logNormalization(normalized, log, files.reportShownAs)
    sboms.push(normalized)
  }
  await applyLossPolicy(config, sboms, log, files, protectedFiles)
  return sboms
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
  // Routine losses (a newer target keeps them) are one notice per run (loss-policy.ts).
  const warned = report.dropped.filter((entry) => !isRoutineLoss(entry))
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
    Math.max(MAX_WARNINGS / 2, MAX_WARNINGS - warned.length),
  )
  const droppedShown = Math.min(warned.length, MAX_WARNINGS - problemsShown)
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
  for (const dropped of warned.slice(0, droppedShown))
    log.warning(
      clip(`${report.file}: ${dropped.path} not carried over: ${dropped.reason}`),
      'SBOM data not carried over',
    )
  for (const note of report.notes.slice(0, notesShown)) log.info(clip(`${report.file}: ${note}`))

  const problemsLeft = problems.slice(problemsShown).reduce((sum, group) => sum + group.count, 0)
  const unshown = [
    [problemsLeft, report.inputProblems.length, 'input problems'],
    [warned.length - droppedShown, warned.length, 'kinds of data not carried over'],
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
