// Hostile data never drives the runner: a fork's pull request controls file names, symlinks,
// SBOM text and lockfiles, and a workflow can get an input or the environment wrong. Each case
// runs the bundled action and checks the outcome a user sees: a named error (never "Unexpected
// error"), nothing written outside the workspace or RUNNER_TEMP, nothing overwritten that the
// action reads, no hang, no process left behind.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import {
  chmod,
  link,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startAwsEmulator, type AwsEmulator } from '../emulator/aws-emulator.ts'
import { runAction, workspaceWith, type ActionRun, type RunOptions } from './run-action.ts'

const DEMO_SBOM = new URL('../fixtures/demo/thermostat.cdx.json', import.meta.url)
const SBOM_PATH = 'build/sbom.cdx.json'
const VALIDATE = {
  'package-name': 'gateway-fw',
  'version-name': '3.1.0',
  sbom: SBOM_PATH,
  mode: 'validate',
}

let emulator: AwsEmulator | undefined
afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

/** The error annotations of a failed run; never the catch-all for bugs. */
function failure(run: ActionRun): string {
  expect(run.exitCode, run.stdout).toBe(1)
  const errors = run.errors.join('\n')
  expect(errors).not.toMatch(/Unexpected error/)
  expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/)
  return errors
}

async function validate(
  options: Partial<RunOptions> & { prepare?: (workspace: string) => Promise<void> } = {},
): Promise<{ run: ActionRun; workspace: string; seconds: number }> {
  const { prepare, ...rest } = options
  const workspace = rest.workspace ?? (await workspaceWith({ [SBOM_PATH]: DEMO_SBOM }))
  await prepare?.(workspace)
  const started = Date.now()
  const run = await runAction({ ...rest, workspace, inputs: { ...VALIDATE, ...rest.inputs } })
  return { run, workspace, seconds: (Date.now() - started) / 1000 }
}

const sbomText = () => readFile(DEMO_SBOM, 'utf8')
const mkfifo = (path: string): void => void execFileSync('mkfifo', [path])

describe('ocsf-output: written only inside the workspace, only over a regular file that is not an input', () => {
  it('"../x.json" is refused before anything runs, and nothing appears outside the workspace', async () => {
    const { run, workspace } = await validate({ inputs: { 'ocsf-output': '../x.json' } })
    expect(failure(run)).toMatch(
      /ocsf-output "\.\.\/x\.json" contains "\.\.": give a file path relative to the workspace/,
    )
    await expect(stat(join(workspace, '..', 'x.json'))).rejects.toThrow(/ENOENT/)
  })

  it('the SBOM input itself is refused, by name or through a link, and the SBOM is left intact', async () => {
    const byName = await validate({ inputs: { 'ocsf-output': SBOM_PATH } })
    expect(failure(byName.run)).toContain(
      `ocsf-output "${SBOM_PATH}" is also named by sbom ("${SBOM_PATH}"): the event would overwrite the SBOM`,
    )
    expect(await readFile(join(byName.workspace, SBOM_PATH), 'utf8')).toBe(await sbomText())

    const throughLinks = await validate({
      inputs: { 'ocsf-output': 'reports/hard.json' },
      prepare: async (workspace) => {
        await mkdir(join(workspace, 'reports'))
        await link(join(workspace, SBOM_PATH), join(workspace, 'reports/hard.json'))
      },
    })
    expect(failure(throughLinks.run)).toMatch(
      /Cannot write ocsf-output "reports\/hard\.json" \(.*\): it is an input of the action \(build\/sbom\.cdx\.json\), which the action must not overwrite\./,
    )
    expect(await readFile(join(throughLinks.workspace, SBOM_PATH), 'utf8')).toBe(await sbomText())
  })

  it('a directory is refused (not EISDIR), a named pipe at once (not a hang)', async () => {
    const directory = await validate({
      inputs: { 'ocsf-output': 'reports' },
      prepare: (workspace) => mkdir(join(workspace, 'reports')).then(() => undefined),
    })
    expect(failure(directory.run)).toMatch(
      /Cannot write ocsf-output "reports" \(.*\/reports\): it is a directory, not a regular file\.\nPoint ocsf-output at a new file/,
    )
    const pipe = await validate({
      inputs: { 'ocsf-output': 'event.json' },
      prepare: async (workspace) => mkfifo(join(workspace, 'event.json')),
    })
    expect(failure(pipe.run)).toMatch(/it is a named pipe \(FIFO\), not a regular file/)
    expect(pipe.seconds).toBeLessThan(20)
  })

  it('a symlink leading outside the workspace is refused, and what it points at is untouched', async () => {
    const outside = join(await mkdtemp(join(tmpdir(), 'outside-')), 'victim.json')
    await writeFile(outside, 'keep me')
    const { run } = await validate({
      inputs: { 'ocsf-output': 'reports/event.json' },
      prepare: async (workspace) => {
        await mkdir(join(workspace, 'reports'))
        await symlink(outside, join(workspace, 'reports/event.json'))
      },
    })
    expect(failure(run)).toMatch(/it is a symlink to .*victim\.json, outside GITHUB_WORKSPACE/)
    expect(await readFile(outside, 'utf8')).toBe('keep me')
  })

  it('a new file in a new directory is written as before', async () => {
    const { run, workspace } = await validate({ inputs: { 'ocsf-output': 'out/./e.json' } })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.outputs['ocsf-file']).toBe(join(workspace, 'out/e.json'))
  })
})

