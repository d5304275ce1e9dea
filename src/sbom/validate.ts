// Schema validation of normalized output with the library's JsonStrictValidator. "Invalid" is a
// result (SbomSchemaError listing every failing JSON path); "could not validate" (a validator
// dependency or schema file missing, e.g. in a bundle that lost them) is a different error, so a
// broken setup is never mistaken for a bad SBOM, nor passes silently.
import {
  JsonStrictValidator,
  MissingOptionalDependencyError,
} from '@cyclonedx/cyclonedx-library/Validation'
import { SbomError, SbomSchemaError } from '../shared/errors.js'
import { libraryVersion, type SpecVersion } from './spec-versions.js'

export interface SchemaProblem {
  /** JSON pointer of the failing value (ajv's instancePath), `''` for the document. */
  readonly path: string
  readonly message: string
  /** The schema keyword that failed, e.g. `format`, `enum`, `required`. */
  readonly keyword?: string
}

/** Invalid → SbomSchemaError naming each failing path; could not validate → SbomError. */
export async function validateCycloneDxJson(
  json: string,
  spec: SpecVersion,
  fileName: string,
): Promise<void> {
  const problems = await findSchemaProblems(json, spec, fileName)
  if (problems.length > 0) throw new SbomSchemaError(fileName, spec, problems)
}

// Compiling a schema takes far longer than validating one document: compile once per version.
const validators = new Map<SpecVersion, JsonStrictValidator>()

interface AjvFailure {
  keyword?: string
  instancePath?: string
  message?: string
  params?: Record<string, unknown>
}

/** Every way `json` breaks the CycloneDX `version` JSON schema; empty when valid. */
export async function findSchemaProblems(
  json: string,
  version: SpecVersion,
  file: string,
): Promise<SchemaProblem[]> {
  let failures: unknown
  try {
    let validator = validators.get(version)
    if (validator === undefined) {
      validator = new JsonStrictValidator(libraryVersion(version))
      validators.set(version, validator)
    }
    failures = await validator.validate(json)
  } catch (error) {
    const why =
      error instanceof MissingOptionalDependencyError
        ? `a validator dependency is missing (${error.message})`
        : (error as Error).message
    throw new SbomError(
      file,
      `could not be validated against the CycloneDX ${version} JSON schema: ${why}`,
      {
        cause: error,
        hint: 'This is a problem of the action, not of your SBOM: please report it.',
      },
    )
  }
  if (failures === null || failures === undefined) return []
  const list = (Array.isArray(failures) ? failures : [failures]) as AjvFailure[]
  return list.map((failure) => ({
    path: failure.instancePath ?? '',
    message: describeFailure(failure),
    keyword: failure.keyword,
  }))
}

export interface ValidatedOutput {
  readonly json: string
  /** Values removed because the target schema forbids their form. */
  readonly removed: readonly {
    readonly pointer: string
    readonly value: unknown
    readonly message: string
  }[]
}

/** Removals the format repair makes at most before it gives up and reports the document invalid. */
const MAX_FORMAT_REPAIRS = 200

/**
 * The normalized output must be schema-valid. One kind of failure is repaired: a value of the
 * wrong *format* (an e-mail without a domain dot, …) that an older spec or the XML schema
 * allowed is removed, and returned so the report lists it. Anything else, or a removal that
 * leaves the document invalid (a required value), is an error naming the JSON paths.
 *
 * The library's validator stops at the first failure (its ajv runs without `allErrors`), so
 * repairing is a loop: remove what was reported, validate again.
 */
export async function validateOutput(
  json: string,
  target: SpecVersion,
  file: string,
): Promise<ValidatedOutput> {
  let problems = await findSchemaProblems(json, target, file)
  if (problems.length === 0) return { json, removed: [] }
  const document = JSON.parse(json) as unknown
  const removed: { pointer: string; value: unknown; message: string }[] = []
  let repaired = json
  while (problems.length > 0) {
    if (
      problems.some((problem) => problem.keyword !== 'format') ||
      removed.length + problems.length > MAX_FORMAT_REPAIRS
    )
      throw new SbomSchemaError(file, target, problems)
    // Deepest and last array items first, so earlier removals do not shift later pointers.
    const ordered = [...problems].sort((a, b) =>
      b.path.localeCompare(a.path, 'en', { numeric: true }),
    )
    for (const problem of ordered)
      removed.push({
        pointer: problem.path,
        value: removeAtPointer(document, problem.path),
        message: problem.message,
      })
    repaired = `${JSON.stringify(document, null, 2)}\n`
    problems = await findSchemaProblems(repaired, target, file)
  }
  return { json: repaired, removed }
}

function removeAtPointer(document: unknown, pointer: string): unknown {
  const keys = pointer
    .split('/')
    .slice(1)
    .map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'))
  const last = keys.pop()
  let parent = document as Record<string, unknown>
  for (const key of keys) parent = parent[key] as Record<string, unknown>
  if (last === undefined) return undefined
  const value = parent[last]
  if (Array.isArray(parent)) parent.splice(Number(last), 1)
  else delete parent[last]
  return value
}

/** ajv's message plus what it leaves in `params`: allowed values, the offending property, the pattern. */
function describeFailure(failure: AjvFailure): string {
  const params = failure.params ?? {}
  const detail =
    'allowedValues' in params
      ? ` (allowed: ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')})`
      : 'allowedValue' in params
        ? ` (allowed: ${JSON.stringify(params.allowedValue)})`
        : 'additionalProperty' in params
          ? ` (${JSON.stringify(params.additionalProperty)})`
          : 'pattern' in params
            ? ` (pattern ${String(params.pattern)})`
            : ''
  return `${failure.message ?? 'invalid'}${detail}`
}
