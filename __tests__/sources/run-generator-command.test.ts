// generator: command runs the user's tool on code a pull request controls: bounded in time, its
// whole process tree stopped, and without the action's inputs (github-token) in its environment.
import { readFileSync } from 'node:fs'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { commandEnvironment, runGeneratorCommand } from '../../src/sources/run-generator-command.ts'
import { ActionError } from '../../src/shared/errors.ts'
import type { Logger } from '../../src/shared/logger.ts'

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = []
  return {
    lines,
    info: (message) => lines.push(message),
    notice: (message) => lines.push(`notice: ${message}`),
    warning: (message) => lines.push(`warning: ${message}`),
    debug: () => {},
  }
}

/** Alive: in the process table and not a zombie waiting to be reaped. */
function isAlive(pid: number): boolean {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    return !/^State:\s+Z/m.test(status)
  } catch {
    return false
  }
}

async function pidsIn(file: string): Promise<number[]> {
  return (await readFile(file, 'utf8')).split(/\s+/).filter(Boolean).map(Number)
}

async function waitUntil(done: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms
  while (!done() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50))
  return done()
}

describe('runGeneratorCommand', () => {
  it('stops the command and every process it started at generator-timeout-seconds', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'generator-'))
    const log = recordingLogger()
    const started = Date.now()
    // A child that sleeps in the background, a grandchild, and bash itself sleeping.
    const running = runGeneratorCommand(
      'sleep 300 & echo $! >> pids; bash -c "sleep 300 & echo \\$! >> pids; sleep 300" & echo $! >> pids; echo working; sleep 300',
      dir,
      {},
      log,
      { timeoutSeconds: 1 },
    )
    await expect(running).rejects.toBeInstanceOf(ActionError)
    await expect(running).rejects.toThrow(
      /^generator-command did not finish within generator-timeout-seconds \(1 s\): it and every process it started were stopped \(SIGTERM, then SIGKILL after 5 s\)\. Its last 1 line\(s\) of output:\n {2}\| working$/,
    )
    expect(Date.now() - started).toBeLessThan(4000)
    const pids = await pidsIn(join(dir, 'pids'))
    expect(pids).toHaveLength(3)
    expect(await waitUntil(() => pids.every((pid) => !isAlive(pid)), 2000)).toBe(true)
  })

  it('sends SIGKILL after the grace period to a process that ignores SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'generator-'))
    const started = Date.now()
    const running = runGeneratorCommand(
      `bash -c 'trap "" TERM; echo $$ >> pids; while true; do sleep 0.1; done' & wait`,
      dir,
      {},
      recordingLogger(),
      { timeoutSeconds: 1, graceMs: 500 },
    )
    await expect(running).rejects.toThrow(/SIGKILL after 0\.5 s/)
    expect(Date.now() - started).toBeLessThan(4000)
    const pids = await pidsIn(join(dir, 'pids'))
    expect(await waitUntil(() => pids.every((pid) => !isAlive(pid)), 2000)).toBe(true)
  })

  it('stops what the command left running in the background when it exits, and says so', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'generator-'))
    const log = recordingLogger()
    const started = Date.now()
    await runGeneratorCommand('sleep 300 & echo $! > pids', dir, {}, log, { timeoutSeconds: 60 })
    expect(Date.now() - started).toBeLessThan(3000)
    const pids = await pidsIn(join(dir, 'pids'))
    expect(await waitUntil(() => pids.every((pid) => !isAlive(pid)), 2000)).toBe(true)
    expect(log.lines).toContain(
      'generator-command left processes running in the background; they were stopped so that none outlives the step.',
    )
    expect(log.lines.at(-1)).toMatch(/^generator-command finished in \d+\.\d s\.$/)
  })
})

describe('commandEnvironment', () => {
  const env = {
    PATH: '/usr/bin',
    HOME: '/home/runner',
    GITHUB_SHA: 'a'.repeat(40),
    'INPUT_GITHUB-TOKEN': 'ghs_secret',
    'INPUT_PACKAGE-NAME': 'gateway-fw',
    input_lowercase: 'x',
    ACTIONS_RUNTIME_TOKEN: 'runtime-secret',
    ACTIONS_RESULTS_URL: 'https://results',
    ACTIONS_ID_TOKEN_REQUEST_URL: 'https://oidc',
  }

  it('drops every INPUT_* variable and the action-only runtime variables', () => {
    expect(commandEnvironment(env, undefined)).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/runner',
      GITHUB_SHA: 'a'.repeat(40),
      // A run: step gets it too (with id-token: write); it is not the action's to take away.
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://oidc',
    })
  })

  it('adds the token as GITHUB_TOKEN only when asked (generator-github-token)', () => {
    expect(commandEnvironment(env, 'ghs_secret').GITHUB_TOKEN).toBe('ghs_secret')
    expect(commandEnvironment(env, undefined)).not.toHaveProperty('GITHUB_TOKEN')
  })
})