describe('sbom: reads and globs stay in the workspace', () => {
  it('"../**" is refused before any walk', async () => {
    const { run, seconds } = await validate({ inputs: { sbom: '../**' } })
    expect(failure(run)).toMatch(
      /sbom pattern "\.\.\/\*\*" resolves to ".*", outside the workspace .*: only files inside GITHUB_WORKSPACE are read\./,
    )
    expect(seconds).toBeLessThan(10)
  })

  it('a glob through a symlinked directory does not list what is outside', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'outside-'))
    await writeFile(join(outside, 'secret.cdx.json'), await sbomText())
    const { run } = await validate({
      inputs: { sbom: 'vendor/**/*.cdx.json' },
      prepare: (workspace) => symlink(outside, join(workspace, 'vendor')),
    })
    expect(failure(run)).toMatch(/sbom pattern "vendor\/\*\*\/\*\.cdx\.json" matched no file/)
    expect(run.stdout).not.toContain('secret')
  })

  it('a named pipe and a symlink loop are named for what they are', async () => {
    const { run, seconds } = await validate({
      inputs: { sbom: 'build/pipe.json\nbuild/loop.json' },
      prepare: async (workspace) => {
        mkfifo(join(workspace, 'build/pipe.json'))
        await symlink('loop.json', join(workspace, 'build/loop.json'))
      },
    })
    const errors = failure(run)
    expect(errors).toMatch(/sbom "build\/pipe\.json" is not a regular file: it is a named pipe/)
    expect(errors).toMatch(/sbom file "build\/loop\.json" is a symlink loop/)
    expect(seconds).toBeLessThan(20)
  })
})

