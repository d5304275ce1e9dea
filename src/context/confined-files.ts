// Where the action may read and write: a pull request controls file names, symlinks and what a
// generator leaves behind, so every path is checked for what it is before it is opened, and
// opened so that a swap between the check and the open cannot make it block or escape.
import { constants, type BigIntStats, type Stats } from 'node:fs'
import { lstat, mkdir, open, realpath, stat } from 'node:fs/promises'
import { isAbsolute, join, relative, sep } from 'node:path'
import { ActionError } from '../shared/errors.js'
import { shortened } from './quoted.js'

/** True when `path` is strictly below `root` (both absolute, symlinks already resolved). */
export function isInside(path: string, root: string): boolean {
  const fromRoot = relative(root, path)
  return (
    fromRoot !== '' &&
    !fromRoot.startsWith(`..${sep}`) &&
    fromRoot !== '..' &&
    !isAbsolute(fromRoot)
  )
}

export function isInsideOrRoot(path: string, root: string): boolean {
  return path === root || isInside(path, root)
}

/** "a directory", "a named pipe (FIFO)"…: what a path is, for messages. */
export function fileKind(info: Stats | BigIntStats): string {
  if (info.isFile()) return 'a regular file'
  if (info.isDirectory()) return 'a directory'
  if (info.isFIFO()) return 'a named pipe (FIFO)'
  if (info.isSocket()) return 'a socket'
  if (info.isCharacterDevice()) return 'a character device'
  if (info.isBlockDevice()) return 'a block device'
  if (info.isSymbolicLink()) return 'a symbolic link'
  return 'not a file'
}

/** Why a file-system call failed, as the end of a sentence that starts with the path. */
export function explainFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  switch (code) {
    case 'ENOENT':
      return 'does not exist'
    case 'ENOTDIR':
      return 'does not exist (a part of the path is a file, not a directory)'
    case 'ELOOP':
      return 'is a symlink loop (or a symlink where none is followed)'
    case 'EACCES':
    case 'EPERM':
      return 'cannot be accessed (permission denied)'
    case 'ENAMETOOLONG':
      return 'is too long a name for the file system'
    case 'EISDIR':
      return 'is a directory'
    case 'ENXIO':
      return 'is a pipe or device with nothing behind it'
    case 'EROFS':
      return 'is on a read-only file system'
    case 'ENOSPC':
    case 'EDQUOT':
      return 'cannot be written: no space left'
    default:
      return `could not be used (${code ?? (error as Error | undefined)?.message ?? String(error)})`
  }
}

const identity = (info: BigIntStats): string => `${info.dev}:${info.ino}`

/**
 * Files the action reads or the runner owns: nothing it writes may land on one of them, by any
 * name (symlinks and hard links included), so they are told apart by device and inode.
 */
export class ProtectedFiles {
  readonly #byIdentity = new Map<string, string>()

  /** Remembers `path` when it exists; `description` names it in messages. */
  async add(path: string | undefined, description: string): Promise<void> {
    if (!path) return
    const info = await stat(path, { bigint: true }).catch(() => undefined)
    if (info?.isFile()) this.#byIdentity.set(identity(info), description)
  }

  /** The description of the protected file `info` is, if it is one. */
  describe(info: BigIntStats): string | undefined {
    return this.#byIdentity.get(identity(info))
  }
}

/** Files of the runner's that nothing the action writes may replace. */
const RUNNER_FILES = [
  ['GITHUB_EVENT_PATH', "the runner's event payload (GITHUB_EVENT_PATH)"],
  ['GITHUB_OUTPUT', "the runner's step outputs file (GITHUB_OUTPUT)"],
  ['GITHUB_STEP_SUMMARY', "the runner's job summary file (GITHUB_STEP_SUMMARY)"],
  ['GITHUB_ENV', "the runner's environment file (GITHUB_ENV)"],
  ['GITHUB_PATH', "the runner's PATH file (GITHUB_PATH)"],
  ['GITHUB_STATE', "the runner's state file (GITHUB_STATE)"],
] as const

/** A ProtectedFiles that already holds the runner's own files. */
export async function protectRunnerFiles(env: NodeJS.ProcessEnv): Promise<ProtectedFiles> {
  const protectedFiles = new ProtectedFiles()
  for (const [variable, description] of RUNNER_FILES)
    await protectedFiles.add(env[variable], description)
  return protectedFiles
}

export interface WriteTarget {
  /** The directory the file must stay in, as given (GITHUB_WORKSPACE or RUNNER_TEMP). */
  readonly root: string
  /** Its name in messages. */
  readonly rootName: string
  /** Below root, "/"-separated, without empty, "." or ".." segments. */
  readonly relativePath: string
  /** What is written, for messages, e.g. `ocsf-output "reports/e.json"`. */
  readonly subject: string
  /** What the user can do when it cannot be written. */
  readonly hint: string
}

/**
 * Writes `content` to `target` after checking, before anything is written: the real path stays
 * inside the root (no symlink leads out), every parent is a directory, the file is absent or a
 * regular file, and it is not one of `protectedFiles`. Returns `root`/`relativePath`.
 */
export async function writeConfinedFile(
  target: WriteTarget,
  content: string | Uint8Array,
  protectedFiles: ProtectedFiles,
): Promise<string> {
  const shown = join(target.root, target.relativePath)
  const refuse: Refuse = (reason, cause) => {
    throw new ActionError(`Cannot write ${target.subject} (${shortened(shown)}): ${reason}.`, {
      hint: target.hint,
      cause,
    })
  }
  const parts = target.relativePath.split('/')
  const name = parts.pop() ?? ''
  if ([...parts, name].some((part) => part === '' || part === '.' || part === '..'))
    refuse('the path has an empty, "." or ".." segment')

  const root = await realRootDirectory(target)
  let directory = root
  for (const part of parts) directory = await enterDirectory(directory, part, root, target, refuse)

  const path = await fileToOverwrite(join(directory, name), root, target, protectedFiles, refuse)
  await overwriteCheckedFile(path, content, protectedFiles, refuse)
  return shown
}

