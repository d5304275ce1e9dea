import { ARCHIVE_FORMATS, type ArchiveFormat } from '../sbom/archive-formats.js'

/** Everything the job summary shows, and nothing else: main.ts gathers it from the run. */
export interface SummaryFacts {
  readonly packageName: string
  readonly versionName: string
  /** What the mode decides: where the artifact went (publish) or would go (validate). */
  readonly destination: PublishFacts | ValidateFacts
  /** The CycloneDX version of the artifact. */
  readonly specVersion: string
  readonly archive: ArchiveFormat
  readonly artifact: {
    /** The local file's name, without its directory. */
    readonly fileName: string
    readonly bytes: number
    readonly sha256: string
    readonly componentCount: number
    /** Of componentCount, the components of type file. */
    readonly fileCount: number
  }
  readonly verdict: {
    readonly status: VerdictStatus
    /** The deadline passed while AWS still said IN_PROGRESS. */
    readonly timedOut: boolean
    /** AWS's verdict per file, both kinds. */
    readonly files: readonly FileFacts[]
  }
  /** Shown when the verdict timed out. */
  readonly validationTimeoutSeconds: number
  readonly published: boolean
  /** One row per input SBOM. */
  readonly normalization: readonly NormalizationFacts[]
  /** The SBOM this package published before, and what changed since. */
  readonly previous: PreviousFacts | undefined
  /** The quality profile's coverage of each published file; absent with quality-profile none. */
  readonly quality?: QualityFacts
}

export interface QualityFacts {
  readonly profile: string
  /** Against quality-min-score and quality-required-elements. */
  readonly passed: boolean
  readonly files: readonly {
    readonly file: string
    readonly output: QualityScore
    /** The input's coverage, where there was an input document. */
    readonly input?: QualityScore
  }[]
}

export interface QualityScore {
  readonly score: number
  readonly elements: readonly {
    readonly id: string
    readonly label: string
    readonly present: number
    readonly total: number
    readonly firstMissing: readonly string[]
  }[]
  readonly notes: readonly string[]
}

export interface PublishFacts {
  readonly mode: 'publish'
  /** For the link to the package version in the AWS IoT console. */
  readonly region: string
  readonly stored:
    { readonly uri: string; readonly versionId: string; readonly reused: boolean } | undefined
  readonly clientToken: string
}

export interface ValidateFacts {
  readonly mode: 'validate'
  /** s3-bucket (when given) and the key publish mode would use. */
  readonly wouldUploadTo: { readonly bucket: string | undefined; readonly key: string }
}

type VerdictStatus = 'SUCCEEDED' | 'FAILED' | 'IN_PROGRESS' | 'SKIPPED'

interface FileFacts {
  readonly fileName: string
  readonly result: 'SUCCEEDED' | 'FAILED'
  readonly errorCode: string | undefined
  readonly errorMessage: string | undefined
}

/** An input's normalization report, as far as the summary shows it. */
export interface NormalizationFacts {
  readonly file: string
  readonly sourceFormat: string
  readonly sourceSpecVersion: string
  readonly before: { readonly components: number; readonly dependencies: number }
  readonly after: { readonly components: number; readonly dependencies: number }
  /** What the target spec or model could not carry. */
  readonly dropped: readonly { readonly path: string; readonly reason: string }[]
  readonly spdxElements?:
    { readonly packages: number; readonly files: number; readonly filesLeftOut: number } | undefined
}

export interface PreviousFacts {
  readonly key: string
  readonly versionName: string
  readonly lastModified: Date
  readonly diff: {
    /** `name@version`. */
    readonly added: readonly string[]
    readonly removed: readonly string[]
    readonly changed: readonly {
      readonly name: string
      readonly from: string
      readonly to: string
    }[]
    readonly unchanged: number
  }
  /** Each quality element's coverage then and now (with a quality profile). */
  readonly qualityTrend?: readonly {
    readonly label: string
    readonly before: { readonly present: number; readonly total: number }
    readonly after: { readonly present: number; readonly total: number }
  }[]
}

const VERDICT_ICONS: Record<VerdictStatus, string> = {
  SUCCEEDED: '✅',
  FAILED: '❌',
  IN_PROGRESS: '⏳',
  SKIPPED: '➖',
}
const MAX_LISTED = 100
// GitHub refuses a step summary over 1 MiB; stay clear of it.
const SUMMARY_LIMIT_BYTES = 1_000_000

