import type { Config } from '../config/config.js'
import type { PipelineResult, PreviousSbom } from '../pipeline/types.js'

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
    `## SBOM for ${text(config.packageName)}@${text(config.versionName)}: ${VERDICT_ICONS[validation.status] ?? ''} ${validation.status}`,
    '',
    '| | |',
    '|---|---|',
    `| Package version | ${packageLink(config, region)} |`,
    `| Mode | ${text(config.mode)} |`,
    `| Artifact | ${codeCell(basename(result.artifactPath))} (${result.artifactBytes} bytes, CycloneDX ${config.specVersion} JSON${config.archive === 'zip' ? ' in a .zip' : ''}) |`,
    `| SHA-256 | ${codeCell(result.artifactSha256)} |`,
    `| Components | ${result.componentCount} |`,
  ]
  if (config.mode === 'validate')
    lines.push(
      `| Would upload to | ${codeCell(`s3://${config.bucketName ?? '<s3-bucket>'}/${config.objectKey}`)} |`,
    )
  if (result.stored)
    lines.push(
      `| S3 object | ${codeCell(result.stored.uri)} |`,
      `| S3 version id | ${codeCell(result.stored.versionId)}${result.stored.reused ? ' (reused: identical to the latest version)' : ''} |`,
      `| Client token | ${codeCell(config.clientToken)} |`,
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
        `| ${text(file.fileName)} | ${VERDICT_ICONS[file.result] ?? ''} ${text(file.result)} | ${text(file.errorCode ?? '')} | ${text(file.errorMessage ?? '')} |`,
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
      `| ${text(report.file)} | ${text(`${report.sourceFormat} ${report.sourceSpecVersion}`)} | ${report.before.components} → ${report.after.components}${spdxElementsOf(report)} | ${report.before.dependencies} → ${report.after.dependencies} | ${report.dropped.length} |`,
    )
  }
  const dropped = result.sboms.flatMap((sbom) =>
    sbom.report.dropped.map((entry) => ({ file: sbom.report.file, ...entry })),
  )
  if (dropped.length > 0) {
    lines.push('', '<details><summary>Data the target spec or model could not carry</summary>', '')
    for (const entry of dropped.slice(0, MAX_LISTED))
      lines.push(`- ${code(entry.file)} ${code(entry.path)}: ${text(entry.reason)}`)
    if (dropped.length > MAX_LISTED) lines.push(`- …and ${dropped.length - MAX_LISTED} more`)
    lines.push('', '</details>')
  }
  if (result.previous) lines.push('', ...renderDiff(result.previous))
  return fitSummary(lines.join('\n') + '\n')
}

function renderDiff(previous: PreviousSbom): string[] {
  const { diff } = previous
  const lines = [
    `### Changes since ${text(previous.versionName)}`,
    '',
    `Compared with ${code(previous.key)} (${previous.lastModified.toISOString()}): **${diff.added.length}** added, **${diff.removed.length}** removed, **${diff.changed.length}** changed version, ${diff.unchanged} unchanged.`,
  ]
  const section = (title: string, items: readonly string[]) => {
    if (items.length === 0) return
    lines.push('', `<details><summary>${title} (${items.length})</summary>`, '')
    for (const item of items.slice(0, MAX_LISTED)) lines.push(`- ${code(item)}`)
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
  // A fence longer than any run of backticks in the message, so the message cannot close it.
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(message) + 1))
  return [
    `## ❌ ${text(title)}`,
    '',
    `${fence}text`,
    message,
    fence,
    ...(hint ? ['', `**What to do:** ${prose(hint)}`] : []),
    '',
  ].join('\n')
}

function packageLink(config: Config, region: string | undefined): string {
  const names = `${codeCell(config.packageName)} / ${codeCell(config.versionName)}`
  if (!region || config.mode === 'validate') return names
  const url = `https://${region}.console.aws.amazon.com/iot/home?region=${region}#/software-packages/${encodeURIComponent(config.packageName)}/versions/${encodeURIComponent(config.versionName)}`
  return `[${names}](${url})`
}

// Every value from outside (file names, JSON paths, SBOM content, AWS's answers, S3 keys) goes
// through text() or code() below: a file named `<img src=x onerror=…>[link](javascript:x)|pipe`
// must show as those characters, not as an image, a link or a broken table.

/**
 * Line breaks, other control characters and bidirectional overrides (which reorder what is
 * shown): each run becomes one space, so a value stays on its line (a table row is one line).
 */
const CONTROLS = /[\p{Cc}\p{Zl}\p{Zp}\u202a-\u202e\u2066-\u2069]+/gu
/**
 * Characters Markdown would read as syntax anywhere in a line: escapes, code, emphasis,
 * strikethrough, links and images, table cells, heading ends, math. `_` only where it can
 * start or end emphasis (not inside a word like INCOMPATIBLE_FORMAT).
 */
const MARKDOWN_SYNTAX = /[\\`*~[\]|#$]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu
const HTML_SPECIAL: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' }
/** Where GitHub would turn a bare URL into a link: `://` after a scheme, `www.` starting a word. */
const BARE_LINK = /:\/\/|\b(www)\./gi

/**
 * A value as Markdown text that renders as exactly its characters, on one line, and safe in a
 * table cell: HTML characters as entities, Markdown syntax and bare links broken by backslashes.
 */
function text(value: string): string {
  return value
    .replace(CONTROLS, ' ')
    .replace(/[&<>]/g, (char) => HTML_SPECIAL[char] ?? char)
    .replace(MARKDOWN_SYNTAX, '\\$&')
    .replace(BARE_LINK, (_match, www?: string) => (www ? `${www}\\.` : ':\\/\\/'))
}

/**
 * A value as an inline code span, on one line: fenced by more backticks than any run inside it,
 * padded with a space where it starts or ends with a backtick or space (Markdown strips one).
 */
function code(value: string): string {
  const oneLine = value.replace(CONTROLS, ' ')
  if (oneLine === '') return ''
  const fence = '`'.repeat(longestBacktickRun(oneLine) + 1)
  const pad = /^[` ]|[` ]$/.test(oneLine) ? ' ' : ''
  return `${fence}${pad}${oneLine}${pad}${fence}`
}

/** A code span in a table cell: a pipe must be escaped even there (GFM splits cells first). */
function codeCell(value: string): string {
  return code(value).replace(/\|/g, '\\|')
}

/** Our own text with `code` in backticks and values in it: the code spans kept, the rest escaped. */
function prose(value: string): string {
  return value
    .split(/(`[^`\n]+`)/)
    .map((part, index) => (index % 2 === 1 ? code(part.slice(1, -1)) : text(part)))
    .join('')
}

function longestBacktickRun(value: string): number {
  let longest = 0
  for (const run of value.match(/`+/g) ?? []) longest = Math.max(longest, run.length)
  return longest
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

/** SPDX inputs: packages and files separately, so a firmware image's 981 files do not hide. */
function spdxElementsOf(report: PipelineResult['sboms'][number]['report']): string {
  const elements = report.spdxElements
  if (elements === undefined || elements.files === 0) return ''
  const leftOut =
    elements.filesLeftOut > 0 ? `, ${elements.filesLeftOut} left out by spdx-files` : ''
  return ` (${elements.packages} packages, ${elements.files} files${leftOut})`
}
