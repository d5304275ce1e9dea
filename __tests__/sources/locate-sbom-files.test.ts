import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { locateSbomFiles } from '../../src/sources/locate-sbom-files.ts'

let workspace: string
let outside: string

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'locate-ws-'))
  outside = await mkdtemp(join(tmpdir(), 'locate-outside-'))
  await mkdir(join(workspace, 'build', 'nested'), { recursive: true })
  await writeFile(join(workspace, 'build', 'app.cdx.json'), '{}')
  await writeFile(join(workspace, 'build', 'nested', 'lib.cdx.json'), '{}')
  await writeFile(join(outside, 'secret.json'), '{}')
  await symlink(join(outside, 'secret.json'), join(workspace, 'build', 'escape.json'))
  await symlink(join(workspace, 'build', 'app.cdx.json'), join(workspace, 'alias.json'))
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
    await expect(attempt).rejects.toThrow(/"build" is not a regular file/)
    await expect(attempt).rejects.toThrow(/"\.\.\/x\.json" does not exist/)
    await expect(attempt).rejects.toThrow(/"nothing\/\*\.json" matched no file/)
  })

  it('accepts an absolute path inside the workspace', async () => {
    const files = await locateSbomFiles([join(workspace, 'build', 'app.cdx.json')], workspace)
    expect(files).toHaveLength(1)
  })
})
