import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { locateSbomFiles } from '../../src/sources/locate-sbom-files.ts'

let workspace: string
let outside: string
let server: Server

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'locate-ws-'))
  outside = await mkdtemp(join(tmpdir(), 'locate-outside-'))
  await mkdir(join(workspace, 'build', 'nested'), { recursive: true })
  await writeFile(join(workspace, 'build', 'app.cdx.json'), '{}')
  await writeFile(join(workspace, 'build', 'nested', 'lib.cdx.json'), '{}')
  await writeFile(join(outside, 'secret.json'), '{}')
  await symlink(join(outside, 'secret.json'), join(workspace, 'build', 'escape.json'))
  await symlink(join(workspace, 'build', 'app.cdx.json'), join(workspace, 'alias.json'))
  // Hostile shapes a pull request (or its build) can leave in the workspace.
  await mkdir(join(workspace, 'hostile'))
  execFileSync('mkfifo', [join(workspace, 'hostile', 'pipe.json')])
  await symlink('loop-b.json', join(workspace, 'hostile', 'loop-a.json'))
  await symlink('loop-a.json', join(workspace, 'hostile', 'loop-b.json'))
  await symlink(outside, join(workspace, 'hostile', 'out'))
  await symlink('..', join(workspace, 'hostile', 'up'))
  server = createServer()
  await new Promise<void>((resolve) =>
    server.listen(join(workspace, 'hostile', 'socket.json'), resolve),
  )
  await mkdir(join(workspace, '.cache', 'deep'), { recursive: true })
  await writeFile(join(workspace, '.cache', 'deep', 'hidden.cdx.json'), '{}')
})

afterAll(() => {
  server.close()
})

describe('locateSbomFiles', () => {
  it('expands globs and lists, sorted and without duplicates', async () => {
    const files = await locateSbomFiles(
      ['build/**/*.cdx.json', 'build/app.cdx.json', 'alias.json'],
      workspace,
    )
    expect(files.map((file) => file.displayPath)).toEqual([
      'build/app.cdx.json',
      'build/nested/lib.cdx.json',
    ])
  })

  it('refuses files that resolve outside the workspace, and lists every problem', async () => {
    const attempt = locateSbomFiles(
      ['build/escape.json', '../x.json', 'build', 'nothing/*.json'],
      workspace,
    )
    await expect(attempt).rejects.toThrow(/escape\.json" resolves to .*outside the workspace/)
    await expect(attempt).rejects.toThrow(/"build" is not a regular file: it is a directory\./)
    await expect(attempt).rejects.toThrow(/"\.\.\/x\.json" contains "\.\."/)
    await expect(attempt).rejects.toThrow(/"nothing\/\*\.json" matched no file/)
  })

  it('accepts an absolute path, or glob, inside the workspace', async () => {
    const files = await locateSbomFiles([join(workspace, 'build', 'app.cdx.json')], workspace)
    expect(files).toHaveLength(1)
    const globbed = await locateSbomFiles([join(workspace, 'build', '*.cdx.json')], workspace)
    expect(globbed.map((file) => file.displayPath)).toEqual(['build/app.cdx.json'])
  })

  it('says what a path is when it is not a regular file: a pipe, a socket, a symlink loop', async () => {
    const attempt = locateSbomFiles(
      ['hostile/pipe.json', 'hostile/socket.json', 'hostile/loop-a.json'],
      workspace,
    )
    await expect(attempt).rejects.toThrow(
      /sbom "hostile\/pipe.json" is not a regular file: it is a named pipe \(FIFO\)\./,
    )
    await expect(attempt).rejects.toThrow(
      /sbom "hostile\/socket.json" is not a regular file: it is a socket\./,
    )
    await expect(attempt).rejects.toThrow(
      /sbom file "hostile\/loop-a.json" is a symlink loop \(.*\): it never reaches a file\./,
    )
    await expect(attempt).rejects.not.toThrow(/does not exist/)
  })

  it('reports what a glob matched that is not a regular file, naming the pattern', async () => {
    await expect(locateSbomFiles(['hostile/p*.json'], workspace)).rejects.toThrow(
      /sbom "hostile\/pipe.json" \(from "hostile\/p\*\.json"\) is not a regular file: it is a named pipe/,
    )
  })

  it('never walks out of the workspace: not through "..", an absolute glob, or a symlinked directory', async () => {
    const started = Date.now()
    const attempt = locateSbomFiles(
      [
        '../**',
        `${outside}/*.json`,
        'hostile/out/*.json',
        'hostile/out/**',
        'hostile/{out,x}/*.json',
      ],
      workspace,
    )
    await expect(attempt).rejects.toThrow(/"\.\.\/\*\*" contains "\.\."/)
    await expect(attempt).rejects.toThrow(/sbom pattern ".*\*\.json" is outside the workspace/)
    await expect(attempt).rejects.toThrow(/"hostile\/out\/\*\.json" matched no file/)
    await expect(attempt).rejects.toThrow(/"hostile\/out\/\*\*" matched no file/)
    await expect(attempt).rejects.toThrow(/"hostile\/\{out,x\}\/\*\.json" matched no file/)
    await expect(attempt).rejects.not.toThrow(/secret/)
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('follows a symlinked directory that stays inside, once (no loop through "up")', async () => {
    const files = await locateSbomFiles(
      ['hostile/up/build/*.cdx.json', '**/lib.cdx.json'],
      workspace,
    )
    expect(files.map((file) => file.displayPath)).toEqual([
      'build/app.cdx.json',
      'build/nested/lib.cdx.json',
    ])
  })

  it('enters dot directories only when the pattern names one', async () => {
    await expect(locateSbomFiles(['**/hidden.cdx.json'], workspace)).rejects.toThrow(
      /matched no file/,
    )
    const files = await locateSbomFiles(['.cache/**/*.cdx.json'], workspace)
    expect(files.map((file) => file.displayPath)).toEqual(['.cache/deep/hidden.cdx.json'])
  })
})
