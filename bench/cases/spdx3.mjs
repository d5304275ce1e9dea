// One measured run in a fresh process: `reader` reads an SPDX file into the library's model
// (parsing included: readSpdxJson, the tag-value parser + readSpdxJson, or readSpdx3JsonLd), `normalize` does everything the action
// does with it (as bench/cases/normalize.mjs). Prints one JSON line: milliseconds and peak RSS.
// Arguments: reader|normalize, file.
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'

const [mode, file] = process.argv.slice(2)
const { readSpdxJson } = await import('../../src/formats/spdx-json.ts')
const { readSpdx3JsonLd } = await import('../../src/formats/spdx3-jsonld.ts')
const { parseSpdxTagValue } = await import('../../src/formats/spdx-tagvalue.ts')
const { normalizeSbom } = await import('../../src/sbom/normalize.ts')
const { linearSchemaCheck } = await import('../../src/schema-check/schema-check-runner.ts')
await linearSchemaCheck('1.4')

const started = performance.now()
const text = readFileSync(file, 'utf8')
let components
if (mode === 'reader') {
  const read = file.endsWith('.spdx')
    ? readSpdxJson(parseSpdxTagValue(file, text).document)
    : readJson(JSON.parse(text))
  components = read.bom.components.size
} else {
  const normalized = await normalizeSbom({
    file: 'bench.spdx.json',
    content: text,
    targetSpecVersion: '1.4',
    packageName: 'synthetic-product',
    versionName: '1.0.0',
    commitSha: '0123456789abcdef0123456789abcdef01234567',
    repository: 'example/bench',
    tool: { name: 'iot-sbom-action', version: 'bench', vendor: 'bench' },
  })
  components = normalized.componentCount
}
const ms = performance.now() - started

function readJson(document) {
  return '@context' in document ? readSpdx3JsonLd(file, document) : readSpdxJson(document)
}
console.log(JSON.stringify({ ms, rssMiB: process.resourceUsage().maxRSS / 1024, components }))
