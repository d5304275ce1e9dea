// The dependency-graph export ends in bounded time when GitHub (or a proxy) never answers.
import { afterEach, describe, expect, it } from 'vitest'
import { exportDependencyGraph } from '../../src/sources/github-dependency-graph.ts'
import { ActionError } from '../../src/shared/errors.ts'
import { startGitHubApi, type GitHubApi } from '../emulator/github-api.ts'

let github: GitHubApi | undefined
afterEach(async () => {
  await github?.close()
  github = undefined
})

describe('exportDependencyGraph', () => {
  it('gives up on a request that is accepted and never answered, naming the endpoint', async () => {
    github = await startGitHubApi({ sbom: {}, token: 'ghs_test', hang: true })
    const started = Date.now()
    const error = await exportDependencyGraph({
      repository: 'acme/thermostat',
      token: 'ghs_test',
      apiUrl: github.url,
      timeoutMs: 500,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ActionError)
    expect((error as ActionError).message).toMatch(
      /GET http:\/\/127\.0\.0\.1:\d+\/repos\/acme\/thermostat\/dependency-graph\/sbom did not answer within 1 s/,
    )
    expect((error as ActionError).hint).toContain('never answered')
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(github.requests.length).toBeGreaterThan(0)
  })

  it('still answers normally within the bound', async () => {
    github = await startGitHubApi({ sbom: { spdxVersion: 'SPDX-2.3' }, token: 'ghs_test' })
    const text = await exportDependencyGraph({
      repository: 'acme/thermostat',
      token: 'ghs_test',
      apiUrl: github.url,
      timeoutMs: 5_000,
    })
    expect(JSON.parse(text)).toEqual({ spdxVersion: 'SPDX-2.3' })
  })
})
