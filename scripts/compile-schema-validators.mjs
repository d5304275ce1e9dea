// Compiles the CycloneDX JSON schemas (1.2–1.7) into validator modules at build time, so a run
// never pays ajv's compile (300–500 ms per schema version, more than validating a large SBOM).
//
// Same schemas, ajv options and formats as the library's JsonStrictValidator, with two changes
// that do not alter a verdict: annotations (description, title, $comment, examples) are dropped,
// and every `uniqueItems: true` becomes our `x-unique-items`, checked in one pass by
// src/schema-check/unique-items.ts instead of pairwise (quadratic). The tests compare the verdicts
// with the library's validator over the CycloneDX test suite.
//
// ajv's standalone code names its runtime helpers with `require("…")`; each module here instead
// exports `createValidator(deps)`, and src/schema-check/schema-check-runner.ts passes those helpers
// in. Writes src/schema-check/validators/bom-<version>.mjs (+ .d.mts); `npm run build` runs it
// first, and check-dist fails when the committed files differ from what this writes.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { _, Ajv, str } from 'ajv'
import standaloneCode from 'ajv/dist/standalone/index.js'
import addFormats from 'ajv-formats'
import addDraft2019Formats from 'ajv-formats-draft2019'

const require = createRequire(import.meta.url)
const OUT = fileURLToPath(new URL('../src/schema-check/validators/', import.meta.url))
const SCHEMAS = join(
  dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')),
  'res',
  'schema',
)
// As the library maps its JsonStrictValidator's versions (1.2/1.3 have strict variants).
const SCHEMA_FILES = {
  1.2: 'bom-1.2-strict.SNAPSHOT.schema.json',
  1.3: 'bom-1.3-strict.SNAPSHOT.schema.json',
  1.4: 'bom-1.4.SNAPSHOT.schema.json',
  1.5: 'bom-1.5.SNAPSHOT.schema.json',
  1.6: 'bom-1.6.SNAPSHOT.schema.json',
  1.7: 'bom-1.7.SNAPSHOT.schema.json',
}
const REFERENCED_SCHEMAS = {
  'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json': 'spdx.SNAPSHOT.schema.json',
  'http://cyclonedx.org/schema/cryptography-defs.SNAPSHOT.schema.json':
    'cryptography-defs.SNAPSHOT.schema.json',
  'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json': 'jsf-0.82.SNAPSHOT.schema.json',
}
/** Names the generated code uses for what schema-check-runner.ts passes in. */
export const DEPENDENCIES = {
  formats: 'iot-sbom:formats',
  findDuplicate: 'iot-sbom:find-duplicate',
  regExp: 'iot-sbom:regexp',
}
// Members no validator reads (annotations, and the schemas' descriptions of enum values): left
// out, the generated code is 13 % smaller and loads faster.
const ANNOTATIONS = new Set([
  'description',
  'title',
  '$comment',
  'examples',
  'meta:enum',
  'deprecated',
])
// Members holding data, not schemas: nothing in them is a keyword.
const DATA_MEMBERS = new Set(['enum', 'const', 'default'])
// Members whose keys are names (of properties, definitions), each naming a schema.
const NAME_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs'])

/** A schema with annotations dropped and `uniqueItems: true` as our keyword. */
function prepare(schema) {
  if (Array.isArray(schema)) return schema.map(prepare)
  if (typeof schema !== 'object' || schema === null) return schema
  const copy = {}
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key)) continue
    if (key === 'uniqueItems' && value === true) copy['x-unique-items'] = true
    else if (DATA_MEMBERS.has(key)) copy[key] = value
    else if (NAME_MAPS.has(key) && typeof value === 'object' && value !== null)
      copy[key] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, prepare(sub)]),
      )
    else copy[key] = prepare(value)
  }
  return copy
}

