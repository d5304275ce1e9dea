// Runs the CycloneDX JSON schema check in linear time, with the library's verdicts. The validators
// (ajv's word for a compiled schema, in validators/) are the library's schemas compiled at build
// time (scripts/compile-schema-validators.mjs: same ajv options and formats as its
// JsonStrictValidator, annotations dropped, uniqueItems checked in one pass by unique-items.ts),
// so a run neither compiles a schema nor compares items pairwise. The tests compare the verdicts
// with JsonStrictValidator over the CycloneDX test suite.
import type { ErrorObject, ValidateFunction } from 'ajv'
import * as ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js'
import { fullFormats } from 'ajv-formats/dist/formats.js'
import idnEmail from 'ajv-formats-draft2019/formats/idn-email.js'
import deepEqual from 'fast-deep-equal'
import type { SpecVersion } from '../formats/spec-versions.js'
import { schemaRegExp } from './schema-patterns.js'
import { findDuplicate } from './unique-items.js'

// The keyword the generator puts where the schemas say uniqueItems; reported as uniqueItems.
const UNIQUE_KEYWORD = 'x-unique-items'

export interface SchemaFailure {
  readonly instancePath: string
  readonly keyword: string
  readonly message: string | undefined
  readonly params: Record<string, unknown>
}

export type LinearSchemaCheck = (document: unknown) => SchemaFailure[]

interface ValidatorModule {
  createValidator(deps: Readonly<Record<string, unknown>>): ValidateFunction
}

// One module (and one bundle chunk) per version: a run loads only the versions it meets.
const MODULES: Record<SpecVersion, () => Promise<ValidatorModule>> = {
  '1.2': () => import('./validators/bom-1.2.mjs'),
  '1.3': () => import('./validators/bom-1.3.mjs'),
  '1.4': () => import('./validators/bom-1.4.mjs'),
  '1.5': () => import('./validators/bom-1.5.mjs'),
  '1.6': () => import('./validators/bom-1.6.mjs'),
  '1.7': () => import('./validators/bom-1.7.mjs'),
}

// ajv's runtime helper is CommonJS with `exports.default`: Node's ESM interop hands over the
// exports object as the default, the bundler the function itself.
const ucs2length =
  typeof ucs2lengthModule.default === 'function'
    ? ucs2lengthModule.default
    : (ucs2lengthModule.default as unknown as { default: typeof ucs2lengthModule.default }).default

/** What the generated code asks for by name (see DEPENDENCIES in the generator). */
const DEPENDENCIES: Readonly<Record<string, unknown>> = {
  'iot-sbom:find-duplicate': findDuplicate,
  'iot-sbom:regexp': schemaRegExp,
  // The library's formats: ajv-formats' full set, idn-email from ajv-formats-draft2019, and
  // iri-reference accepted as is.
  'iot-sbom:formats': { ...fullFormats, 'idn-email': idnEmail, 'iri-reference': true },
  // ajv's own equality is fast-deep-equal.
  'ajv/dist/runtime/equal': { default: deepEqual },
  'ajv/dist/runtime/ucs2length': { default: ucs2length },
}

const loaded = new Map<SpecVersion, Promise<ValidateFunction>>()

/** The schema check of one spec version, its validator loaded on first use. */
export async function linearSchemaCheck(version: SpecVersion): Promise<LinearSchemaCheck> {
  let validate = loaded.get(version)
  if (validate === undefined) {
    validate = MODULES[version]().then((module) => module.createValidator(DEPENDENCIES))
    loaded.set(version, validate)
  }
  const run = await validate
  return (document) => (run(document) ? [] : (run.errors ?? []).map(toFailure))
}

function toFailure(error: ErrorObject): SchemaFailure {
  return {
    instancePath: error.instancePath,
    keyword: error.keyword === UNIQUE_KEYWORD ? 'uniqueItems' : error.keyword,
    message: error.message,
    params: error.params as Record<string, unknown>,
  }
}
