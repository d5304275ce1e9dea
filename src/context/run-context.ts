import { accessSync, constants, readFileSync, statSync } from 'node:fs'
import { isAbsolute } from 'node:path'
import { ActionError } from '../shared/errors.js'
import { explainFsError, fileKind } from './confined-files.js'

/** What the workflow run tells us about the code being built, read once from the runner's env. */
export interface RunContext {
  /** The commit the SBOM describes: the PR head on pull_request events, else GITHUB_SHA. */
  readonly sha: string
  /** Where `sha` came from, for the log. */
  readonly shaSource: 'pull_request.head.sha' | 'GITHUB_SHA'
  readonly ref: string
  readonly eventName: string
  /** owner/name */
  readonly repository: string
  readonly serverUrl: string
  /** GITHUB_API_URL: api.github.com, or a GitHub Enterprise Server's /api/v3. */
  readonly apiUrl: string
  /** From the event's repository object, when the event has one. */
  readonly defaultBranch: string | undefined
  readonly runId: string
  /** GITHUB_RUN_ATTEMPT: 1, then 2, 3… for each re-run of the same workflow run. */
  readonly runAttempt: string
  /** GITHUB_WORKSPACE: an existing, readable directory (checked here). */
  readonly workspace: string
  /** Commit time when the event carries it (push events); keeps the SBOM timestamp deterministic. */
  readonly commitTime: Date | undefined
}

interface EventPayload {
  pull_request?: { head?: { sha?: unknown } }
  head_commit?: { id?: unknown; timestamp?: unknown }
  repository?: { default_branch?: unknown }
}

export function readRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const workspace = readWorkspace(env.GITHUB_WORKSPACE)
  const eventName = env.GITHUB_EVENT_NAME ?? ''
  const payload = readEventPayload(env.GITHUB_EVENT_PATH)
  const prHeadSha = payload.pull_request?.head?.sha
  const usePrHead = eventName.startsWith('pull_request') && typeof prHeadSha === 'string'
  const sha = usePrHead ? prHeadSha : (env.GITHUB_SHA ?? '')
  return Object.freeze({
    sha,
    shaSource: usePrHead ? 'pull_request.head.sha' : 'GITHUB_SHA',
    ref: env.GITHUB_REF ?? '',
    eventName,
    repository: env.GITHUB_REPOSITORY ?? '',
    serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    defaultBranch:
      typeof payload.repository?.default_branch === 'string'
        ? payload.repository.default_branch
        : undefined,
    runId: env.GITHUB_RUN_ID ?? '',
    runAttempt: env.GITHUB_RUN_ATTEMPT || '1',
    workspace,
    commitTime: commitTimeOf(payload, sha),
  })
}

const WORKSPACE_HINT =
  'The runner sets GITHUB_WORKSPACE to the checkout; when you run the action yourself, set it to the absolute path of the checked-out repository.'

/**
 * Every path the action reads or writes is inside the workspace, so a missing or unusable one
 * is said at once, not discovered by the first file operation that fails.
 */
function readWorkspace(workspace: string | undefined): string {
  if (!workspace)
    throw new ActionError('GITHUB_WORKSPACE is not set: the action reads and writes inside it.', {
      hint: WORKSPACE_HINT,
    })
  if (!isAbsolute(workspace))
    throw new ActionError(`GITHUB_WORKSPACE (${workspace}) is not an absolute path.`, {
      hint: WORKSPACE_HINT,
    })
  let problem: string | undefined
  try {
    const info = statSync(workspace)
    if (!info.isDirectory()) problem = `is ${fileKind(info)}, not a directory`
    else accessSync(workspace, constants.R_OK | constants.X_OK)
  } catch (error) {
    problem = explainFsError(error)
  }
  if (problem !== undefined)
    throw new ActionError(`GITHUB_WORKSPACE (${workspace}) ${problem}.`, { hint: WORKSPACE_HINT })
  return workspace
}

function readEventPayload(path: string | undefined): EventPayload {
  if (!path) return {}
  let text: string
  try {
    // A pipe or device would block the read or never end: only a regular file is read.
    const info = statSync(path)
    if (!info.isFile())
      throw new ActionError(
        `GITHUB_EVENT_PATH (${path}) is ${fileKind(info)}, not the event's JSON file.`,
        {
          hint: 'Leave GITHUB_EVENT_PATH to the runner, or point it at a JSON file (or unset it).',
        },
      )
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if (error instanceof ActionError) throw error
    // Local runs often point at nothing: no payload = no PR head, no time.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {}
    // Unreadable is not "absent": on a pull request the PR head SHA would silently be lost.
    throw new ActionError(`GITHUB_EVENT_PATH (${path}) ${explainFsError(error)}.`, {
      hint: 'Leave GITHUB_EVENT_PATH to the runner, or point it at a readable JSON file (or unset it).',
      cause: error,
    })
  }
  try {
    const parsed: unknown = JSON.parse(text)
    return typeof parsed === 'object' && parsed !== null ? (parsed as EventPayload) : {}
  } catch (error) {
    throw new ActionError(`GITHUB_EVENT_PATH (${path}) is not valid JSON.`, { cause: error })
  }
}

function commitTimeOf(payload: EventPayload, sha: string): Date | undefined {
  const head = payload.head_commit
  if (head?.id !== sha || typeof head.timestamp !== 'string') return undefined
  const time = new Date(head.timestamp)
  return Number.isNaN(time.getTime()) ? undefined : time
}