/** The job summary as Markdown. Pure, so it is snapshot-tested. */
export function renderSummary(facts: SummaryFacts): string {
  const { verdict, destination, artifact } = facts
  const lines: string[] = [
    `## SBOM for ${text(facts.packageName)}@${text(facts.versionName)}: ${VERDICT_ICONS[verdict.status]} ${verdict.status}`,
    '',
    '| | |',
    '|---|---|',
    `| Package version | ${packageLink(facts)} |`,
    `| Mode | ${text(destination.mode)} |`,
    `| Artifact | ${codeCell(artifact.fileName)} (${artifact.bytes} bytes, CycloneDX ${facts.specVersion} JSON${ARCHIVE_FORMATS[facts.archive].label}) |`,
    `| SHA-256 | ${codeCell(artifact.sha256)} |`,
    `| Components | ${artifact.componentCount}${artifact.fileCount > 0 ? ` (${artifact.componentCount - artifact.fileCount} packages, ${artifact.fileCount} files)` : ''} |`,
  ]
  if (destination.mode === 'validate') {
    const { bucket, key } = destination.wouldUploadTo
    lines.push(`| Would upload to | ${codeCell(`s3://${bucket ?? '<s3-bucket>'}/${key}`)} |`)
  } else if (destination.stored)
    lines.push(
      `| S3 object | ${codeCell(destination.stored.uri)} |`,
      `| S3 version id | ${codeCell(destination.stored.versionId)}${destination.stored.reused ? ' (reused: identical to the latest version)' : ''} |`,
      `| Client token | ${codeCell(destination.clientToken)} |`,
    )
  if (verdict.timedOut)
    lines.push(`| Validation | still IN_PROGRESS after ${facts.validationTimeoutSeconds} s |`)
  if (facts.published) lines.push('| Published | yes |')

  if (verdict.files.length > 0) {
    // AWS's own verdict per file; failures first, since they are what needs reading.
    const files = [...verdict.files].sort((a, b) =>
      a.result === b.result ? 0 : a.result === 'FAILED' ? -1 : 1,
    )
    lines.push(
      '',
      '### AWS validation, per file',
      '',
      '| File | Result | Error code | Message |',
      '|---|---|---|---|',
    )
    for (const file of files.slice(0, MAX_LISTED))
      lines.push(
        `| ${text(file.fileName)} | ${VERDICT_ICONS[file.result]} ${text(file.result)} | ${text(file.errorCode ?? '')} | ${text(file.errorMessage ?? '')} |`,
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
  for (const report of facts.normalization)
    lines.push(
      `| ${text(report.file)} | ${text(`${report.sourceFormat} ${report.sourceSpecVersion}`)} | ${report.before.components} → ${report.after.components}${spdxElementsOf(report)} | ${report.before.dependencies} → ${report.after.dependencies} | ${report.dropped.length} |`,
    )
  const dropped = facts.normalization.flatMap((report) =>
    report.dropped.map((entry) => ({ file: report.file, ...entry })),
  )
  if (dropped.length > 0) {
    lines.push('', '<details><summary>Data the target spec or model could not carry</summary>', '')
    for (const entry of dropped.slice(0, MAX_LISTED))
      lines.push(`- ${code(entry.file)} ${code(entry.path)}: ${text(entry.reason)}`)
    if (dropped.length > MAX_LISTED) lines.push(`- …and ${dropped.length - MAX_LISTED} more`)
    lines.push('', '</details>')
  }
  if (facts.quality) lines.push('', ...renderQuality(facts.quality))
  if (facts.previous) lines.push('', ...renderDiff(facts.previous))
  return fitSummary(lines.join('\n') + '\n')
}

/** Per published file: the score, and each element's coverage (the input's beside it). */
function renderQuality(quality: QualityFacts): string[] {
  const lines = [
    `### SBOM quality (${text(quality.profile)}): ${quality.passed ? 'meets' : 'falls short of'} the gate`,
  ]
  for (const { file, output, input } of quality.files) {
    lines.push(
      '',
      `${code(file)}: **${output.score}/100**${input ? ` (the input: ${input.score}/100)` : ''}`,
      '',
      '| Element | Published | Input | First without it |',
      '|---|---|---|---|',
    )
    for (const element of output.elements) {
      const before = input?.elements.find((candidate) => candidate.id === element.id)
      lines.push(
        `| ${text(element.label)} | ${element.present} of ${element.total} | ${before ? `${before.present} of ${before.total}` : ''} | ${element.firstMissing.map(code).join(', ')} |`,
      )
    }
    for (const note of output.notes) lines.push('', text(note))
  }
  return lines
}

function renderDiff(previous: PreviousFacts): string[] {
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
  if (previous.qualityTrend && previous.qualityTrend.length > 0) {
    lines.push('', '| Quality element | Then | Now |', '|---|---|---|')
    for (const row of previous.qualityTrend)
      lines.push(
        `| ${text(row.label)} | ${coverage(row.before)} | ${coverage(row.after)}${trendMark(row.before, row.after)} |`,
      )
  }
  section('Added', diff.added)
  section('Removed', diff.removed)
  section(
    'Version changed',
    diff.changed.map((change) => `${change.name}: ${change.from} → ${change.to}`),
  )
  return lines
}

function coverage({ present, total }: { present: number; total: number }): string {
  return total === 0 ? '–' : `${present} of ${total} (${Math.floor((present * 100) / total)} %)`
}

/** ▲ / ▼ when the share of components (or the document) with the element rose or fell. */
function trendMark(
  before: { present: number; total: number },
  after: { present: number; total: number },
): string {
  if (before.total === 0 || after.total === 0) return ''
  const then = before.present / before.total
  const now = after.present / after.total
  return now > then ? ' ▲' : now < then ? ' ▼' : ''
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

/** The names; in publish mode a link to the package version in the AWS IoT console. */
function packageLink(facts: SummaryFacts): string {
  const names = `${codeCell(facts.packageName)} / ${codeCell(facts.versionName)}`
  if (facts.destination.mode === 'validate') return names
  const { region } = facts.destination
  const url = `https://${region}.console.aws.amazon.com/iot/home?region=${region}#/software-packages/${encodeURIComponent(facts.packageName)}/versions/${encodeURIComponent(facts.versionName)}`
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

/** SPDX inputs: packages and files separately, so a firmware image's 981 files do not hide. */
function spdxElementsOf(report: NormalizationFacts): string {
  const elements = report.spdxElements
  if (elements === undefined || elements.files === 0) return ''
  const leftOut =
    elements.filesLeftOut > 0 ? `, ${elements.filesLeftOut} left out by spdx-files` : ''
  return ` (${elements.packages} packages, ${elements.files} files${leftOut})`
}
