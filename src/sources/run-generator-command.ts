// The `command` generator: the user's own tool (syft, trivy, cdxgen…) writes the SBOM file.
import { spawn } from 'node:child_process'
import { ActionError } from '../shared/errors.js'
import type { Logger } from '../shared/logger.js'

/** Lines of output kept for the error message when the command fails. */
const TAIL_LINES = 30
/** Between SIGTERM and SIGKILL when the command's processes are stopped. */
const GRACE_MS = 5_000
/**
 * After SIGKILL, how long to wait for the output pipes to close: a process that left the group
 * (setsid) can hold them open forever.
 */
const PIPE_CLOSE_MS = 2_000

/**
 * What a `run:` step running the command would not get: the runner passes the action's inputs
 * (github-token among them) as INPUT_<NAME>, and these runtime variables only to actions.
 */
const ACTION_ONLY_VARIABLES = new Set([
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_RUNTIME_URL',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_CACHE_URL',
])

/**
 * The command's environment: the action's own minus its inputs and action-only variables, plus
 * GITHUB_TOKEN when `githubToken` is given (generator-github-token: true).
 */
export function commandEnvironment(
  env: NodeJS.ProcessEnv,
  githubToken: string | undefined,
): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(env))
    if (!name.toUpperCase().startsWith('INPUT_') && !ACTION_ONLY_VARIABLES.has(name))
      result[name] = value
  if (githubToken) result.GITHUB_TOKEN = githubToken
  return result
}

export interface CommandLimits {
  /** generator-timeout-seconds. */
  readonly timeoutSeconds: number
  /** Between SIGTERM and SIGKILL; tests shorten it. */
  readonly graceMs?: number
}

interface Outcome {
  readonly code: number | null
  readonly signal: string | null
  readonly timedOut: boolean
  readonly leftovers: boolean
}

/**
 * Runs `command` in bash (as a `shell: bash` step does: -e -o pipefail) in `directory`. Its output
 * stays out of the log unless step debug logging is on; on failure its last lines are shown.
 * The command runs in a process group of its own, so that at the deadline — or when bash exits
 * and leaves background processes — every process it started is stopped, not only bash.
 */
export async function runGeneratorCommand(
  command: string,
  directory: string,
  env: NodeJS.ProcessEnv,
  log: Logger,
  limits: CommandLimits,
): Promise<void> {
  const tail: string[] = []
  const keep = (line: string): void => {
    log.debug(`generator-command: ${line}`)
    tail.push(line)
    if (tail.length > TAIL_LINES) tail.shift()
  }
  const graceMs = limits.graceMs ?? GRACE_MS
  const started = Date.now()
  const outcome = await new Promise<Outcome>((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', command], {
      cwd: directory,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // A new process group (setsid): -pid signals the command and everything it started.
      detached: true,
    })
    const group = child.pid
    const signalGroup = (signal: NodeJS.Signals | 0): boolean => {
      if (group === undefined) return false
      try {
        process.kill(-group, signal)
        return true
      } catch {
        return false // ESRCH: nothing left in the group
      }
    }
    const escalation: NodeJS.Timeout[] = []
    let stopping = false
    const stopGroup = (): void => {
      if (stopping) return
      stopping = true
      if (!signalGroup('SIGTERM')) return
      escalation.push(
        setTimeout(() => {
          signalGroup('SIGKILL')
          escalation.push(
            setTimeout(() => {
              child.stdout.destroy()
              child.stderr.destroy()
            }, PIPE_CLOSE_MS),
          )
        }, graceMs),
      )
    }
    let timedOut = false
    let leftovers = false
    const deadline = setTimeout(() => {
      timedOut = true
      stopGroup()
    }, limits.timeoutSeconds * 1000)
    const finish = (): void => {
      clearTimeout(deadline)
      removeForwarding()
      // The pipes are closed, so what held them is gone. Whatever is left ignored SIGTERM without
      // writing to them: it gets SIGKILL now rather than keep the action waiting for the grace
      // period (zombies, where nothing reaps orphans, would keep a group "alive" forever).
      if (stopping) signalGroup('SIGKILL')
      escalation.forEach(clearTimeout)
    }
    // Detached, the command no longer gets the runner's cancellation with the action: pass it on.
    const forward = (signal: NodeJS.Signals): void => {
      signalGroup('SIGTERM')
      removeForwarding()
      process.kill(process.pid, signal)
    }
    const removeForwarding = (): void => {
      process.off('SIGINT', forward)
      process.off('SIGTERM', forward)
    }
    process.once('SIGINT', forward)
    process.once('SIGTERM', forward)

    for (const stream of [child.stdout, child.stderr]) {
      let pending = ''
      stream.setEncoding('utf8')
      stream.on('data', (chunk: string) => {
        const lines = (pending + chunk).split(/\r?\n/)
        pending = lines.pop() ?? ''
        lines.forEach(keep)
      })
      stream.on('end', () => {
        if (pending) keep(pending)
      })
    }
    child.on('exit', () => {
      // bash is done; whatever is still in its group was started in the background and would
      // outlive the step (and hold the output pipes open).
      if (!stopping && signalGroup(0)) {
        leftovers = true
        stopGroup()
      }
    })
    child.on('error', (error) => {
      finish()
      reject(error)
    })
    child.on('close', (code, signal) => {
      finish()
      resolve({ code, signal, timedOut, leftovers })
    })
  }).catch((error: unknown) => {
    throw new ActionError(`generator-command could not be started: ${(error as Error).message}`, {
      hint: 'The command runs with bash; make sure bash is on the runner (it is on GitHub-hosted runners).',
    })
  })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  const output = `Its last ${tail.length} line(s) of output:\n${tail.map((line) => `  | ${line}`).join('\n') || '  (no output)'}`
  if (outcome.timedOut)
    throw new ActionError(
      `generator-command did not finish within generator-timeout-seconds (${limits.timeoutSeconds} s): it and every process it started were stopped (SIGTERM, then SIGKILL after ${graceMs / 1000} s). ${output}`,
      {
        hint: 'Raise generator-timeout-seconds (up to 21600) if the generator needs longer; otherwise look for a step that waits for input or for a server that never answers (step debug logging, ACTIONS_STEP_DEBUG, shows its output as it runs).',
      },
    )
  if (outcome.leftovers)
    log.info(
      'generator-command left processes running in the background; they were stopped so that none outlives the step.',
    )
  if (outcome.code === 0) {
    log.info(`generator-command finished in ${seconds} s.`)
    return
  }
  const how = outcome.signal
    ? `was killed by ${outcome.signal}`
    : `exited with code ${outcome.code}`
  throw new ActionError(`generator-command ${how} after ${seconds} s. ${output}`, {
    hint: 'Run the command in a step of its own to see all of its output, or turn on step debug logging (ACTIONS_STEP_DEBUG) to see it here.',
  })
}
