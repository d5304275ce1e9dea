import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { collectSboms, type SourceRequest } from '../../src/sources/collect-sboms.ts'
import { ActionError } from '../../src/shared/errors.ts'
import type { Logger } from '../../src/shared/logger.ts'

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = []
  return {
    lines,
    info: (message) => lines.push(message),
    notice: (message) => lines.push(`notice: ${message}`),
    warning: (message) => lines.push(`warning: ${message}`),
    debug: () => {},
  }
}

function lockfile(name: string, dependency: string): string {
  return JSON.stringify({
    name,
    version: '1.0.0',
    lockfileVersion: 3,
    packages: {
      '': { name, version: '1.0.0', dependencies: { [dependency]: '1' } },
      [`node_modules/${dependency}`]: { version: '1.0.0' },
    },
  })
}

async function request(workspace: string, overrides: Partial<SourceRequest> = {}) {
  const base: SourceRequest = {
    generator: 'auto',
    sbomPatterns: [],
    command: undefined,
    workingDirectory: '.',
    includeDev: false,
    maxBytes: 1024 * 1024,
    workspace,
    github: {
      repository: 'acme/x',
      token: '',
      apiUrl: 'http://127.0.0.1:9',
      ref: '',
      defaultBranch: undefined,
    },
  }
  return { ...base, ...overrides }
}

describe('collectSboms', () => {
  it('prefers npm-shrinkwrap.json over package-lock.json, as npm does, and says so', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'collect-'))
    await mkdir(join(workspace, 'app'))
    await writeFile(join(workspace, 'app/package-lock.json'), lockfile('app', 'from-lock'))
    await writeFile(join(workspace, 'app/npm-shrinkwrap.json'), lockfile('app', 'from-shrinkwrap'))
    const log = recordingLogger()
    const [source] = await collectSboms(
      await request(workspace, { workingDirectory: 'app' }),
      {},
      log,
    )
    expect(source?.displayPath).toBe('app/npm-shrinkwrap.json')
    expect(source?.generated?.source).toBe('npm lockfile')
    expect(source?.generated?.sourceVersion).toBe('v3')
    const purls = [...(source?.generated?.bom.components ?? [])].map((c) => c.purl?.toString())
    expect(purls).toContain('pkg:npm/from-shrinkwrap@1.0.0')
    expect(log.lines[0]).toMatch(
      /generator npm, because sbom is empty and app\/npm-shrinkwrap.json exists/,
    )
  })

  it('refuses a working-directory that leaves the workspace through a symlink', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'collect-'))
    const outside = await mkdtemp(join(tmpdir(), 'outside-'))
    await writeFile(join(outside, 'package-lock.json'), lockfile('evil', 'x'))
    await symlink(outside, join(workspace, 'linked'))
    const collecting = collectSboms(
      await request(workspace, { workingDirectory: 'linked', generator: 'npm' }),
      {},
      recordingLogger(),
    )
    await expect(collecting).rejects.toBeInstanceOf(ActionError)
    await expect(collecting).rejects.toThrow(
      /working-directory "linked" resolves to .*outside the workspace/,
    )
  })

  it('refuses a lockfile that is a symlink out of the workspace, or not a regular file', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'collect-'))
    const outside = await mkdtemp(join(tmpdir(), 'outside-'))
    await writeFile(join(outside, 'package-lock.json'), lockfile('evil', 'x'))
    await mkdir(join(workspace, 'linked'))
    await symlink(join(outside, 'package-lock.json'), join(workspace, 'linked/package-lock.json'))
    await mkdir(join(workspace, 'piped'))
    execFileSync('mkfifo', [join(workspace, 'piped/npm-shrinkwrap.json')])
    await expect(
      collectSboms(await request(workspace, { workingDirectory: 'linked' }), {}, recordingLogger()),
    ).rejects.toThrow(
      /^linked\/package-lock.json: resolves to .*, outside the workspace .*; only files inside GITHUB_WORKSPACE are read\.$/,
    )
    // Refused, not skipped: auto would otherwise quietly fall back to the dependency graph.
    await expect(
      collectSboms(await request(workspace, { workingDirectory: 'piped' }), {}, recordingLogger()),
    ).rejects.toThrow(
      /^piped\/npm-shrinkwrap.json: is not a regular file: it is a named pipe \(FIFO\)\.$/,
    )
  })

  it('says which file each source was read from, so nothing is written over it', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'collect-'))
    await writeFile(join(workspace, 'package-lock.json'), lockfile('app', 'dep'))
    await writeFile(join(workspace, 'sbom.json'), '{}')
    const [generated] = await collectSboms(await request(workspace), {}, recordingLogger())
    expect(generated?.readFrom).toMatch(/collect-.*\/package-lock\.json$/)
    const [file] = await collectSboms(
      await request(workspace, { sbomPatterns: ['sbom.json'] }),
      {},
      recordingLogger(),
    )
    expect(file?.readFrom).toMatch(/collect-.*\/sbom\.json$/)
  })

  it('runs generator-command without the action inputs, with GITHUB_TOKEN only when asked', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'collect-'))
    const env = { PATH: process.env.PATH, 'INPUT_GITHUB-TOKEN': 'ghs_input', INPUT_MODE: 'x' }
    const command = `env | grep -c '^INPUT_' > inputs.txt || true; printf %s "\${GITHUB_TOKEN:-none}" > token.txt; echo '{}' > sbom.json`
    const run = async (commandGetsGithubToken: boolean) => {
      await collectSboms(
        await request(workspace, {
          generator: 'command',
          command,
          sbomPatterns: ['sbom.json'],
          commandGetsGithubToken,
          github: { ...(await request(workspace)).github, token: 'ghs_the_token' },
        }),
        env,
        recordingLogger(),
      )
      return [
        (await readFile(join(workspace, 'inputs.txt'), 'utf8')).trim(),
        await readFile(join(workspace, 'token.txt'), 'utf8'),
      ]
    }
    expect(await run(false)).toEqual(['0', 'none'])
    expect(await run(true)).toEqual(['0', 'ghs_the_token'])
  })

  it('refuses the dependency graph without a token before any request', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'collect-'))
    await expect(collectSboms(await request(workspace), {}, recordingLogger())).rejects.toThrow(
      /generator github-dependency-graph needs github-token, which is empty/,
    )
  })
})
