// Every file the action writes: checked for what it is before anything is written, never
// blocking on a pipe, never leaving its root, never landing on a file the action reads.
import { execFileSync } from 'node:child_process'
import { link, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  explainFsError,
  ProtectedFiles,
  writeConfinedFile,
  type WriteTarget,
} from '../../src/context/confined-files.ts'
import { quoted } from '../../src/context/quoted.ts'
import { ActionError } from '../../src/shared/errors.ts'

const servers: Server[] = []
afterEach(() => {
  for (const server of servers.splice(0)) server.close()
})

async function root(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'confined-'))
}

function target(rootDir: string, relativePath: string): WriteTarget {
  return {
    root: rootDir,
    rootName: 'GITHUB_WORKSPACE',
    relativePath,
    subject: `ocsf-output "${relativePath}"`,
    hint: 'pick another file',
  }
}

async function refusal(
  rootDir: string,
  relativePath: string,
  protectedFiles = new ProtectedFiles(),
): Promise<ActionError> {
  const error = await writeConfinedFile(target(rootDir, relativePath), 'new', protectedFiles).then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(ActionError)
  expect((error as ActionError).hint).toBe('pick another file')
  return error as ActionError
}

describe('writeConfinedFile', () => {
  it('creates the file and its directories, and replaces a regular file', async () => {
    const dir = await root()
    const path = await writeConfinedFile(target(dir, 'a/b/e.json'), 'one', new ProtectedFiles())
    expect(path).toBe(join(dir, 'a/b/e.json'))
    await writeConfinedFile(target(dir, 'a/b/e.json'), 'two', new ProtectedFiles())
    expect(await readFile(path, 'utf8')).toBe('two')
  })

  it('writes through a symlink that stays inside the root', async () => {
    const dir = await root()
    await mkdir(join(dir, 'real'))
    await writeFile(join(dir, 'real/e.json'), 'old content, longer than the new one')
    await symlink('real', join(dir, 'linked-dir'))
    await symlink('real/e.json', join(dir, 'linked-file.json'))
    await writeConfinedFile(target(dir, 'linked-dir/e.json'), 'via dir', new ProtectedFiles())
    expect(await readFile(join(dir, 'real/e.json'), 'utf8')).toBe('via dir')
    await writeConfinedFile(target(dir, 'linked-file.json'), 'via file', new ProtectedFiles())
    expect(await readFile(join(dir, 'real/e.json'), 'utf8')).toBe('via file')
  })

  it('refuses a directory instead of failing with EISDIR', async () => {
    const dir = await root()
    await mkdir(join(dir, 'reports'))
    expect((await refusal(dir, 'reports')).message).toMatch(
      /Cannot write ocsf-output "reports" \(.*reports\): it is a directory, not a regular file\./,
    )
  })

  it('refuses a named pipe at once instead of blocking on it', async () => {
    const dir = await root()
    execFileSync('mkfifo', [join(dir, 'pipe.json')])
    const started = Date.now()
    expect((await refusal(dir, 'pipe.json')).message).toMatch(
      /it is a named pipe \(FIFO\), not a regular file/,
    )
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('refuses a socket and a device', async () => {
    const dir = await root()
    const server = createServer()
    servers.push(server)
    await new Promise<void>((resolve) => server.listen(join(dir, 'sock'), resolve))
    expect((await refusal(dir, 'sock')).message).toMatch(/it is a socket, not a regular file/)
    // A device can only be made by root, so it is reached the way a workspace can: a symlink.
    await symlink('/dev/null', join(dir, 'null.json'))
    expect((await refusal(dir, 'null.json')).message).toMatch(
      /it is a symlink to \/dev\/null, outside GITHUB_WORKSPACE/,
    )
  })

  it('refuses symlinks that lead outside the root, to nothing, or in a loop', async () => {
    const dir = await root()
    const outside = await root()
    await writeFile(join(outside, 'victim.json'), 'keep me')
    await symlink(join(outside, 'victim.json'), join(dir, 'escape.json'))
    await symlink(outside, join(dir, 'out'))
    await symlink(join(dir, 'nothing-here'), join(dir, 'dangling.json'))
    await symlink('loop-b', join(dir, 'loop-a'))
    await symlink('loop-a', join(dir, 'loop-b'))
    expect((await refusal(dir, 'escape.json')).message).toMatch(
      /it is a symlink to .*victim\.json, outside GITHUB_WORKSPACE/,
    )
    expect((await refusal(dir, 'out/victim.json')).message).toMatch(
      /out is a symlink to .*, outside GITHUB_WORKSPACE/,
    )
    expect((await refusal(dir, 'dangling.json')).message).toMatch(
      /it is a symlink to a file that does not exist/,
    )
    expect((await refusal(dir, 'loop-a')).message).toMatch(/it is a symlink that is a symlink loop/)
    expect(await readFile(join(outside, 'victim.json'), 'utf8')).toBe('keep me')
  })

  it('refuses a parent that is a file, and a path with "." or ".." segments', async () => {
    const dir = await root()
    await writeFile(join(dir, 'file'), '')
    expect((await refusal(dir, 'file/e.json')).message).toMatch(
      /file is a regular file, not a directory/,
    )
    expect((await refusal(dir, '../e.json')).message).toMatch(/an empty, "\." or "\.\." segment/)
    expect((await refusal(dir, 'a/./e.json')).message).toMatch(/an empty, "\." or "\.\." segment/)
  })

  it('never writes over a protected file, whatever the name it is reached by', async () => {
    const dir = await root()
    await mkdir(join(dir, 'build'))
    const input = join(dir, 'build/sbom.cdx.json')
    await writeFile(input, '{"bomFormat":"CycloneDX"}')
    await link(input, join(dir, 'hard-link.json'))
    await symlink('build/sbom.cdx.json', join(dir, 'soft-link.json'))
    const protectedFiles = new ProtectedFiles()
    await protectedFiles.add(input, 'an input of the action (build/sbom.cdx.json)')
    await protectedFiles.add(join(dir, 'absent.json'), 'ignored: it does not exist')
    for (const name of ['build/sbom.cdx.json', 'hard-link.json', 'soft-link.json'])
      expect((await refusal(dir, name, protectedFiles)).message).toMatch(
        /it is an input of the action \(build\/sbom\.cdx\.json\), which the action must not overwrite/,
      )
    expect(await readFile(input, 'utf8')).toBe('{"bomFormat":"CycloneDX"}')
    await writeConfinedFile(target(dir, 'absent.json'), 'fine', protectedFiles)
  })

  it('names the root when it is missing or not a directory', async () => {
    const dir = await root()
    await writeFile(join(dir, 'file'), '')
    const missing = writeConfinedFile(
      { ...target(join(dir, 'nope'), 'e.json'), rootName: 'RUNNER_TEMP' },
      'x',
      new ProtectedFiles(),
    )
    await expect(missing).rejects.toThrow(/^RUNNER_TEMP \(.*nope\) does not exist\.$/)
    const notDirectory = writeConfinedFile(
      { ...target(join(dir, 'file'), 'e.json'), rootName: 'RUNNER_TEMP' },
      'x',
      new ProtectedFiles(),
    )
    await expect(notDirectory).rejects.toThrow(
      /^RUNNER_TEMP \(.*file\) is not a directory: it is a regular file\.$/,
    )
  })
})

describe('explainFsError', () => {
  it.each([
    ['ENOENT', 'does not exist'],
    ['ELOOP', 'is a symlink loop'],
    ['EACCES', 'permission denied'],
    ['ENAMETOOLONG', 'too long a name'],
    ['EWHATEVER', 'could not be used (EWHATEVER)'],
  ])('%s', (code, text) => {
    expect(explainFsError(Object.assign(new Error('x'), { code }))).toContain(text)
  })
})

describe('quoted', () => {
  it('quotes short values as they are and cuts long ones, saying how long they were', () => {
    expect(quoted('v2.4.0')).toBe('"v2.4.0"')
    expect(quoted('x'.repeat(200))).toBe(`"${'x'.repeat(200)}"`)
    const long = quoted('y'.repeat(120_000))
    expect(long).toBe(`"${'y'.repeat(200)}…" (120000 characters)`)
    // Not between the halves of a surrogate pair.
    expect(quoted(`${'z'.repeat(199)}😀${'z'.repeat(50)}`)).toBe(
      `"${'z'.repeat(199)}…" (251 characters)`,
    )
  })
})
