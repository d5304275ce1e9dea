import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readRunContext } from '../../src/context/run-context.ts'
import { ActionError } from '../../src/shared/errors.ts'

async function eventFile(payload: unknown): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'ctx-')), 'event.json')
  await writeFile(path, JSON.stringify(payload))
  return path
}

const WORKSPACE = { GITHUB_WORKSPACE: tmpdir() }

function errorOf(env: NodeJS.ProcessEnv): ActionError {
  try {
    readRunContext(env)
  } catch (error) {
    expect(error).toBeInstanceOf(ActionError)
    return error as ActionError
  }
  throw new Error('expected an ActionError')
}

describe('readRunContext', () => {
  it('uses the PR head SHA on pull_request events, not the merge commit', async () => {
    const context = readRunContext({
      ...WORKSPACE,
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
      ...WORKSPACE,
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
      ...WORKSPACE,
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
    expect(() => readRunContext({ ...WORKSPACE, GITHUB_EVENT_PATH: path })).toThrow(
      /GITHUB_EVENT_PATH .* is not valid JSON/,
    )
  })
})

describe('GITHUB_WORKSPACE', () => {
  it('is required, absolute, and an existing directory, each said with what to set', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ctx-'))
    await writeFile(join(dir, 'file'), '')
    const cases: [string | undefined, RegExp][] = [
      [undefined, /^GITHUB_WORKSPACE is not set/],
      ['', /^GITHUB_WORKSPACE is not set/],
      ['relative/dir', /^GITHUB_WORKSPACE \(relative\/dir\) is not an absolute path\.$/],
      [join(dir, 'gone'), /^GITHUB_WORKSPACE \(.*gone\) does not exist\.$/],
      [join(dir, 'file'), /^GITHUB_WORKSPACE \(.*file\) is a regular file, not a directory\.$/],
    ]
    for (const [workspace, message] of cases) {
      const error = errorOf({ GITHUB_WORKSPACE: workspace })
      expect(error.message).toMatch(message)
      expect(error.hint).toMatch(/set it to the absolute path of the checked-out repository/)
    }
    expect(readRunContext({ GITHUB_WORKSPACE: dir }).workspace).toBe(dir)
  })
})

describe('GITHUB_EVENT_PATH', () => {
  it('absent: no payload, as in local runs', () => {
    const context = readRunContext({
      ...WORKSPACE,
      GITHUB_SHA: 'c'.repeat(40),
      GITHUB_EVENT_PATH: join(tmpdir(), 'no-such-event-file.json'),
    })
    expect(context.sha).toBe('c'.repeat(40))
  })

  it('a directory or a named pipe is refused, not read (a pipe would block forever)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ctx-'))
    await mkdir(join(dir, 'event.json'))
    execFileSync('mkfifo', [join(dir, 'pipe.json')])
    expect(errorOf({ ...WORKSPACE, GITHUB_EVENT_PATH: join(dir, 'event.json') }).message).toMatch(
      /^GITHUB_EVENT_PATH \(.*event\.json\) is a directory, not the event's JSON file\.$/,
    )
    expect(errorOf({ ...WORKSPACE, GITHUB_EVENT_PATH: join(dir, 'pipe.json') }).message).toMatch(
      /is a named pipe \(FIFO\), not the event's JSON file/,
    )
  })

  it('a path through a file is named, not taken for "no payload"', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ctx-'))
    await writeFile(join(dir, 'file'), '')
    expect(
      errorOf({ ...WORKSPACE, GITHUB_EVENT_PATH: join(dir, 'file', 'event.json') }).message,
    ).toMatch(/^GITHUB_EVENT_PATH \(.*\) does not exist \(a part of the path is a file/)
  })
})
