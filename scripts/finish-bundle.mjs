// Runs after ncc: makes dist/ what the runner needs.
// 1. The bundle is ESM, so it is named index.mjs, and dist/package.json says "type": "commonjs"
//    (ncc wrote "module"; the repository's own package.json says so too): the xmllint worker ncc
//    copies next to the bundle (xmllint-node.js) is CommonJS.
// 2. The CycloneDX XSDs for the XML input's schema check (src/schema-check/schema-check-xml.ts),
//    in dist/cyclonedx/res/schema. (JSON schemas are not needed: they are compiled into the bundle
//    by scripts/compile-schema-validators.mjs.)
// 3. xmllint.wasm, which the xmllint worker loads from its own folder.
// 4. The chunks ncc splits off at dynamic imports (the AWS SDK, the GitHub client: loaded only
//    when a run needs them) are ES modules named `<id>.index.js`; under dist/package.json's
//    "commonjs" they would load as CommonJS and fail. They become `<id>.index.mjs`, and the one
//    place the webpack runtime builds their file name is changed to match. ncc minifies only the
//    main file, so the chunks are minified here (terser, the minifier ncc itself uses).
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { minify } from 'terser'

const require = createRequire(import.meta.url)
const dist = fileURLToPath(new URL('../dist/', import.meta.url))

const chunks = readdirSync(dist).filter((name) => /^\d+\.index\.js$/.test(name))
for (const chunk of chunks) {
  const { code } = await minify(readFileSync(join(dist, chunk), 'utf8'), {
    module: true,
    compress: true,
    mangle: true,
    format: { comments: false },
  })
  if (code === undefined) throw new Error(`terser returned nothing for ${chunk}`)
  writeFileSync(join(dist, chunk.replace(/\.js$/, '.mjs')), code)
  rmSync(join(dist, chunk))
}
const bundle = readFileSync(join(dist, 'index.js'), 'utf8')
const chunkName = '+".index.js"}'
const uses = bundle.split(chunkName).length - 1
if (chunks.length > 0 && uses !== 1)
  throw new Error(
    `expected the chunk file name ${chunkName} once in the bundle, found it ${uses} times: ncc's runtime changed, update scripts/finish-bundle.mjs`,
  )
writeFileSync(join(dist, 'index.mjs'), bundle.replace(chunkName, '+".index.mjs"}'))
rmSync(join(dist, 'index.js'))
writeFileSync(join(dist, 'package.json'), '{ "type": "commonjs" }\n')
if (!existsSync(join(dist, 'xmllint-node.js'))) throw new Error('ncc did not emit xmllint-node.js')

const libraryRoot = dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json'))
const from = join(libraryRoot, 'res', 'schema')
const to = join(dist, 'cyclonedx', 'res', 'schema')
rmSync(join(dist, 'cyclonedx'), { recursive: true, force: true })
mkdirSync(to, { recursive: true })
const wanted = (name) => /^bom-1\.[2-7]\.SNAPSHOT\.xsd$/.test(name) || name === 'spdx.SNAPSHOT.xsd'
const copied = readdirSync(from).filter(wanted)
for (const name of copied) copyFileSync(join(from, name), join(to, name))

const xmllintRoot = dirname(require.resolve('xmllint-wasm/package.json'))
copyFileSync(join(xmllintRoot, 'xmllint.wasm'), join(dist, 'xmllint.wasm'))
console.log(
  `dist/index.mjs + ${chunks.length} chunks; ${copied.length} CycloneDX schemas in dist/cyclonedx/res/schema; xmllint.wasm`,
)
