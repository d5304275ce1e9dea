// Reading single inputs: each helper returns the typed value, or records a problem and returns
// undefined, so readConfig can list every problem at once and the compiler sees which values are
// still missing.
import { quoted } from '../context/quoted.js'

export type InputReader = (name: string) => string

/** The inputs, with the problems and adjustments found while reading them. */
export class Inputs {
  readonly problems: string[] = []
  /** Inputs adjusted (e.g. a "/" added to a key prefix), to say so in the log. */
  readonly notes: string[] = []
  readonly #read: InputReader

  constructor(read: InputReader) {
    this.#read = read
  }

  /** The input as given; empty when not set. */
  get(name: string): string {
    return this.#read(name)
  }

  /** Records a problem. Returns undefined, to stand in for the value that could not be read. */
  fail(problem: string): undefined {
    this.problems.push(problem)
    return undefined
  }

  note(note: string): void {
    this.notes.push(note)
  }
}

/** A GitHub-hosted job cannot run longer. */
export const MAX_TIMEOUT_SECONDS = 6 * 60 * 60

/** One of `allowed`, `fallback` when empty. */
export function oneOf<T extends string>(
  inputs: Inputs,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T | undefined {
  const value = inputs.get(name) || fallback
  return (
    allowed.find((option) => option === value) ??
    inputs.fail(`${name} ${quoted(value)} must be one of: ${allowed.join(', ')}.`)
  )
}

/** Strict: only `true` / `false` (any case). "yes", "1" and typos are refused, not guessed. */
export function booleanInput(inputs: Inputs, name: string, fallback: boolean): boolean | undefined {
  const given = inputs.get(name)
  const value = given.toLowerCase()
  if (value === '') return fallback
  if (value === 'true') return true
  if (value === 'false') return false
  return inputs.fail(`${name} ${quoted(given)} must be true or false.`)
}

/** A whole number of seconds within [min, max]; anything else is refused, not rounded. */
export function wholeSecondsInput(
  inputs: Inputs,
  name: string,
  range: { readonly fallback: number; readonly min: number; readonly max: number },
): number | undefined {
  const text = inputs.get(name) || String(range.fallback)
  const value = Number(text)
  if (/^\d+$/.test(text) && value >= range.min && value <= range.max) return value
  return inputs.fail(
    `${name} ${quoted(text)} must be a whole number of seconds from ${range.min} to ${range.max}.`,
  )
}

/** How long to wait for something (a command, an export, a verdict): 1 s up to a job's 6 h. */
export function timeoutInput(inputs: Inputs, name: string, fallback: number): number | undefined {
  return wholeSecondsInput(inputs, name, { fallback, min: 1, max: MAX_TIMEOUT_SECONDS })
}

/** "." and "..": as a key segment, file name or URL segment they name a directory. */
export function isDotSegment(name: string): boolean {
  return name === '.' || name === '..'
}

const KEY_PREFIX = /^[A-Za-z0-9!\-_.*'()/]*$/

/**
 * s3-key-prefix, ocsf-s3-key-prefix, inspector-s3-key-prefix: S3 keeps ".", ".." and empty
 * segments literally, so `a/../b/` would not mean what it says; they are refused. A missing
 * trailing "/" would glue the prefix to the package name (`sbomsgateway-fw/`): it is added, and
 * a note says so. Undefined when refused, or when empty without a fallback.
 */
export function keyPrefixInput(
  inputs: Inputs,
  name: string,
  fallback: string | undefined,
): string | undefined {
  const value = inputs.get(name) || fallback
  if (value === undefined) return undefined
  const segments = value.split('/')
  // "a/b/" splits into a, b and a final empty string: the "/" it ends with.
  if (value.endsWith('/')) segments.pop()
  const problem = !KEY_PREFIX.test(value)
    ? "has characters other than letters, digits and !-_.*'()/"
    : value.startsWith('/')
      ? 'starts with "/"'
      : segments.some(isDotSegment)
        ? 'has a "." or ".." segment'
        : segments.includes('')
          ? 'has an empty segment ("//")'
          : undefined
  if (problem !== undefined)
    return inputs.fail(
      `${name} ${quoted(value)} ${problem}: a key prefix may only contain letters, digits and !-_.*'()/, must not start with "/", and has no empty, "." or ".." segments (e.g. sbom/ or releases/sbom/).`,
    )
  if (value.endsWith('/')) return value
  inputs.note(
    `${name} ${quoted(value)} does not end with "/": using ${quoted(`${value}/`)}, so the keys are <prefix>/<package>/… rather than <prefix><package>/….`,
  )
  return `${value}/`
}
