// `node __tests__/emulator/cli.ts [--port N]`: the loopback AWS emulator as a standalone process,
// with a versioned bucket `demo-sboms` and the package version `demo-firmware@1.0.0`. Prints the
// endpoint and the environment to point the AWS SDK (or this action) at it; runs until SIGINT/SIGTERM.
import { parseArgs } from 'node:util'
import { startAwsEmulator } from './aws-emulator.ts'

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } })
const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be an integer 0-65535, not ${values.port}`)
  process.exit(2)
}

const emulator = await startAwsEmulator({
  port,
  buckets: { 'demo-sboms': { versioning: 'Enabled' } },
  packages: { 'demo-firmware': { versions: { '1.0.0': {} } } },
})
console.log(`endpoint=${emulator.endpoint}`)
for (const [name, value] of Object.entries(emulator.env)) console.log(`${name}=${value}`)

let stopping = false
async function stop(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  console.error(`${signal}: stopping the emulator (${emulator.requests.length} requests served)`)
  await emulator.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop('SIGINT'))
process.on('SIGTERM', () => void stop('SIGTERM'))
