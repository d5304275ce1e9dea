// The `command` generator: the user's own tool (syft, trivy, cdxgen…) writes the SBOM file.
import { spawn, type ChildProcessByStdio } from 'node:child_process'
import type { Readable } from 'node:stream'
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
  const tail = outputTail(log)
  const graceMs = limits.graceMs ?? GRACE_MS
  const started = Date.now()
  const outcome = await runInOwnProcessGroup(command, directory, env, tail.keep, {
    timeoutMs: limits.timeoutSeconds * 1000,
    graceMs,
  }).catch(notStarted)
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  const output = describeTail(tail.lines)
  if (outcome.timedOut) throw timedOutError(limits.timeoutSeconds, graceMs, output)
  if (outcome.leftovers)
    log.info(
      'generator-command left processes running in the background; they were stopped so that none outlives the step.',
    )
  if (outcome.code === 0) {
    log.info(`generator-command finished in ${seconds} s.`)
    return
  }
  throw failedError(outcome, seconds, output)
}

interface OutputTail {
  /** The last TAIL_LINES lines, oldest first. */
  readonly lines: string[]
  /** Logs `line` at debug level and keeps it among the last lines. */
  readonly keep: (line: string) => void
}

/** Where the command's output goes: the debug log, and the last lines for the error message. */
function outputTail(log: Logger): OutputTail {
  const lines: string[] = []
  const keep = (line: string): void => {
    log.debug(`generator-command: ${line}`)
    lines.push(line)
    if (lines.length > TAIL_LINES) lines.shift()
  }
  return { lines, keep }
}

/** The end of the error messages: the command's last lines of output. */
function describeTail(tail: readonly string[]): string {
  return `Its last ${tail.length} line(s) of output:\n${tail.map((line) => `  | ${line}`).join('\n') || '  (no output)'}`
}

/** bash could not be started: spawn threw, or the child emitted 'error'. */
function notStarted(error: unknown): never {
  throw new ActionError(`generator-command could not be started: ${(error as Error).message}`, {
    hint: 'The command runs with bash; make sure bash is on the runner (it is on GitHub-hosted runners).',
  })
}

function timedOutError(timeoutSeconds: number, graceMs: number, output: string): ActionError {
  return new ActionError(
    `generator-command did not finish within generator-timeout-seconds (${timeoutSeconds} s): it and every process it started were stopped (SIGTERM, then SIGKILL after ${graceMs / 1000} s). ${output}`,
    {
      hint: 'Raise generator-timeout-seconds (up to 21600) if the generator needs longer; otherwise look for a step that waits for input or for a server that never answers (step debug logging, ACTIONS_STEP_DEBUG, shows its output as it runs).',
    },
  )
}

function failedError(outcome: Outcome, seconds: string, output: string): ActionError {
  const how = outcome.signal
    ? `was killed by ${outcome.signal}`
    : `exited with code ${outcome.code}`
  return new ActionError(`generator-command ${how} after ${seconds} s. ${output}`, {
    hint: 'Run the command in a step of its own to see all of its output, or turn on step debug logging (ACTIONS_STEP_DEBUG) to see it here.',
  })
}

interface GroupTimers {
  /** generator-timeout-seconds, in milliseconds. */
  readonly timeoutMs: number
  /** Between SIGTERM and SIGKILL. */
  readonly graceMs: number
}

type CommandProcess = ChildProcessByStdio<null, Readable, Readable>

/**
 * Runs the command in a process group of its own and settles once its output pipes are closed.
 * Rejects when bash cannot be spawned.
 */