function compile(version) {
  const load = (file) => prepare(JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')))
  const ajv = new Ajv({
    // The library's options, plus allErrors (every problem at once) and source code output.
    useDefaults: false,
    strict: false,
    strictSchema: false,
    addUsedSchema: false,
    allErrors: true,
    code: { source: true, lines: false },
    schemas: Object.fromEntries(
      Object.entries(REFERENCED_SCHEMAS).map(([id, file]) => [id, load(file)]),
    ),
  })
  // Patterns: V8's RegExp while compiling, src/schema-check/schema-patterns.ts in the generated code.
  const regExp = (pattern, flags) => new RegExp(pattern, flags)
  regExp.code = `require(${JSON.stringify(DEPENDENCIES.regExp)})`
  ajv.opts.code.regExp = regExp
  addFormats(ajv)
  addDraft2019Formats(ajv, { formats: ['idn-email'] })
  ajv.addFormat('iri-reference', true)
  // Every format is looked up in one object schema-check-runner.ts assembles (ajv-formats' formats
  // plus idn-email), not in ajv-formats alone as addFormats would have it.
  ajv.opts.code.formats = _`require(${DEPENDENCIES.formats})`
  ajv.addKeyword({
    keyword: 'x-unique-items',
    type: 'array',
    schemaType: 'boolean',
    error: {
      message: ({ params: { i, j } }) =>
        str`must NOT have duplicate items (items ## ${j} and ${i} are identical)`,
      params: ({ params: { i, j } }) => _`{i: ${i}, j: ${j}}`,
    },
    code(cxt) {
      const { gen, data } = cxt
      const find = gen.scopeValue('func', {
        ref: () => undefined,
        code: _`require(${DEPENDENCIES.findDuplicate})`,
      })
      const duplicate = gen.const('duplicate', _`${find}(${data})`)
      const i = gen.const('i', _`${duplicate} === undefined ? -1 : ${duplicate}.second`)
      const j = gen.const('j', _`${duplicate} === undefined ? -1 : ${duplicate}.first`)
      cxt.setParams({ i, j })
      cxt.fail(_`${duplicate} !== undefined`)
    },
  })
  const validate = ajv.compile(load(SCHEMA_FILES[version]))
  return asFactoryModule(version, standaloneCode(ajv, validate))
}

/** ajv's CommonJS standalone code → an ES module exporting `createValidator(deps)`. */
function asFactoryModule(version, code) {
  const root = /module\.exports = (\w+);/.exec(code)?.[1]
  if (root === undefined) throw new Error(`no root validator in the standalone code of ${version}`)
  const body = code
    .replace(/^"use strict";/, '')
    .replace(/module\.exports = \w+;/, '')
    .replace(/module\.exports\.default = \w+;/, '')
  const required = [...new Set([...body.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]))]
  const wired = body.replace(
    /require\("([^"]+)"\)/g,
    (_match, name) => `deps[${JSON.stringify(name)}]`,
  )
  if (/\brequire\(|module\.exports/.test(wired))
    throw new Error(`unexpected module syntax left in the standalone code of ${version}`)
  return {
    required,
    module:
      `// Generated by scripts/compile-schema-validators.mjs from the CycloneDX ${version} JSON schema\n` +
      `// of @cyclonedx/cyclonedx-library. Do not edit: run \`npm run build\`.\n` +
      `export const requires = ${JSON.stringify(required)}\n` +
      `export function createValidator(deps) {\n` +
      `  for (const name of requires) if (!(name in deps)) throw new Error('missing validator dependency ' + name)\n` +
      `${wired}\n` +
      `  return ${root}\n}\n`,
  }
}

const DECLARATION = `// Generated by scripts/compile-schema-validators.mjs. Do not edit.
import type { ValidateFunction } from 'ajv'
export declare const requires: readonly string[]
export declare function createValidator(deps: Readonly<Record<string, unknown>>): ValidateFunction
`

rmSync(OUT, { recursive: true, force: true })
mkdirSync(OUT, { recursive: true })
const needed = new Set()
for (const version of Object.keys(SCHEMA_FILES)) {
  const { module, required } = compile(version)
  for (const name of required) needed.add(name)
  writeFileSync(join(OUT, `bom-${version}.mjs`), module)
  writeFileSync(join(OUT, `bom-${version}.d.mts`), DECLARATION)
}
console.log(
  `CycloneDX validators ${Object.keys(SCHEMA_FILES).join(', ')} in src/schema-check/validators; they need: ${[...needed].join(', ')}`,
)
