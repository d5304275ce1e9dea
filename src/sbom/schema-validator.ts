// CycloneDX JSON schema validation in linear time. The library's JsonStrictValidator compiles the
// same schemas with ajv, but ajv checks `uniqueItems` on lists of objects by comparing every pair
// of items: quadratic, and minutes for SBOMs with tens of thousands of components. Here the same
// schema files are compiled with the same ajv options and formats, except that every
// `uniqueItems: true` becomes a keyword of ours that finds duplicates in one pass (see
// findDuplicate), with ajv's own notion of equality. Same verdicts (the tests compare both over
// the CycloneDX test suite and synthetic SBOMs); linear time.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv, type AnySchema, type ErrorObject, type ValidateFunction } from 'ajv'
import ajvFormats from 'ajv-formats'
import addDraft2019Formats from 'ajv-formats-draft2019'
import deepEqual from 'fast-deep-equal'
import type { SpecVersion } from './spec-versions.js'

const UNIQUE_KEYWORD = 'x-unique-items'

// Schema file of each version, as the library maps JsonStrictValidator's (1.2/1.3 have strict
// variants; later versions are strict themselves).
const SCHEMA_FILES: Record<SpecVersion, string> = {
  '1.2': 'bom-1.2-strict.SNAPSHOT.schema.json',
  '1.3': 'bom-1.3-strict.SNAPSHOT.schema.json',
  '1.4': 'bom-1.4.SNAPSHOT.schema.json',
  '1.5': 'bom-1.5.SNAPSHOT.schema.json',
  '1.6': 'bom-1.6.SNAPSHOT.schema.json',
  '1.7': 'bom-1.7.SNAPSHOT.schema.json',
}
const REFERENCED_SCHEMAS: Record<string, string> = {
  'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json': 'spdx.SNAPSHOT.schema.json',
  'http://cyclonedx.org/schema/cryptography-defs.SNAPSHOT.schema.json':
    'cryptography-defs.SNAPSHOT.schema.json',
  'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json': 'jsf-0.82.SNAPSHOT.schema.json',
}

export interface SchemaFailure {
  readonly instancePath: string
  readonly keyword: string
  readonly message: string | undefined
  readonly params: Record<string, unknown>
}

export type LinearValidator = (document: unknown) => SchemaFailure[]

const compiled = new Map<SpecVersion, ValidateFunction>()

/** The validator of one spec version, compiled on first use. Throws when the schemas are missing. */
export function linearValidator(version: SpecVersion): LinearValidator {
  let validate = compiled.get(version)
  if (validate === undefined) {
    validate = compile(version)
    compiled.set(version, validate)
  }
  const run = validate
  return (document) => (run(document) ? [] : (run.errors ?? []).map(toFailure))
}

function compile(version: SpecVersion): ValidateFunction {
  const directory = schemaDirectory()
  const load = (file: string): AnySchema =>
    withLinearUniqueness(JSON.parse(readFileSync(join(directory, file), 'utf8'))) as AnySchema
  const schemas: Record<string, AnySchema> = Object.fromEntries(
    Object.entries(REFERENCED_SCHEMAS).map(([id, file]) => [id, load(file)]),
  )
  // The options the library gives ajv, plus allErrors: every problem at once.
  const ajv = new Ajv({
    useDefaults: false,
    strict: false,
    strictSchema: false,
    addUsedSchema: false,
    allErrors: true,
    schemas,
  })
  // ajv-formats is CommonJS with a default export; under ESM interop it may arrive wrapped.
  const addFormats = ((ajvFormats as unknown as { default?: unknown }).default ?? ajvFormats) as (
    ajv: Ajv,
  ) => Ajv
  addFormats(ajv)
  addDraft2019Formats(ajv, { formats: ['idn-email'] })
  ajv.addFormat('iri-reference', true)
  ajv.addKeyword({
    keyword: UNIQUE_KEYWORD,
    type: 'array',
    errors: true,
    validate: function unique(this: unknown, _schema: unknown, data: unknown[]) {
      const duplicate = findDuplicate(data)
      if (duplicate === undefined) return true
      ;(unique as { errors?: Partial<ErrorObject>[] }).errors = [
        {
          keyword: 'uniqueItems',
          message: `must NOT have duplicate items (items ## ${duplicate.second} and ${duplicate.first} are identical)`,
          params: { i: duplicate.second, j: duplicate.first },
        },
      ]
      return false
    },
  })
  return ajv.compile(load(SCHEMA_FILES[version]))
}