describe('the environment: a named error saying what to set', () => {
  it('GITHUB_WORKSPACE missing or not a directory', async () => {
    const gone = join(await mkdtemp(join(tmpdir(), 'ws-')), 'gone')
    const missing = await validate({ env: { GITHUB_WORKSPACE: gone } })
    expect(failure(missing.run)).toMatch(
      /GITHUB_WORKSPACE \(.*gone\) does not exist\.\nThe runner sets GITHUB_WORKSPACE to the checkout; when you run the action yourself, set it/,
    )
    const unset = await validate({ env: { GITHUB_WORKSPACE: '' } })
    expect(failure(unset.run)).toMatch(/GITHUB_WORKSPACE is not set/)
  })

  it.skipIf(process.getuid?.() === 0)('GITHUB_WORKSPACE unreadable', async () => {
    const workspace = await workspaceWith({ [SBOM_PATH]: DEMO_SBOM })
    await chmod(workspace, 0o000)
    try {
      const { run } = await validate({ workspace })
      expect(failure(run)).toMatch(/GITHUB_WORKSPACE \(.*\) cannot be accessed/)
    } finally {
      await chmod(workspace, 0o755)
    }
  })

  it('RUNNER_TEMP a file, or its iot-sbom-action folder a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'runner-'))
    await writeFile(join(dir, 'file'), '')
    const tempIsFile = await validate({ env: { RUNNER_TEMP: join(dir, 'file') } })
    expect(failure(tempIsFile.run)).toMatch(
      /RUNNER_TEMP \(.*file\) is not a directory: it is a regular file\.\nRUNNER_TEMP must be an existing directory/,
    )
    await writeFile(join(dir, 'iot-sbom-action'), '')
    const folderIsFile = await validate({ env: { RUNNER_TEMP: dir } })
    expect(failure(folderIsFile.run)).toMatch(
      /Cannot write the artifact \(.*\): iot-sbom-action is a regular file, not a directory\./,
    )
  })

  it('GITHUB_OUTPUT in a directory that does not exist', async () => {
    const { run } = await validate({ env: { GITHUB_OUTPUT: '/nonexistent-dir/output' } })
    expect(failure(run)).toMatch(
      /Could not write the output sbom-file to GITHUB_OUTPUT \(\/nonexistent-dir\/output\).*\nRun the action on a GitHub runner/s,
    )
  })

  it('GITHUB_EVENT_PATH a directory or a named pipe', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'event-'))
    mkfifo(join(dir, 'pipe'))
    for (const [path, kind] of [
      [dir, 'a directory'],
      [join(dir, 'pipe'), 'a named pipe \\(FIFO\\)'],
    ] as const) {
      const { run, seconds } = await validate({ env: { GITHUB_EVENT_PATH: path } })
      expect(failure(run)).toMatch(
        new RegExp(`GITHUB_EVENT_PATH \\(.*\\) is ${kind}, not the event`),
      )
      expect(seconds).toBeLessThan(20)
    }
  })
})

