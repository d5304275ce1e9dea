// The one gate between the action's text and the runner. A fork's pull request controls file
// names, SBOM text and lockfiles, and the runner reads some lines of stdout and stderr as workflow
// commands: a line that starts (after whitespace) with `::`, and one that holds `##[` anywhere
// (the legacy form). It splits lines on \n, \r and \r\n. Everything main.ts prints passes here.

export type LogGate = (text: string) => string

/** What redacted text becomes: the runner masks registered secrets the same way. */
const REDACTED = '***'

/** Shorter values would also match ordinary words and numbers in the log. */
const MIN_SECRET_LENGTH = 8

/** Environment variables whose values are credentials the action (or the runner) holds. */
export const SECRET_ENV_NAMES = [
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_ACCESS_KEY_ID',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'GITHUB_TOKEN',
  // The github-token input, as the runner passes it.
  'INPUT_GITHUB-TOKEN',
] as const

// .NET's TrimStart (the runner) and JavaScript's trimStart disagree on a few characters (U+0085,
// U+FEFF); both sets, plus characters older Unicode versions counted as spaces, are skipped.
const LEADING_COMMAND = /^([\s\u0085\u180e\u200b]*)::/

/**
 * Secret shapes, for credentials the action was not told about (e.g. echoed by an error).
 * Each keeps its first group (a field name) and replaces the rest.
 */
const SECRET_SHAPES: readonly RegExp[] = [
  /()gh[pousr]_[A-Za-z0-9]{36,}/g,
  /()github_pat_[A-Za-z0-9_]{22,}/g,
  /()(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g,
  // STS session tokens are long base64 that starts like this; URLs carry them percent-encoded.
  /()(?:IQoJ|FwoG)(?:[A-Za-z0-9+/]|%2[BbFf]){32,}(?:=|%3[Dd]){0,2}/g,
  // A header or query parameter, as plain text, JSON or a URL: up to the next delimiter.
  /(x-amz-security-token["']?[ \t]*[:=][ \t]*["']?)[^\s"'&,;|<>]+/gi,
  // Authorization values have spaces (`AWS4-HMAC-SHA256 Credential=…, Signature=…`): to the line end.
  /(\bauthorization["']?[ \t]*[:=][ \t]*["']?)[^\r\n"'|<>]+/gi,
]

/**
 * Text as one log line that cannot be a workflow command: CR and LF are shown as the runner's
 * escapes (%0D, %0A), a leading `::` becomes `%3A%3A` and every `##[` becomes `%23%23[`. Nothing
 * else changes: the runner does not decode plain lines, so escaping `%` too would show a purl's
 * `%40` as `%2540`.
 */
export function neutralizeForLog(text: string): string {
  const oneLine = text.replace(/\r/g, '%0D').replace(/\n/g, '%0A')
  return neutralizeLegacyCommands(oneLine.replace(LEADING_COMMAND, '$1%3A%3A'))
}

/**
 * `##[` → `%23%23[`: for text @actions/core puts into a workflow command itself. Core escapes %,
 * CR and LF (and `:` in properties), and the command's own `::name::` comes first on the line,
 * so the legacy form is all that is left to break.
 */
export function neutralizeLegacyCommands(text: string): string {
  return text.replaceAll('##[', '%23%23[')
}

/**
 * Replaces the known secret values (those of at least 8 characters, also URL- and JSON-escaped)
 * and anything shaped like a GitHub token, an AWS access key id, an AWS session token or an
 * Authorization / X-Amz-Security-Token value with `***`.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  return makeRedactor(secrets)(text)
}

/** redactSecrets with the spellings of `secrets` worked out once. */
export function makeRedactor(secrets: readonly string[]): LogGate {
  const spellings = [
    ...new Set(
      secrets
        .map((secret) => secret.trim())
        .filter((secret) => secret.length >= MIN_SECRET_LENGTH)
        .flatMap((secret) => [
          secret,
          // encodeURIComponent throws on a lone surrogate, which no real credential has.
          secret.isWellFormed() ? encodeURIComponent(secret) : secret,
          JSON.stringify(secret).slice(1, -1),
        ]),
    ),
    // Longest first, so a value that contains another is replaced whole.
  ].sort((a, b) => b.length - a.length)
  return (text) => {
    let redacted = text
    for (const spelling of spellings) redacted = redacted.replaceAll(spelling, REDACTED)
    for (const shape of SECRET_SHAPES) redacted = redacted.replace(shape, `$1${REDACTED}`)
    return redacted
  }
}

/** For a line written to stdout as it is: secrets redacted, then neutralized. */
export function makeGate(secrets: readonly string[]): LogGate {
  const redact = makeRedactor(secrets)
  return (text) => neutralizeForLog(redact(text))
}

/** For the message or a property of a workflow command that @actions/core escapes itself. */
export function makeCommandTextGate(secrets: readonly string[]): LogGate {
  const redact = makeRedactor(secrets)
  return (text) => neutralizeLegacyCommands(redact(text))
}

/** The values of SECRET_ENV_NAMES that are set. */
export function secretsFromEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  return SECRET_ENV_NAMES.map((name) => env[name] ?? '').filter((value) => value !== '')
}