/** Replaces every `uniqueItems: true` in a schema by our linear keyword. */
function withLinearUniqueness(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withLinearUniqueness)
  if (typeof schema !== 'object' || schema === null) return schema
  const copy: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'uniqueItems' && value === true) copy[UNIQUE_KEYWORD] = true
    // These hold data, not schemas: a member named uniqueItems in them is not the keyword.
    else if (key === 'enum' || key === 'const' || key === 'examples' || key === 'default')
      copy[key] = value
    else copy[key] = withLinearUniqueness(value)
  }
  return copy
}

/** Items compared pairwise within one bucket before the bucket switches to canonical encodings. */
const PAIRWISE_LIMIT = 8

// Members whose values tell list items apart in CycloneDX (components, dependencies, services,
// vulnerabilities, …). Deep-equal items agree on every member, so on these too: any fixed set of
// names is a correct bucket key, and these make real lists one item per bucket.
const IDENTIFYING_MEMBERS = ['bom-ref', 'ref', 'name', 'version', 'id', 'url'] as const

/**
 * First pair of deep-equal items (ajv's equality, fast-deep-equal: key order does not matter), in
 * linear time. Items are bucketed by what deep-equal items must share (bucketKey). Within a
 * bucket, items are compared pairwise up to a few, then by canonical encoding, so no input makes
 * it quadratic.
 */
function findDuplicate(items: readonly unknown[]): { first: number; second: number } | undefined {
  const buckets = new Map<string, { members: number[]; encodings?: Map<string, number> }>()
  for (let index = 0; index < items.length; index += 1) {
    const item = items[index]
    const key = bucketKey(item)
    const bucket = buckets.get(key)
    if (bucket === undefined) {
      buckets.set(key, { members: [index] })
      continue
    }
    if (bucket.encodings === undefined && bucket.members.length < PAIRWISE_LIMIT) {
      const twin = bucket.members.find((member) => deepEqual(items[member], item))
      if (twin !== undefined) return { first: twin, second: index }
      bucket.members.push(index)
      continue
    }
    bucket.encodings ??= new Map(bucket.members.map((member) => [canonical(items[member]), member]))
    const encoding = canonical(item)
    const twin = bucket.encodings.get(encoding)
    if (twin !== undefined) return { first: twin, second: index }
    bucket.encodings.set(encoding, index)
  }
  return undefined
}

/** A scalar as itself; an array by its length; an object by its identifying members' scalars. */
function bucketKey(value: unknown): string {
  if (typeof value !== 'object' || value === null) return `=${JSON.stringify(value)}`
  if (Array.isArray(value)) return `[${value.length}`
  let key = '{'
  for (const name of IDENTIFYING_MEMBERS) {
    const member = (value as Record<string, unknown>)[name]
    key += typeof member === 'object' && member !== null ? '\u0000' : `${JSON.stringify(member)},`
  }
  return key
}

/** JSON with object keys sorted, so deep-equal values encode equally. */
function canonical(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'undefined'
  let text: string
  if (Array.isArray(value)) {
    text = '['
    for (let index = 0; index < value.length; index += 1)
      text += (index === 0 ? '' : ',') + canonical(value[index])
    text += ']'
  } else {
    const keys = Object.keys(value)
    if (!isSorted(keys)) keys.sort()
    text = '{'
    for (let index = 0; index < keys.length; index += 1) {
      const key = keys[index]!
      text += `${index === 0 ? '' : ','}${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`
    }
    text += '}'
  }
  return text
}

function isSorted(keys: readonly string[]): boolean {
  for (let index = 1; index < keys.length; index += 1)
    if (keys[index - 1]! > keys[index]!) return false
  return true
}

function toFailure(error: ErrorObject): SchemaFailure {
  return {
    instancePath: error.instancePath,
    keyword: error.keyword === UNIQUE_KEYWORD ? 'uniqueItems' : error.keyword,
    message: error.message,
    params: error.params as Record<string, unknown>,
  }
}

/**
 * Where the CycloneDX schema files are: beside the bundle (`npm run build` copies them to
 * dist/cyclonedx/res/schema), else in the installed library (tests run the sources).
 */
function schemaDirectory(): string {
  const here = dirname(fileURLToPath(import.meta.url))
  const bundled = join(here, 'cyclonedx', 'res', 'schema')
  if (existsSync(bundled)) return bundled
  const manifest = createRequire(import.meta.url).resolve(
    '@cyclonedx/cyclonedx-library/package.json',
  )
  return join(dirname(manifest), 'res', 'schema')
}
