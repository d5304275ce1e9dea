// The `command` generator: the user's own tool (syft, trivy, cdxgen…) writes the SBOM file.
import { spawn } from 'node:child_process'
import { ActionError } from '../shared/errors.js'
import type { Logger } from '../shared/logger.js'

/** Lines of output kept for the error message when the command fails. */
const TAIL_LINES = 30

/**
 * Runs `command` in bash (as a `shell: bash` step does: -e -o pipefail) in `directory`. Its output
 * stays out of the log unless step debug logging is on; on failure its last lines are shown.
 */
export async function runGeneratorCommand(
  command: string,
  directory: string,
  env: NodeJS.ProcessEnv,
  log: Logger,
): Promise<void> {
  const tail: string[] = []
  const keep = (line: string): void => {
    log.debug(`generator-command: ${line}`)
    tail.push(line)
    if (tail.length > TAIL_LINES) tail.shift()
  }
  const started = Date.now()
  const outcome = await new Promise<{ code: number | null; signal: string | null }>(
    (resolve, reject) => {
      const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', command], {
        cwd: directory,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
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
      child.on('error', reject)
      child.on('close', (code, signal) => resolve({ code, signal }))
    },
  ).catch((error: unknown) => {
    throw new ActionError(`generator-command could not be started: ${(error as Error).message}`, {
      hint: 'The command runs with bash; make sure bash is on the runner (it is on GitHub-hosted runners).',
    })
  })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  if (outcome.code === 0) {
    log.info(`generator-command finished in ${seconds} s.`)
    return
  }
  const how = outcome.signal
    ? `was killed by ${outcome.signal}`
    : `exited with code ${outcome.code}`
  throw new ActionError(
    `generator-command ${how} after ${seconds} s. Its last ${tail.length} line(s) of output:\n${tail.map((line) => `  | ${line}`).join('\n') || '  (no output)'}`,
    {
      hint: 'Run the command in a step of its own to see all of its output, or turn on step debug logging (ACTIONS_STEP_DEBUG) to see it here.',
    },
  )
}