function runInOwnProcessGroup(
  command: string,
  directory: string,
  env: NodeJS.ProcessEnv,
  keep: (line: string) => void,
  timers: GroupTimers,
): Promise<Outcome> {
  // Everything happens inside the executor, so that a synchronous throw of spawn rejects too.
  return new Promise<Outcome>((resolve, reject) => {
    const child = spawnInNewGroup(command, directory, env)
    const group = new ProcessGroup(child, timers.graceMs)
    let timedOut = false
    let leftovers = false
    const deadline = setTimeout(() => {
      timedOut = true
      group.stop()
    }, timers.timeoutMs)
    const removeForwarding = forwardCancellation(group)
    const finish = (): void => {
      clearTimeout(deadline)
      removeForwarding()
      group.settle()
    }
    for (const stream of [child.stdout, child.stderr]) splitIntoLines(stream, keep)
    child.on('exit', () => {
      if (group.stopLeftovers()) leftovers = true
    })
    child.on('error', (error) => {
      finish()
      reject(error)
    })
    child.on('close', (code, signal) => {
      finish()
      resolve({ code, signal, timedOut, leftovers })
    })
  })
}

function spawnInNewGroup(
  command: string,
  directory: string,
  env: NodeJS.ProcessEnv,
): CommandProcess {
  return spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', command], {
    cwd: directory,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // A new process group (setsid): -pid signals the command and everything it started.
    detached: true,
  })
}

/** Passes each complete line of `stream` to `keep`, and the unterminated last one at its end. */
function splitIntoLines(stream: Readable, keep: (line: string) => void): void {
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

/**
 * Detached, the command no longer gets the runner's cancellation with the action: pass it on.
 * Returns what removes the forwarding again.
 */
function forwardCancellation(group: ProcessGroup): () => void {
  const forward = (signal: NodeJS.Signals): void => {
    group.signal('SIGTERM')
    removeForwarding()
    // Re-raised with the handlers removed, the signal does what it would have done without them.
    process.kill(process.pid, signal)
  }
  const removeForwarding = (): void => {
    process.off('SIGINT', forward)
    process.off('SIGTERM', forward)
  }
  process.once('SIGINT', forward)
  process.once('SIGTERM', forward)
  return removeForwarding
}

/** The command's process group: bash and every process it started. */
class ProcessGroup {
  readonly #child: CommandProcess
  /** The group's id: bash's pid, as bash leads the group; undefined when spawning failed. */
  readonly #id: number | undefined
  readonly #graceMs: number
  readonly #escalation: NodeJS.Timeout[] = []
  #stopping = false

  constructor(child: CommandProcess, graceMs: number) {
    this.#child = child
    this.#id = child.pid
    this.#graceMs = graceMs
  }

  /** Sends `signal` (0: only checks) to the whole group; false when nothing is left in it. */
  signal(signal: NodeJS.Signals | 0): boolean {
    if (this.#id === undefined) return false
    try {
      process.kill(-this.#id, signal)
      return true
    } catch {
      return false // ESRCH: nothing left in the group
    }
  }

  /** SIGTERM, then SIGKILL after the grace period, then closes the output pipes; once only. */
  stop(): void {
    if (this.#stopping) return
    this.#stopping = true
    if (!this.signal('SIGTERM')) return
    this.#escalation.push(
      setTimeout(() => {
        this.signal('SIGKILL')
        this.#escalation.push(
          setTimeout(() => {
            this.#child.stdout.destroy()
            this.#child.stderr.destroy()
          }, PIPE_CLOSE_MS),
        )
      }, this.#graceMs),
    )
  }

  /** When bash exits: stops what it left running, unless stopping already; true when it did. */
  stopLeftovers(): boolean {
    // bash is done; whatever is still in its group was started in the background and would
    // outlive the step (and hold the output pipes open).
    if (this.#stopping || !this.signal(0)) return false
    this.stop()
    return true
  }

  /** When the child closes (or emits 'error'): ends what stop() began and its pending timers. */
  settle(): void {
    // The pipes are closed, so what held them is gone. Whatever is left ignored SIGTERM without
    // writing to them: it gets SIGKILL now rather than keep the action waiting for the grace
    // period (zombies, where nothing reaps orphans, would keep a group "alive" forever).
    if (this.#stopping) this.signal('SIGKILL')
    this.#escalation.forEach(clearTimeout)
  }
}
