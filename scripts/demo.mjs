// `npm run demo`: the action's main job end to end with no AWS account. Starts the loopback AWS
// emulator (S3 + IoT package catalog), runs the *bundled* action against a sample SBOM like a
// runner would, prints the outputs and the job summary. Exits 0 when AWS (emulated) says SUCCEEDED.
import { cp, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startAwsEmulator } from '../__tests__/emulator/aws-emulator.ts'
import { runAction } from '../__tests__/e2e/run-action.ts'

const workspace = await mkdtemp(join(tmpdir(), 'iot-sbom-demo-'))
await cp(
  new URL('../__tests__/fixtures/demo/thermostat.cdx.json', import.meta.url),
  join(workspace, 'build', 'sbom.cdx.json'),
  {
    recursive: true,
  },
)
const emulator = await startAwsEmulator({
  buckets: { 'acme-sboms': { versioning: 'Enabled' } },
  packages: { 'thermostat-firmware': { versions: { 'v2.4.0': {} } } },
  validation: { outcome: 'SUCCEEDED', afterPolls: 1 },
})
console.log(`Loopback AWS emulator at ${emulator.endpoint}\n`)
try {
  const run = await runAction({
    workspace,
    inputs: {
      'package-name': 'thermostat-firmware',
      'version-name': 'v2.4.0',
      sbom: 'build/sbom.cdx.json',
      's3-bucket': 'acme-sboms',
    },
    env: { ...emulator.env },
  })
  console.log('--- action log ---')
  process.stdout.write(run.stdout)
  if (run.stderr.trim()) process.stdout.write(run.stderr)
  console.log('\n--- outputs ---')
  for (const [name, value] of Object.entries(run.outputs)) console.log(`${name}=${value}`)
  console.log('\n--- job summary ---')
  console.log(run.summary)
  const ok =
    run.exitCode === 0 &&
    run.outputs['validation-status'] === 'SUCCEEDED' &&
    Boolean(run.outputs['s3-version-id'])
  console.log(
    ok
      ? `DEMO OK: validation SUCCEEDED, S3 version ${run.outputs['s3-version-id']}`
      : `DEMO FAILED (exit code ${run.exitCode})`,
  )
  process.exitCode = ok ? 0 : 1
} finally {
  await emulator.close()
}
