// What a run does with what normalization could not carry, decided once all inputs are normalized
// and before anything is packaged:
// - lost components, purls or dependency edges stop the run (allow-component-loss lets it go on,
//   with a warning): a published SBOM with fewer of them than the build's is a wrong answer;
// - data the chosen target spec cannot hold but a newer one can is routine: one notice per run
//   naming the version that keeps it, not a warning per file;
// - strict-normalization refuses any loss at all.
// The normalization report, written before a refusal, lists every entry either way.
import type { Config } from '../config/config.js'
import type { ProtectedFiles } from '../context/confined-files.js'
import type { DroppedData } from '../formats/loss.js'
import type { SpecVersion } from '../formats/spec-versions.js'
import type { NormalizationReport } from '../sbom/loss-report.js'
import type { NormalizedSbom } from '../sbom/normalize.js'
import { SbomError } from '../shared/errors.js'
import type { Logger } from '../shared/logger.js'
import { writeNormalizationReport, type ArtifactFiles } from './artifact-files.js'

// Refusals become an error annotation and the job summary: 20,000 losses must not make them
// megabytes long. The normalization report has the full list.
const MAX_LISTED = 50
const MAX_FILES_NAMED = 10
const MAX_LINE = 500

/** A loss a newer CycloneDX version would have kept: the user's choice of target, not a fault. */
export function isRoutineLoss(entry: DroppedData): boolean {
  return entry.carriedFrom !== undefined && !isStructural(entry.path)
}

/** Shape paths that hold components, purls or dependency edges (CycloneDX and SPDX inputs). */
function isStructural(path: string): boolean {
  return (
    /\.components\[\]$/.test(path) ||
    /^\$\.components\[\](?:\.components\[\])*\.purl$/.test(path) ||
    /^\$\.dependencies\[\]/.test(path) ||
    /^\$\.(?:packages|files|relationships)\[\]$/.test(path)
  )
}

/** What the output has fewer of than the input: components, purls, dependency edges. */
export function structuralLosses(report: NormalizationReport): string[] {
  const { before, after } = report
  const lost: string[] = []
  const compare = (had: number, kept: number, what: string) => {
    if (kept < had) lost.push(`${had - kept} of ${had} ${what}`)
  }
  compare(before.components, after.components, 'components')
  compare(before.purls, after.purls, 'purls')
  compare(before.dependencies, after.dependencies, 'dependency edges')
  return lost
}

export async function applyLossPolicy(
  config: Pick<Config, 'specVersion' | 'allowComponentLoss' | 'strictNormalization'>,
  sboms: readonly NormalizedSbom[],
  log: Logger,
  files: ArtifactFiles,
  protectedFiles: ProtectedFiles,
): Promise<void> {
  noticeRoutineLosses(sboms, config.specVersion, log)
  const structural = sboms
    .map((sbom) => ({ sbom, lost: structuralLosses(sbom.report) }))
    .filter(({ lost }) => lost.length > 0)
  const reportPath = () => writeNormalizationReport(files.report, sboms, protectedFiles)
  // Under strict-normalization the refusal below names these too.
  if (structural.length > 0 && !config.allowComponentLoss && !config.strictNormalization)
    refuseStructuralLoss(structural, await reportPath())
  if (config.allowComponentLoss)
    for (const { sbom, lost } of structural)
      log.warning(
        `${sbom.report.file}: normalization lost ${lost.join(', ')}; allow-component-loss is true, so the SBOM is published without them (the normalization report ${files.reportShownAs} lists why).`,
        'Components lost in normalization',
      )
  if (config.strictNormalization && sboms.some((sbom) => sbom.report.dropped.length > 0))
    refuseLossyNormalization(sboms, await reportPath())
}

