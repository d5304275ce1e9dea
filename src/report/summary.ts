import type { Config } from '../config/config.js'
import type { PipelineResult, PreviousSbom } from '../pipeline-types.js'

const VERDICT_ICONS: Record<string, string> = {
  SUCCEEDED: '✅',
  FAILED: '❌',
  IN_PROGRESS: '⏳',
  SKIPPED: '➖',
}
const MAX_LISTED = 100
// GitHub refuses a step summary over 1 MiB; stay clear of it.
const SUMMARY_LIMIT_BYTES = 1_000_000

/** The job summary as Markdown. Pure, so it is snapshot-tested. */
export function renderSummary(
  config: Config,
  result: PipelineResult,
  region: string | undefined,
): string {
  const { validation } = result
  const lines: string[] = [
    `## SBOM for ${config.packageName}@${config.versionName}: ${VERDICT_ICONS[validation.status] ?? ''} ${validation.status}`,
    '',
    '| | |',
    '|---|---|',
    `| Package version | ${packageLink(config, region)} |`,
    `| Mode | ${config.mode} |`,
    `| Artifact | \`${basename(result.artifactPath)}\` (${result.artifactBytes} bytes, CycloneDX ${config.specVersion} JSON${config.archive === 'zip' ? ' in a .zip' : ''}) |`,
    `| SHA-256 | \`${result.artifactSha256}\` |`,
    `| Components | ${result.componentCount} |`,
  ]
  if (config.mode === 'validate')
    lines.push(
      `| Would upload to | \`s3://${config.bucketName ?? '<s3-bucket>'}/${config.objectKey}\` |`,
    )
  if (result.stored)
    lines.push(
      `| S3 object | \`${result.stored.uri}\` |`,
      `| S3 version id | \`${result.stored.versionId}\`${result.stored.reused ? ' (reused: identical to the latest version)' : ''} |`,
      `| Client token | \`${config.clientToken}\` |`,
    )
  if (validation.timedOut)
    lines.push(`| Validation | still IN_PROGRESS after ${config.validationTimeoutSeconds} s |`)
  if (result.published) lines.push('| Published | yes |')

  if (validation.files.length > 0 || validation.failures.length > 0) {
    // AWS's own verdict per file; failures first, since they are what needs reading.
    const files =
      validation.files.length > 0
        ? [...validation.files].sort((a, b) =>
            a.result === b.result ? 0 : a.result === 'FAILED' ? -1 : 1,
          )
        : validation.failures.map((f) => ({ ...f, result: 'FAILED' as const }))
    lines.push(
      '',
      '### AWS validation, per file',
      '',
      '| File | Result | Error code | Message |',
      '|---|---|---|---|',
    )
    for (const file of files.slice(0, MAX_LISTED))
      lines.push(
        `| ${cell(file.fileName)} | ${VERDICT_ICONS[file.result]} ${file.result} | ${cell(file.errorCode ?? '')} | ${cell(file.errorMessage ?? '')} |`,
      )
    if (files.length > MAX_LISTED) lines.push('', `…and ${files.length - MAX_LISTED} more.`)
  }

  lines.push(
    '',
    '### Normalization',
    '',
    '| Input | From | Components | Dependencies | Not carried over |',
    '|---|---|---|---|---|',
  )
  for (const sbom of result.sboms) {
    const { report } = sbom
    lines.push(
      `| ${cell(report.file)} | ${cell(`${report.sourceFormat} ${report.sourceSpecVersion}`)} | ${report.before.components} → ${report.after.components} | ${report.before.dependencies} → ${report.after.dependencies} | ${report.dropped.length} |`,
    )
  }
  const dropped = result.sboms.flatMap((sbom) =>
    sbom.report.dropped.map((entry) => ({ file: sbom.report.file, ...entry })),
  )
  if (dropped.length > 0) {
    lines.push('', '<details><summary>Data the target spec or model could not carry</summary>', '')
    for (const entry of dropped.slice(0, MAX_LISTED))
      lines.push(`- \`${entry.file}\` \`${entry.path}\`: ${entry.reason}`)
    if (dropped.length > MAX_LISTED) lines.push(`- …and ${dropped.length - MAX_LISTED} more`)
    lines.push('', '</details>')
  }
  if (result.previous) lines.push('', ...renderDiff(result.previous))
  return fitSummary(lines.join('\n') + '\n')
}

function renderDiff(previous: PreviousSbom): string[] {
  const { diff } = previous
  const lines = [
    `### Changes since ${cell(previous.versionName)}`,
    '',
    `Compared with \`${previous.key}\` (${previous.lastModified.toISOString()}): **${diff.added.length}** added, **${diff.removed.length}** removed, **${diff.changed.length}** changed version, ${diff.unchanged} unchanged.`,
  ]
  const section = (title: string, items: readonly string[]) => {
    if (items.length === 0) return
    lines.push('', `<details><summary>${title} (${items.length})</summary>`, '')
    for (const item of items.slice(0, MAX_LISTED)) lines.push(`- \`${item}\``)
    if (items.length > MAX_LISTED) lines.push(`- …and ${items.length - MAX_LISTED} more`)
    lines.push('', '</details>')
  }
  section('Added', diff.added)
  section('Removed', diff.removed)
  section(
    'Version changed',
    diff.changed.map((change) => `${change.name}: ${change.from} → ${change.to}`),
  )
  return lines
}

/** Cuts the summary at a line boundary below GitHub's limit, saying so. */
function fitSummary(markdown: string): string {
  if (Buffer.byteLength(markdown) <= SUMMARY_LIMIT_BYTES) return markdown
  let cut = markdown.slice(0, SUMMARY_LIMIT_BYTES - 2_000)
  // Characters can be several bytes; trim until the bytes fit, then back to a whole line.
  while (Buffer.byteLength(cut) > SUMMARY_LIMIT_BYTES - 2_000) cut = cut.slice(0, -1000)
  cut = cut.slice(0, cut.lastIndexOf('\n') + 1)
  return `${cut}\n…the summary was cut here to stay under GitHub's 1 MiB limit; the normalization report file beside the artifact has everything.\n`
}

/** Summary for a run that stopped with an error. */
export function renderErrorSummary(
  title: string,
  message: string,
  hint: string | undefined,
): string {
  return [
    `## ❌ ${title}`,
    '',
    '```text',
    message,
    '```',
    ...(hint ? ['', `**What to do:** ${hint}`] : []),
    '',
  ].join('\n')
}

function packageLink(config: Config, region: string | undefined): string {
  const text = `\`${config.packageName}\` / \`${config.versionName}\``
  if (!region || config.mode === 'validate') return text
  const url = `https://${region}.console.aws.amazon.com/iot/home?region=${region}#/software-packages/${encodeURIComponent(config.packageName)}/versions/${encodeURIComponent(config.versionName)}`
  return `[${text}](${url})`
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}
