// The schema check of CycloneDX JSON: the document against the JSON schema of its spec version,
// locally and in linear time (schema-check-runner.ts: the library's schemas, with its validator's
// verdicts). Not AWS IoT's validation of the published SBOM, which comes later. "Invalid" is a
// result (SbomSchemaError listing every failing JSON path); "could not check" (a schema file
// missing, e.g. in a bundle that lost them) is a different error, so a broken setup is never
// mistaken for a bad SBOM, nor passes silently.
import { SbomError, SbomSchemaError } from '../shared/errors.js'
import type { JsonObject } from '../shared/json.js'
import { linearSchemaCheck, type SchemaFailure } from './schema-check-runner.js'
import type { SpecVersion } from '../formats/spec-versions.js'

export interface SchemaProblem {
  /** JSON pointer of the failing value (ajv's instancePath), `''` for the document. */
  readonly path: string
  readonly message: string
  /** The schema keyword that failed, e.g. `format`, `enum`, `required`. */
  readonly keyword?: string
}

/** Invalid → SbomSchemaError naming each failing path; could not check → SbomError. */
export async function schemaCheckCycloneDxJson(
  json: string,
  spec: SpecVersion,
  fileName: string,
): Promise<void> {
  const problems = await findSchemaProblems(JSON.parse(json), spec, fileName)
  if (problems.length > 0) throw new SbomSchemaError(fileName, spec, problems)
}

/** Every way a parsed `document` breaks the CycloneDX `version` JSON schema; empty when valid. */
export async function findSchemaProblems(
  document: unknown,
  version: SpecVersion,
  file: string,
): Promise<SchemaProblem[]> {
  let failures: SchemaFailure[]
  try {
    failures = (await linearSchemaCheck(version))(document)
  } catch (error) {
    throw new SbomError(
      file,
      `could not be validated against the CycloneDX ${version} JSON schema: ${(error as Error).message}`,
      {
        cause: error,
        hint: 'This is a problem of the action, not of your SBOM: please report it.',
      },
    )
  }
  return failures.map((failure) => ({
    path: failure.instancePath,
    message: describeFailure(failure),
    keyword: failure.keyword,
  }))
}

export interface SchemaCheckedOutput {
  readonly json: string
  /** `json` parsed (what was checked), so callers need not parse it again. */
  readonly document: JsonObject
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
 * Repairing is a loop: a removal can uncover another problem (an emptied list, say), so after
 * removing what was reported, check again.
 */
export async function schemaCheckOutput(
  { json, document }: { readonly json: string; readonly document: JsonObject },
  target: SpecVersion,
  file: string,
): Promise<SchemaCheckedOutput> {
  let problems = await findSchemaProblems(document, target, file)
  if (problems.length === 0) return { json, document, removed: [] }
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
    repaired = JSON.stringify(document)
    problems = await findSchemaProblems(document, target, file)
  }
  return { json: repaired, document, removed }
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
function describeFailure(failure: SchemaFailure): string {
  const params = failure.params
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
