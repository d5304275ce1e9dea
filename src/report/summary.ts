import type { Config } from '../config/config.js'
import type { PipelineResult } from '../pipeline.js'

const VERDICT_ICONS: Record<string, string> = {
  SUCCEEDED: '✅',
  FAILED: '❌',
  IN_PROGRESS: '⏳',
  SKIPPED: '➖',
}
const MAX_LISTED = 100

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
  if (result.stored)
    lines.push(
      `| S3 object | \`${result.stored.uri}\` |`,
      `| S3 version id | \`${result.stored.versionId}\`${result.stored.reused ? ' (reused: identical to the latest version)' : ''} |`,
      `| Client token | \`${config.clientToken}\` |`,
    )
  if (validation.timedOut)
    lines.push(`| Validation | still IN_PROGRESS after ${config.validationTimeoutSeconds} s |`)
  if (result.published) lines.push('| Published | yes |')

  if (validation.failures.length > 0) {
    lines.push(
      '',
      '### AWS validation failures',
      '',
      '| File | Error code | Message |',
      '|---|---|---|',
    )
    for (const failure of validation.failures.slice(0, MAX_LISTED))
      lines.push(
        `| ${cell(failure.fileName)} | ${cell(failure.errorCode)} | ${cell(failure.errorMessage)} |`,
      )
    if (validation.failures.length > MAX_LISTED)
      lines.push('', `…and ${validation.failures.length - MAX_LISTED} more.`)
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
  return lines.join('\n') + '\n'
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
