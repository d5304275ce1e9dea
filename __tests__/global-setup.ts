import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

// The e2e tests run the bundle, like a runner does. Refuse to run them against a missing or
// stale one: green tests of an old dist/ would be a silent wrong answer.
export default function setup(): void {
  if (Number(process.versions.node.split('.')[0]) < 24)
    throw new Error(
      `Tests run on Node 24 (action.yml runs.using: node24); this is ${process.version}. Use \`npm test\`.`,
    )
  const bundle = join(ROOT, 'dist', 'index.mjs')
  if (!existsSync(bundle))
    throw new Error('dist/index.mjs is missing: run `npm run build` before `npm test`.')
  const newestSource = newestMtime(join(ROOT, 'src'))
  if (newestSource > statSync(bundle).mtimeMs)
    throw new Error(
      'src/ changed after dist/index.mjs was built: run `npm run build` before `npm test`.',
    )
}

function newestMtime(directory: string): number {
  return readdirSync(directory, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(directory, entry.name)
    return Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }, 0)
}
