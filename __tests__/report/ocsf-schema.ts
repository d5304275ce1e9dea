import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'

/** Our reading of OCSF 1.7.0 "Software Inventory Info" (see its $comment for the sources). */
const OCSF_SCHEMA = JSON.parse(
  readFileSync(new URL('ocsf-software-inventory-1.7.0.schema.json', import.meta.url), 'utf8'),
) as object

/** Problems of an event against the schema; empty when it is valid. */
export function ocsfProblems(event: unknown): string[] {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(OCSF_SCHEMA)
  if (validate(event)) return []
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`)
}