/** One notice for the whole run: each path the target cannot hold, and the version that can. */
function noticeRoutineLosses(
  sboms: readonly NormalizedSbom[],
  target: SpecVersion,
  log: Logger,
): void {
  const byPath = new Map<string, { carriedFrom: string; files: Set<string> }>()
  for (const sbom of sboms)
    for (const entry of sbom.report.dropped) {
      if (!isRoutineLoss(entry) || entry.carriedFrom === undefined) continue
      const seen = byPath.get(entry.path) ?? { carriedFrom: entry.carriedFrom, files: new Set() }
      byPath.set(entry.path, seen)
      seen.files.add(sbom.report.file)
    }
  if (byPath.size === 0) return
  const paths = [...byPath].sort(([a], [b]) => (a < b ? -1 : 1))
  const listed = paths
    .slice(0, MAX_LISTED)
    .map(
      ([path, { carriedFrom, files }]) =>
        `${path} (CycloneDX ${carriedFrom} carries it; ${files.size} file${files.size === 1 ? '' : 's'})`,
    )
  const more = paths.length > MAX_LISTED ? `, and ${paths.length - MAX_LISTED} more` : ''
  const lowestKeepingAll = paths
    .map(([, { carriedFrom }]) => carriedFrom)
    .reduce((highest, version) => (Number(version) > Number(highest) ? version : highest))
  log.notice(
    `Not in CycloneDX ${target}, so not in the artifact: ${listed.join('; ')}${more}. Set cyclonedx-spec-version: ${lowestKeepingAll} to keep them; the normalization report lists every one.`,
    `SBOM fields CycloneDX ${target} cannot hold`,
  )
}

function refuseStructuralLoss(
  lossy: readonly { sbom: NormalizedSbom; lost: readonly string[] }[],
  reportPath: string,
): never {
  const why = lossy.flatMap(({ sbom }) =>
    sbom.report.dropped
      .filter((entry) => isStructural(entry.path))
      .map((entry) => clip(`  - ${sbom.report.file} ${entry.example}: ${entry.reason}`)),
  )
  const listed = why.slice(0, MAX_LISTED)
  const unlisted =
    why.length > listed.length
      ? `\n  … and ${why.length - listed.length} more: the normalization report ${reportPath} lists every one.`
      : ''
  const what = lossy.map(({ sbom, lost }) => `${sbom.report.file}: ${lost.join(', ')}`)
  throw new SbomError(
    namedFiles(lossy.map(({ sbom }) => sbom)),
    `normalization would publish fewer components, purls or dependency edges than the input has (${what.join('; ')})${listed.length > 0 ? `:\n${listed.join('\n')}${unlisted}` : `. The normalization report ${reportPath} has the details.`}`,
    {
      hint: 'Fix the input (the reasons are above), pick a cyclonedx-spec-version that carries them, or set allow-component-loss: true to publish without them (they stay listed in the normalization report and the job summary).',
    },
  )
}

/** strict-normalization: losing any input data stops the run before anything is uploaded. */
function refuseLossyNormalization(sboms: readonly NormalizedSbom[], reportPath: string): never {
  const lossy = sboms.filter((sbom) => sbom.report.dropped.length > 0)
  const total = lossy.reduce((sum, sbom) => sum + sbom.report.dropped.length, 0)
  const listed = lossy
    .flatMap((sbom) =>
      sbom.report.dropped
        .slice(0, MAX_LISTED)
        .map((entry) => clip(`  - ${sbom.report.file} ${entry.example}: ${entry.reason}`)),
    )
    .slice(0, MAX_LISTED)
  const unlisted =
    total > listed.length
      ? `\n  … and ${total - listed.length} more, not listed here: the normalization report ${reportPath} lists every one.`
      : ''
  throw new SbomError(
    namedFiles(lossy),
    `strict-normalization is on and normalization could not carry ${total} kind(s) of data:\n${listed.join('\n')}${unlisted}`,
    {
      hint: 'Pick a cyclonedx-spec-version that can express them, remove them from the input, or set strict-normalization: false to publish with the losses reported.',
    },
  )
}

function namedFiles(sboms: readonly NormalizedSbom[]): string {
  const files = [...new Set(sboms.map((sbom) => sbom.report.file))]
  return files.length > MAX_FILES_NAMED
    ? `${files.slice(0, MAX_FILES_NAMED).join(', ')} and ${files.length - MAX_FILES_NAMED} more files`
    : files.join(', ')
}

function clip(line: string): string {
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line
}
