import { JSON as JsonNormalize, JsonSerializer } from '@cyclonedx/cyclonedx-library/Serialize'
import { SpecVersionDict } from '@cyclonedx/cyclonedx-library/Spec'
import type * as Models from '@cyclonedx/cyclonedx-library/Models'
import {
  JsonStrictValidator,
  MissingOptionalDependencyError,
} from '@cyclonedx/cyclonedx-library/Validation'
import { SbomError, SbomSchemaError } from '../shared/errors.js'
import { libraryVersion, type SpecVersion } from './spec-versions.js'

/** The library's serializer at the target spec, lists sorted, 2-space indent, final newline. */
export function serializeBom(bom: Models.Bom, target: SpecVersion): string {
  const spec = SpecVersionDict[libraryVersion(target)]
  if (spec === undefined) throw new Error(`the CycloneDX library has no spec ${target}`)
  const serializer = new JsonSerializer(new JsonNormalize.Normalize.Factory(spec))
  return `${serializer.serialize(bom, { sortLists: true, space: 2 })}\n`
}

// Compiling a schema takes far longer than validating one document: compile once per version.
const validators = new Map<SpecVersion, JsonStrictValidator>()

interface SchemaFailure {
  keyword?: string
  instancePath?: string
  message?: string
  params?: Record<string, unknown>
}

export interface SchemaProblem {
  /** JSON pointer of the failing value. */
  readonly path: string
  readonly message: string
  /** The schema keyword that failed, e.g. `format`, `enum`, `required`. */
  readonly keyword?: string
}

/**
 * Checks a document against the CycloneDX JSON schema with the library's JsonStrictValidator and
 * returns every problem. "Invalid" is a result; "could not validate" is an error, so a broken setup
 * is never mistaken for a bad SBOM, nor passes silently.
 */
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
        ? 'a validator dependency is missing'
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
  const list = (Array.isArray(failures) ? failures : [failures]) as SchemaFailure[]
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

/**
 * The normalized output must be schema-valid. One kind of failure is repaired: a value of the
 * wrong *format* (an e-mail without a domain dot, …) that an older spec or the XML schema
 * allowed is removed, and returned so the report lists it. Anything else, or a removal that
 * leaves the document invalid (a required value), is an error naming the JSON paths.
 */
export async function validateOutput(
  json: string,
  target: SpecVersion,
  file: string,
): Promise<ValidatedOutput> {
  const problems = await findSchemaProblems(json, target, file)
  if (problems.length === 0) return { json, removed: [] }
  if (problems.some((problem) => problem.keyword !== 'format'))
    throw new SbomSchemaError(file, target, problems)
  const document = JSON.parse(json) as unknown
  // Deepest and last array items first, so earlier removals do not shift later pointers.
  const ordered = [...problems].sort((a, b) =>
    b.path.localeCompare(a.path, 'en', { numeric: true }),
  )
  const removed = ordered.map((problem) => ({
    pointer: problem.path,
    value: removeAtPointer(document, problem.path),
    message: problem.message,
  }))
  const repaired = `${JSON.stringify(document, null, 2)}\n`
  const remaining = await findSchemaProblems(repaired, target, file)
  if (remaining.length > 0) throw new SbomSchemaError(file, target, problems)
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

/** Output that is not schema-valid is an error naming the JSON paths (used where nothing may be repaired). */
export async function validateCycloneDxJson(
  json: string,
  target: SpecVersion,
  file: string,
): Promise<void> {
  const problems = await findSchemaProblems(json, target, file)
  if (problems.length > 0) throw new SbomSchemaError(file, target, problems)
}

function describeFailure(failure: SchemaFailure): string {
  const params = failure.params ?? {}
  const detail =
    'allowedValues' in params
      ? ` (allowed: ${(params.allowedValues as unknown[]).join(', ')})`
      : 'additionalProperty' in params
        ? ` (${String(params.additionalProperty)})`
        : 'pattern' in params
          ? ` (pattern ${String(params.pattern)})`
          : ''
  return `${failure.message ?? 'invalid'}${detail}`
}
