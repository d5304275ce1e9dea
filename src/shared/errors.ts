/**
 * Errors the action expects and explains. `run()` prints `message` (and `hint`, when given) and
 * fails the job; anything else that reaches `run()` is an unexpected bug and is shown with its stack.
 */
export class ActionError extends Error {
  /** What the user should do about it. */
  readonly hint: string | undefined

  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.hint = options.hint
  }
}

/** One or more inputs are wrong; every problem is listed at once. */
export class ConfigError extends ActionError {
  readonly problems: readonly string[]

  constructor(problems: readonly string[]) {
    super(
      `Invalid action input${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((problem) => `  - ${problem}`).join('\n'),
    )
    this.problems = problems
  }
}

/** An SBOM file could not be read, understood or normalized. Names the file. */
export class SbomError extends ActionError {
  readonly file: string

  constructor(file: string, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(`${file}: ${message}`, options)
    this.file = file
  }
}

/** The normalized SBOM does not satisfy its CycloneDX schema. Lists the failing JSON paths. */
export class SbomSchemaError extends SbomError {
  readonly failures: readonly { path: string; message: string }[]

  constructor(
    file: string,
    specVersion: string,
    failures: readonly { path: string; message: string }[],
    subject: 'input' | 'normalized' = 'normalized',
    syntax: 'JSON' | 'XML' = 'JSON',
  ) {
    const shown = failures.slice(0, 50)
    const more =
      failures.length > shown.length ? `\n  … and ${failures.length - shown.length} more` : ''
    super(
      file,
      `${subject === 'input' ? 'the input' : 'the normalized SBOM'} is not valid CycloneDX ${specVersion} ${syntax}:\n` +
        shown.map((f) => `  - ${f.path || '/'}: ${f.message}`).join('\n') +
        more,
      {
        hint:
          subject === 'input'
            ? 'Fix the generator or the listed fields, or set input-validation: warn to publish the normalized SBOM anyway.'
            : 'Fix the listed fields in the input SBOM, or pick another target with cyclonedx-spec-version.',
      },
    )
    this.failures = failures
  }
}

/** An AWS call failed in a way we can explain. Names the service, operation and request id. */
export class AwsError extends ActionError {
  /** The AWS error name (e.g. ConflictException), when AWS answered with one. */
  readonly awsName: string | undefined

  constructor(
    message: string,
    options: { hint?: string; cause?: unknown; awsName?: string | undefined } = {},
  ) {
    super(message, options)
    this.awsName = options.awsName
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
