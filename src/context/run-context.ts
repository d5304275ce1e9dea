import { readFileSync } from 'node:fs'
import { ActionError } from '../shared/errors.js'

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
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    commitTime: commitTimeOf(payload, sha),
  })
}

function readEventPayload(path: string | undefined): EventPayload {
  if (!path) return {}
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    // Runners always write it; local runs often point at nothing. No payload = no PR head, no time.
    return {}
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
