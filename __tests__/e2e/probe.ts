// Runs the bundle with probe-preload.ts preloaded and reads back what the action's process did:
// the network connections it attempted, the file modules it loaded and the globals it defined.
// Observations of behaviour, not of the bundle's layout: no chunk names, no file contents.
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { BUNDLE, runAction, type ActionRun, type RunOptions } from './run-action.ts'

const PRELOAD = fileURLToPath(new URL('./probe-preload.ts', import.meta.url))

/**
 * The global the AWS SDK defines when it is loaded: every v3 client runs on @aws-sdk/core, which
 * loads @aws/lambda-invoke-store, and that module sets globalThis.awslambda when evaluated
 * (unless AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA is set, which no test does). Only evaluation
 * sets it: code sitting unused in a bundle file leaves no trace. The publish-mode control test
 * proves the marker still appears when the SDK runs, so an SDK release without it fails that
 * test instead of making the absence checks pass for nothing.
 */
export const AWS_SDK_GLOBAL = 'awslambda'

export interface ProbeRecord {
  /** The probe was in place before the bundle ran, and saw the process end. */
  started: boolean
  exited: boolean
  /** host:port (or socket path) of every outbound connection attempt, in order. */
  connections: string[]
  /** file: URLs of the modules loaded, apart from the entry (dist/index.mjs) itself. */
  modulesBeyondEntry: string[]
  /** Global names (String(key) for symbols) the process defined while it ran. */
  globals: string[]
}

export interface ProbedRun {
  run: ActionRun
  probe: ProbeRecord
}

/** runAction, with the probe preloaded into the bundle's process. */
export async function runProbed(options: RunOptions): Promise<ProbedRun> {
  const log = join(await mkdtemp(join(tmpdir(), 'iot-sbom-probe-')), 'probe.jsonl')
  const run = await runAction({
    ...options,
    nodeArgs: [...(options.nodeArgs ?? []), '--import', pathToFileURL(PRELOAD).href],
    env: { ...options.env, IOT_SBOM_PROBE_LOG: log },
  })
  const text = await readFile(log, 'utf8').catch(() => '')
  const entries = text
    .split('\n')
    .filter(Boolean)
    .map(
      (line) =>
        JSON.parse(line) as { kind: string; target?: string; url?: string; globals?: string[] },
    )
  const entry = pathToFileURL(BUNDLE).href
  return {
    run,
    probe: {
      started: entries.some((e) => e.kind === 'start'),
      exited: entries.some((e) => e.kind === 'exit'),
      connections: entries.filter((e) => e.kind === 'connect').map((e) => e.target as string),
      modulesBeyondEntry: entries
        .filter((e) => e.kind === 'module' && e.url !== entry)
        .map((e) => e.url as string),
      globals: entries.find((e) => e.kind === 'exit')?.globals ?? [],
    },
  }
}
