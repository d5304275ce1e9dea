// The CycloneDX library (a CommonJS package) computes its resource folder at load time with
// `path.resolve(__dirname, '..', 'res')`. Inside our ESM bundle there is no `__dirname`, so that
// free variable would throw at load. We point it at dist/cyclonedx (scripts/finish-bundle.mjs puts
// the XSDs there; the library's own JSON schema files are not read: the action's validators are
// compiled at build time). Outside the bundle (tests run the sources) CommonJS modules get their
// own `__dirname`, and this global is never read.
// This module must be the first import of src/index.ts.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const globalScope = globalThis as { __dirname?: string }
globalScope.__dirname ??= join(dirname(fileURLToPath(import.meta.url)), 'cyclonedx', 'lib')

// ajv-formats-draft2019 (the validator's format plugin) calls require('punycode'); the bundler
// maps that to Node's deprecated built-in instead of the npm package, and Node prints DEP0040 on
// every run. The warning is about our bundling, not the user's SBOM, so only that one is dropped.
const emitWarning = process.emitWarning.bind(process)
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const code =
    typeof rest[1] === 'string' ? rest[1] : (rest[0] as { code?: string } | undefined)?.code
  if (code === 'DEP0040') return
  ;(emitWarning as (...args: unknown[]) => void)(warning, ...rest)
}) as typeof process.emitWarning
