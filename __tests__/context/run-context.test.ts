import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readRunContext } from '../../src/context/run-context.ts'

async function eventFile(payload: unknown): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'ctx-')), 'event.json')
  await writeFile(path, JSON.stringify(payload))
  return path
}

describe('readRunContext', () => {
  it('uses the PR head SHA on pull_request events, not the merge commit', async () => {
    const context = readRunContext({
      GITHUB_EVENT_NAME: 'pull_request_target',
      GITHUB_SHA: 'm'.repeat(40),
      GITHUB_EVENT_PATH: await eventFile({ pull_request: { head: { sha: 'h'.repeat(40) } } }),
    })
    expect(context.sha).toBe('h'.repeat(40))
    expect(context.shaSource).toBe('pull_request.head.sha')
  })

  it('uses GITHUB_SHA and the head commit time on push', async () => {
    const sha = 'c'.repeat(40)
    const context = readRunContext({
      GITHUB_EVENT_NAME: 'push',
      GITHUB_SHA: sha,
      GITHUB_EVENT_PATH: await eventFile({
        head_commit: { id: sha, timestamp: '2026-11-01T10:00:00+01:00' },
      }),
    })
    expect(context.sha).toBe(sha)
    expect(context.commitTime?.toISOString()).toBe('2026-11-01T09:00:00.000Z')
  })

  it('ignores a head commit time that belongs to another commit', async () => {
    const context = readRunContext({
      GITHUB_SHA: 'c'.repeat(40),
      GITHUB_EVENT_PATH: await eventFile({
        head_commit: { id: 'd'.repeat(40), timestamp: '2026-11-01T10:00:00Z' },
      }),
    })
    expect(context.commitTime).toBeUndefined()
  })

  it('reports a corrupt event file', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'ctx-')), 'event.json')
    await writeFile(path, '{not json')
    expect(() => readRunContext({ GITHUB_EVENT_PATH: path })).toThrow(
      /GITHUB_EVENT_PATH .* is not valid JSON/,
    )
  })
})