describe('the longest accepted names', () => {
  const PACKAGE = `p${'a'.repeat(127)}`
  const VERSION = `v${'1'.repeat(63)}`
  const SHA = 'c0ffee'.repeat(10) + 'abcd'
  const env = { GITHUB_SHA: SHA }

  function expectArtifactName(run: ActionRun): void {
    const name = basename(run.outputs['sbom-file'] ?? '')
    expect(name).toBe(`${PACKAGE}-${VERSION}-${SHA.slice(0, 12)}.zip`)
    expect(Buffer.byteLength(name.replace(/\.zip$/, '.normalization.json'))).toBeLessThanOrEqual(
      255,
    )
  }

  it('validate mode: the local file names fit 255 bytes', async () => {
    const { run } = await validate({
      inputs: { 'package-name': PACKAGE, 'version-name': VERSION },
      env,
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expectArtifactName(run)
    expect(run.stdout).not.toMatch(/ENAMETOOLONG/)
  })

  it('publish mode: the S3 key keeps the full SHA', async () => {
    emulator = await startAwsEmulator({
      buckets: { 'acme-sboms': { versioning: 'Enabled' } },
      packages: { [PACKAGE]: { versions: { [VERSION]: {} } } },
    })
    const run = await runAction({
      workspace: await workspaceWith({ [SBOM_PATH]: DEMO_SBOM }),
      inputs: {
        'package-name': PACKAGE,
        'version-name': VERSION,
        sbom: SBOM_PATH,
        's3-bucket': 'acme-sboms',
      },
      env: { ...emulator.env, ...env },
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.outputs['s3-key']).toBe(`sbom/${PACKAGE}/${VERSION}/${SHA}.zip`)
    expect(run.outputs['validation-status']).toBe('SUCCEEDED')
    expectArtifactName(run)
  })
})

describe('names and key prefixes', () => {
  it('version-name ".." and package-name "." are refused', async () => {
    const { run } = await validate({ inputs: { 'package-name': '.', 'version-name': '..' } })
    const errors = failure(run)
    expect(errors).toMatch(/package-name "\." is refused: it becomes a segment of the S3 key/)
    expect(errors).toMatch(/version-name "\.\." is refused/)
  })

  it.each(['./', 'a/./b/', 'a//b/'])('s3-key-prefix %s is refused', async (prefix) => {
    const { run } = await validate({ inputs: { 's3-key-prefix': prefix } })
    expect(failure(run)).toMatch(
      /s3-key-prefix ".*" has (a "\." or "\.\." segment|an empty segment)/,
    )
  })

  it('a prefix without "/" gets one, and the log says so', async () => {
    emulator = await startAwsEmulator({
      buckets: { 'acme-sboms': { versioning: 'Enabled' } },
      packages: { 'gateway-fw': { versions: { '3.1.0': {} } } },
    })
    const run = await runAction({
      workspace: await workspaceWith({ [SBOM_PATH]: DEMO_SBOM }),
      inputs: { ...VALIDATE, mode: 'publish', 's3-bucket': 'acme-sboms', 's3-key-prefix': 'sboms' },
      env: emulator.env,
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.outputs['s3-key']).toMatch(/^sboms\/gateway-fw\/3\.1\.0\/[0-9a-f]{40}\.zip$/)
    expect(run.stdout).toContain(
      '::warning title=Input adjusted::s3-key-prefix "sboms" does not end with "/": using "sboms/"',
    )
  })
})

describe('generator: command', () => {
  const COMMAND = { ...VALIDATE, generator: 'command' }

  function alive(pid: number): boolean {
    try {
      return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'))
    } catch {
      return false
    }
  }

  it('stops the command and the processes it started at generator-timeout-seconds', async () => {
    const { run, workspace, seconds } = await validate({
      inputs: {
        ...COMMAND,
        'generator-timeout-seconds': '1',
        'generator-command':
          'bash -c "sleep 120 & echo \\$! >> pids; sleep 120" & echo $! >> pids; sleep 120',
      },
    })
    expect(failure(run)).toMatch(
      /generator-command did not finish within generator-timeout-seconds \(1 s\): it and every process it started were stopped/,
    )
    expect(seconds).toBeLessThan(8)
    const pids = (await readFile(join(workspace, 'pids'), 'utf8')).split('\n').filter(Boolean)
    expect(pids).toHaveLength(2)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(pids.map(Number).filter(alive)).toEqual([])
  })

  it('never sees the action inputs; gets GITHUB_TOKEN only with generator-github-token: true', async () => {
    const token = 'ghs_FakeTokenForTheGeneratorCommand0123'
    const command = `env | grep -c '^INPUT_' > inputs.txt || true; printf %s "\${GITHUB_TOKEN:-none}" | wc -c > token.txt; mkdir -p build && cp fixture.json ${SBOM_PATH}`
    const outcome = async (inputs: Record<string, string>) => {
      const workspace = await workspaceWith({ 'fixture.json': DEMO_SBOM })
      const { run } = await validate({
        workspace,
        inputs: { ...COMMAND, 'github-token': token, 'generator-command': command, ...inputs },
      })
      expect(run.exitCode, run.stdout).toBe(0)
      const read = (name: string) => readFile(join(workspace, name), 'utf8').then((t) => t.trim())
      return [await read('inputs.txt'), await read('token.txt')]
    }
    expect(await outcome({})).toEqual(['0', '4']) // "none"
    expect(await outcome({ 'generator-github-token': 'true' })).toEqual(['0', String(token.length)])
  })
})

describe('input values echoed in errors', () => {
  it('a 120 KB value is shown cut to 200 characters, with its length', async () => {
    const { run } = await validate({ inputs: { 'package-name': 'x'.repeat(120_000) } })
    const errors = failure(run)
    expect(errors).toContain(`package-name "${'x'.repeat(200)}…" (120000 characters) is not`)
    expect(errors.length).toBeLessThan(2_000)
    expect(run.summary.length).toBeLessThan(4_000)
  })
})

describe('nothing written outside the workspace and RUNNER_TEMP', () => {
  it('a green run writes only the artifact, its report and the OCSF event', async () => {
    const runnerTemp = await mkdtemp(join(tmpdir(), 'runner-temp-'))
    const { run, workspace } = await validate({
      inputs: { 'ocsf-output': 'reports/e.json' },
      env: { RUNNER_TEMP: runnerTemp },
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect((await readdir(join(runnerTemp, 'iot-sbom-action'))).sort()).toEqual([
      expect.stringMatching(/^gateway-fw-3\.1\.0-[0-9a-f]{40}\.normalization\.json$/),
      expect.stringMatching(/^gateway-fw-3\.1\.0-[0-9a-f]{40}\.zip$/),
    ])
    expect(await readdir(join(workspace, 'reports'))).toEqual(['e.json'])
  })
})
