// Copies the CycloneDX JSON schemas the library's validator reads at run time next to the bundle
// (see src/bundle-resources.ts). Only JSON schemas: the action validates JSON, never XML output.
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const libraryRoot = dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json'))
const from = join(libraryRoot, 'res', 'schema')
const to = new URL('../dist/cyclonedx/res/schema/', import.meta.url).pathname
rmSync(new URL('../dist/cyclonedx/', import.meta.url), { recursive: true, force: true })
mkdirSync(to, { recursive: true })
const copied = readdirSync(from).filter((name) => name.endsWith('.schema.json'))
for (const name of copied) copyFileSync(join(from, name), join(to, name))
console.log(`copied ${copied.length} CycloneDX JSON schemas to dist/cyclonedx/res/schema`)
