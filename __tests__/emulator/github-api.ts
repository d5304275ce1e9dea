// A loopback stand-in for the one GitHub REST endpoint the action calls:
// GET {GITHUB_API_URL}/repos/{owner}/{repo}/dependency-graph/sbom. Node built-ins only.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface GitHubApiOptions {
  /** The SPDX document to answer with (wrapped as `{sbom}`). */
  readonly sbom: unknown
  /** Only this token is accepted (401 otherwise). */
  readonly token: string
  /** Answer every request with this status and a GitHub-style error body instead. */
  readonly failWith?: { status: number; message: string }
  /** Path prefix, as GitHub Enterprise Server has (`/api/v3`). */
  readonly prefix?: string
  /** Accept every request and never answer (a stuck proxy). */
  readonly hang?: boolean
}

export interface GitHubApiRequest {
  readonly method: string
  readonly path: string
  readonly authorization: string | undefined
  readonly accept: string | undefined
}

export interface GitHubApi {
  /** The value for GITHUB_API_URL. */
  readonly url: string
  readonly requests: GitHubApiRequest[]
  close(): Promise<void>
}

export async function startGitHubApi(options: GitHubApiOptions): Promise<GitHubApi> {
  const prefix = options.prefix ?? ''
  const requests: GitHubApiRequest[] = []
  const server = createServer((request, response) => {
    const path = request.url ?? ''
    requests.push({
      method: request.method ?? '',
      path,
      authorization: request.headers.authorization,
      accept: request.headers.accept,
    })
    const answer = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
      response.end(JSON.stringify(body))
    }
    if (options.hang) return
    const docs = 'https://docs.github.com/rest/dependency-graph/sboms'
    if (options.failWith)
      return answer(options.failWith.status, {
        message: options.failWith.message,
        documentation_url: docs,
      })
    const scheme = request.headers.authorization?.split(' ')
    if (
      scheme?.[1] !== options.token ||
      !['token', 'bearer'].includes(scheme[0]?.toLowerCase() ?? '')
    )
      return answer(401, { message: 'Bad credentials', documentation_url: docs })
    if (
      request.method !== 'GET' ||
      !new RegExp(`^${prefix}/repos/[^/]+/[^/]+/dependency-graph/sbom$`).test(path)
    )
      return answer(404, { message: 'Not Found', documentation_url: docs })
    answer(200, { sbom: options.sbom })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