/** Throws the ActionError that refuses the write, with `reason` ending its sentence. */
type Refuse = (reason: string, cause?: unknown) => never

/** The root with symlinks resolved; it must exist and be a directory. */
async function realRootDirectory(target: WriteTarget): Promise<string> {
  let root: string
  try {
    root = await realpath(target.root)
  } catch (error) {
    throw new ActionError(`${target.rootName} (${target.root}) ${explainFsError(error)}.`, {
      hint: `${target.rootName} must be an existing directory the action can write to.`,
      cause: error,
    })
  }
  const rootInfo = await stat(root)
  if (!rootInfo.isDirectory())
    throw new ActionError(
      `${target.rootName} (${target.root}) is not a directory: it is ${fileKind(rootInfo)}.`,
      { hint: `${target.rootName} must be an existing directory the action can write to.` },
    )
  return root
}

/**
 * The path to open for `path`, in its (real, checked) parent: `path` itself, or where it leads when
 * it is a symlink that stays inside root. What exists there must be a regular file that is not
 * one of `protectedFiles`.
 */
async function fileToOverwrite(
  path: string,
  root: string,
  target: WriteTarget,
  protectedFiles: ProtectedFiles,
  refuse: Refuse,
): Promise<string> {
  let resolved = path
  let existing = await lstat(path, { bigint: true }).catch((error: NodeJS.ErrnoException) =>
    error.code === 'ENOENT' ? undefined : refuse(explainFsError(error), error),
  )
  if (existing?.isSymbolicLink()) {
    resolved = await followFileSymlink(path, root, target, refuse)
    existing = await lstat(resolved, { bigint: true })
  }
  if (existing !== undefined) refuseUnlessOverwritable(existing, protectedFiles, refuse)
  return resolved
}

/** Where the symlink `path` leads, refused when that does not exist or is outside root. */
async function followFileSymlink(
  path: string,
  root: string,
  target: WriteTarget,
  refuse: Refuse,
): Promise<string> {
  const resolved = await realpath(path).catch((error: NodeJS.ErrnoException) =>
    refuse(
      error.code === 'ENOENT'
        ? 'it is a symlink to a file that does not exist'
        : `it is a symlink that ${explainFsError(error)}`,
      error,
    ),
  )
  if (!isInside(resolved, root))
    refuse(`it is a symlink to ${shortened(resolved)}, outside ${target.rootName} (${root})`)
  return resolved
}

/** Refuses `info` unless it is a regular file that is not one of `protectedFiles`. */
function refuseUnlessOverwritable(
  info: BigIntStats,
  protectedFiles: ProtectedFiles,
  refuse: Refuse,
): void {
  if (!info.isFile()) refuse(`it is ${fileKind(info)}, not a regular file`)
  const owner = protectedFiles.describe(info)
  if (owner !== undefined) refuse(`it is ${owner}, which the action must not overwrite`)
}

/** Opens `path` without following a symlink, checks what was opened, then replaces its content. */
async function overwriteCheckedFile(
  path: string,
  content: string | Uint8Array,
  protectedFiles: ProtectedFiles,
  refuse: Refuse,
): Promise<void> {
  // O_NONBLOCK: a pipe swapped in after the checks fails (ENXIO) instead of blocking forever.
  // O_NOFOLLOW: so does a symlink. No O_TRUNC: nothing is cut before the handle is checked.
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK
  const handle = await open(path, flags, 0o644).catch((error: unknown) =>
    refuse(explainFsError(error), error),
  )
  try {
    // Checked again on the handle: the path may have been swapped for another file since the
    // checks, and the handle is what will be written.
    refuseUnlessOverwritable(await handle.stat({ bigint: true }), protectedFiles, refuse)
    await handle.truncate(0)
    await handle.writeFile(content)
  } catch (error) {
    if (error instanceof ActionError) throw error
    refuse(explainFsError(error), error)
  } finally {
    await handle.close()
  }
}

/** `directory`/`part`, created when missing; a symlink is followed only while it stays inside root. */
async function enterDirectory(
  directory: string,
  part: string,
  root: string,
  target: WriteTarget,
  refuse: Refuse,
): Promise<string> {
  const next = join(directory, part)
  const shown = shortened(relative(root, next))
  let info: Stats | undefined
  try {
    info = await lstat(next)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      refuse(`${shown} ${explainFsError(error)}`, error)
  }
  if (info === undefined) {
    await mkdir(next).catch((error: NodeJS.ErrnoException) => {
      // Another step may have made it meanwhile; anything else is a real failure.
      if (error.code !== 'EEXIST') refuse(`its directory ${shown} ${explainFsError(error)}`, error)
    })
    info = await lstat(next)
  }
  if (info.isSymbolicLink()) {
    const resolved = await realpath(next).catch((error: unknown) =>
      refuse(`${shown} is a symlink that ${explainFsError(error)}`, error),
    )
    if (!isInsideOrRoot(resolved, root))
      refuse(
        `${shown} is a symlink to ${shortened(resolved)}, outside ${target.rootName} (${root})`,
      )
    info = await stat(resolved)
    if (!info.isDirectory()) refuse(`${shown} leads to ${fileKind(info)}, not a directory`)
    return resolved
  }
  if (!info.isDirectory()) refuse(`${shown} is ${fileKind(info)}, not a directory`)
  return next
}
