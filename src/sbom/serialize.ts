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
  instancePath?: string
  message?: string
  params?: Record<string, unknown>
}

export interface SchemaProblem {
  readonly path: string
  readonly message: string
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
  }))
}

/** The normalized output must be schema-valid: anything else is an error naming the JSON paths. */
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
