// The `github-dependency-graph` generator: GitHub's SPDX 2.3 export of the repository's
// dependency graph (GET /repos/{owner}/{repo}/dependency-graph/sbom).
import { getOctokit } from '@actions/github'
import { ActionError } from '../shared/errors.js'

export interface DependencyGraphRequest {
  /** owner/name */
  readonly repository: string
  readonly token: string
  /** GITHUB_API_URL: api.github.com, or a GitHub Enterprise Server's /api/v3. */
  readonly apiUrl: string
  /** The whole export, retries included, ends by then (default 120 s). */
  readonly timeoutMs?: number
}

const DEFAULT_TIMEOUT_MS = 120_000

/** The SPDX document, as JSON text. */
export async function exportDependencyGraph(request: DependencyGraphRequest): Promise<string> {
  const [owner, repo] = request.repository.split('/')
  if (!owner || !repo)
    throw new ActionError(
      `generator github-dependency-graph needs the repository as owner/name, but GITHUB_REPOSITORY is "${request.repository}".`,
    )
  const octokit = getOctokit(request.token, { baseUrl: request.apiUrl, request: { retries: 2 } })
  let data: unknown
  try {
    ;({ data } = await octokit.request('GET /repos/{owner}/{repo}/dependency-graph/sbom', {
      owner,
      repo,
      // A connection GitHub accepts but never answers must not hold the job until its timeout.
      request: { signal: AbortSignal.timeout(request.timeoutMs ?? DEFAULT_TIMEOUT_MS) },
    }))
  } catch (error) {
    throw explainGitHubError(error, request)
  }
  const sbom = (data as { sbom?: unknown } | undefined)?.sbom
  if (typeof sbom !== 'object' || sbom === null)
    throw new ActionError(
      `The GitHub dependency graph export for ${request.repository} (${request.apiUrl}) answered without an "sbom" object.`,
      {
        hint: 'Check that GITHUB_API_URL points at the GitHub API, or use generator: npm / command.',
      },
    )
  return JSON.stringify(sbom)
}

function explainGitHubError(error: unknown, request: DependencyGraphRequest): ActionError {
  const status = (error as { status?: unknown }).status
  const message = (error as Error).message ?? String(error)
  const where = `GET ${request.apiUrl}/repos/${request.repository}/dependency-graph/sbom`
  // Octokit reports the abort as an HTTP 500 whose cause is the signal's TimeoutError.
  const names = [error, (error as { cause?: unknown }).cause].map(
    (candidate) => (candidate as { name?: unknown } | undefined)?.name,
  )
  if (
    names.includes('TimeoutError') ||
    names.includes('AbortError') ||
    /aborted due to timeout/.test(message)
  )
    return new ActionError(
      `${where} did not answer within ${Math.round((request.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s.`,
      {
        cause: error,
        hint: 'GitHub (or a proxy) accepted the request and never answered: retry the job, or use generator: npm / command.',
      },
    )
  if (status === 401)
    return new ActionError(`${where} answered 401: the github-token was not accepted.`, {
      hint: 'Leave github-token at its default (${{ github.token }}) or pass a valid token.',
    })
  if (status === 403)
    return new ActionError(
      `${where} answered 403: the token may not read the dependency graph (${message}).`,
      {
        hint: 'Give the job `permissions: contents: read` (the default GITHUB_TOKEN needs it), or pass a github-token that can read the repository.',
      },
    )
  if (status === 404)
    return new ActionError(
      `${where} answered 404: the dependency graph is not available for ${request.repository} (${message}).`,
      {
        hint: "Enable it under Settings → Code security → Dependency graph (GitHub Enterprise Server: an administrator enables it for the instance), check the token's access to the repository, or use generator: npm / command.",
      },
    )
  return new ActionError(
    `${where} failed${typeof status === 'number' ? ` with HTTP ${status}` : ''}: ${message}`,
    { cause: error, hint: 'Retry the job; if it persists, use generator: npm or command.' },
  )
}
