import { existsSync } from 'node:fs'

// The e2e tests run the committed bundle, like a runner does. Refuse to run them against nothing.
export default function setup(): void {
  const bundle = new URL('../dist/index.js', import.meta.url)
  if (!existsSync(bundle))
    throw new Error('dist/index.js is missing: run `npm run build` before `npm test`.')
  if (Number(process.versions.node.split('.')[0]) < 24)
    throw new Error(
      `Tests run on Node 24 (action.yml runs.using: node24); this is ${process.version}. Use \`npm test\`.`,
    )
}
