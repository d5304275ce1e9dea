// Where the SBOM(s) come from: files the workflow made, or one of the generators.
import { closeSync, constants, fstatSync, openSync } from 'node:fs'
import { lstat, realpath, stat } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { quoted, shortened } from '../context/quoted.js'
import { explainFsError, fileKind, isInside } from '../context/confined-files.js'
import type { GeneratedBom } from '../formats/generated-bom.js'
import { ActionError, SbomError } from '../shared/errors.js'
import type { Logger } from '../shared/logger.js'
import { locateSbomFiles } from './locate-sbom-files.js'
import { bomFromNpmLockfile, LOCKFILE_NAMES } from './npm-lockfile.js'
import { readTextOrBytes } from './read-text.js'
import { commandEnvironment, runGeneratorCommand } from './run-generator-command.js'

export type GeneratorChoice = Exclude<import('./generators.js').Generator, 'inspector'>

export interface SourceRequest {
  readonly generator: GeneratorChoice
  /** The `sbom` input: existing files, or (generator command) the file the command writes. */
  readonly sbomPatterns: readonly string[]
  readonly command: string | undefined
  /** generator-timeout-seconds (default 1800). */
  readonly commandTimeoutSeconds?: number
  /** generator-github-token: hand github-token to the command as GITHUB_TOKEN. */
  readonly commandGetsGithubToken?: boolean
  /** Relative to the workspace: where the lockfile is looked for and the command runs. */
  readonly workingDirectory: string
  readonly includeDev: boolean
  /** Files above it are refused before they are read. */
  readonly maxBytes: number
  readonly workspace: string
  readonly github: {
    readonly repository: string
    readonly token: string
    readonly apiUrl: string
    readonly ref: string
    readonly defaultBranch: string | undefined
  }
}

/** An SBOM file to read, or a model one of the generators made. */
export type SbomSource =
  | {
      /** For messages and the zip entry name. */
      readonly displayPath: string
      readonly content: Buffer | string
      readonly generated?: undefined
      /** The file it was read from (absolute), so nothing the action writes lands on it. */
      readonly readFrom?: string
    }
  | { readonly displayPath: string; readonly generated: GeneratedBom; readonly readFrom?: string }

/** Resolves `auto`, runs the generator if any, and returns the SBOM documents to normalize. */
export async function collectSboms(
  request: SourceRequest,
  env: NodeJS.ProcessEnv,
  log: Logger,
): Promise<SbomSource[]> {
  const directory = await workingDirectory(request)
  const generator = await chooseGenerator(request, directory, log)
  switch (generator) {
    case 'files':
      return readLocated(request)
    case 'command':
      await runGeneratorCommand(
        request.command ?? '',
        directory.absolute,
        commandEnvironment(
          env,
          request.commandGetsGithubToken ? request.github.token || undefined : undefined,
        ),
        log,
        { timeoutSeconds: request.commandTimeoutSeconds ?? 1800 },
      )
      return readLocated(request, true)
    case 'npm':
      return [await generateFromLockfile(request, directory, log)]
    case 'github-dependency-graph':
      return [await fetchDependencyGraph(request, log)]
  }
}

interface Directory {
  readonly absolute: string
  readonly display: string
  /** The workspace, symlinks resolved. */
  readonly root: string
}

async function workingDirectory(request: SourceRequest): Promise<Directory> {
  let root: string
  try {
    root = await realpath(request.workspace)
  } catch (error) {
    throw new ActionError(`GITHUB_WORKSPACE (${request.workspace}) ${explainFsError(error)}.`, {
      cause: error,
    })
  }
  const shown = quoted(request.workingDirectory)
  let absolute: string
  try {
    absolute = await realpath(join(root, request.workingDirectory))
  } catch (error) {
    throw new ActionError(
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? `working-directory ${shown} does not exist in the workspace ${root}.`
        : `working-directory ${shown} ${explainFsError(error)} (in the workspace ${root}).`,
    )
  }
  if (absolute !== root && !isInside(absolute, root))
    throw new ActionError(
      `working-directory ${shown} resolves to ${shortened(absolute)}, outside the workspace ${root}.`,
    )
  const info = await stat(absolute)
  if (!info.isDirectory())
    throw new ActionError(`working-directory ${shown} is not a directory: it is ${fileKind(info)}.`)
  return { absolute, display: relative(root, absolute) || '.', root }
}

async function chooseGenerator(
  request: SourceRequest,
  directory: Directory,
  log: Logger,
): Promise<'files' | Exclude<GeneratorChoice, 'auto'>> {
  if (request.generator !== 'auto') {
    log.info(`SBOM source: generator ${request.generator} (set by the generator input).`)
    return request.generator
  }
  if (request.sbomPatterns.length > 0) {
    log.info('SBOM source: the file(s) named by the sbom input (generator auto).')
    return 'files'
  }
  const lockfile = await findLockfile(directory)
  if (lockfile) {
    log.info(
      `SBOM source: generator npm, because sbom is empty and ${join(directory.display, lockfile.name)} exists (generator auto).`,
    )
    return 'npm'
  }
  log.info(
    `SBOM source: generator github-dependency-graph, because sbom is empty and ${directory.display} has no ${LOCKFILE_NAMES.join(' or ')} (generator auto).`,
  )
  return 'github-dependency-graph'
}

/**
 * npm-shrinkwrap.json wins over package-lock.json, as it does for npm itself. Found means read: a
 * lockfile that is not a regular file inside the workspace is refused, not skipped, so `auto`
 * does not quietly switch generators because of it.
 */
async function findLockfile(
  directory: Directory,
): Promise<{ name: string; absolute: string } | undefined> {
  for (const name of LOCKFILE_NAMES) {
    const path = join(directory.absolute, name)
    const display = join(directory.display, name)
    const link = await lstat(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined
      throw new SbomError(display, `${explainFsError(error)}.`)
    })
    if (link === undefined) continue
    let absolute: string
    try {
      absolute = await realpath(path)
    } catch (error) {
      throw new SbomError(display, `${explainFsError(error)}.`, {
        hint: 'Replace the symlink with the lockfile itself.',
      })
    }
    if (!isInside(absolute, directory.root))
      throw new SbomError(
        display,
        `resolves to ${shortened(absolute)}, outside the workspace ${directory.root}; only files inside GITHUB_WORKSPACE are read.`,
        { hint: 'Replace the symlink with the lockfile itself.' },
      )
    const info = await stat(absolute)
    if (!info.isFile())
      throw new SbomError(display, `is not a regular file: it is ${fileKind(info)}.`, {
        hint: 'npm writes the lockfile as a regular file; remove what is in its place.',
      })
    return { name, absolute }
  }
  return undefined
}

async function readLocated(request: SourceRequest, afterCommand = false): Promise<SbomSource[]> {
  let files
  try {
    files = await locateSbomFiles(request.sbomPatterns, request.workspace)
  } catch (error) {
    if (!afterCommand || !(error instanceof ActionError)) throw error
    throw new ActionError(
      `generator-command finished, but the SBOM it should have written is missing.\n${error.message}`,
      {
        hint: 'Make the command write the file named by sbom (a path relative to GITHUB_WORKSPACE; the command runs in working-directory).',
      },
    )
  }
  const sources: SbomSource[] = []
  for (const file of files)
    sources.push({
      displayPath: file.displayPath,
      content: await readCapped(file.absolutePath, file.displayPath, request.maxBytes, 'sbom'),
      readFrom: file.absolutePath,
    })
  return sources
}

/**
 * Reads a file after checking its size, so an oversized one is refused without loading it: as
 * text, or as bytes when they are not UTF-8 (see readTextOrBytes). `path` has its symlinks
 * resolved; it is opened without following one and without blocking, and what was opened is
 * checked, so a pipe or link put in its place since it was located is refused, not read.
 */
async function readCapped(
  path: string,
  display: string,
  maxBytes: number,
  what: 'sbom' | 'lockfile',
): Promise<Buffer | string> {
  let fd: number
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK)
  } catch (error) {
    throw new SbomError(display, `${explainFsError(error)}; it was not read.`, { cause: error })
  }
  try {
    const info = fstatSync(fd)
    if (!info.isFile())
      throw new SbomError(
        display,
        `is not a regular file: it is ${fileKind(info)}; it was not read.`,
      )
    if (info.size > maxBytes)
      throw new SbomError(
        display,
        `is ${megabytes(info.size)}, over max-sbom-size-mb (${megabytes(maxBytes)}); it was not read.`,
        {
          hint:
            what === 'sbom'
              ? 'Check that sbom names the SBOM (not a build artifact), or raise max-sbom-size-mb.'
              : 'Raise max-sbom-size-mb if this lockfile is really that large.',
        },
      )
    return await readTextOrBytes(fd)
  } finally {
    closeSync(fd)
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

async function generateFromLockfile(
  request: SourceRequest,
  directory: Directory,
  log: Logger,
): Promise<SbomSource> {
  const found = await findLockfile(directory)
  if (!found)
    throw new ActionError(
      `generator npm found no ${LOCKFILE_NAMES.join(' or ')} in working-directory "${directory.display}".`,
      {
        hint: 'Commit your lockfile, run `npm install --package-lock-only` in an earlier step, or set working-directory to the folder that has it.',
      },
    )
  const display = join(directory.display, found.name)
  // Bytes that are not UTF-8 are decoded leniently (String), as lockfiles always were.
  const text = String(await readCapped(found.absolute, display, request.maxBytes, 'lockfile'))
  let lockfile: unknown
  try {
    lockfile = JSON.parse(text)
  } catch (error) {
    throw new SbomError(display, `is not valid JSON: ${(error as Error).message}`, {
      hint: 'Regenerate it with npm install --package-lock-only.',
    })
  }
  const { bom, lockfileVersion, notes } = bomFromNpmLockfile(lockfile, display, {
    includeDev: request.includeDev,
  })
  for (const note of notes) log.info(note)
  log.info(`Generated a CycloneDX SBOM from ${display} (lockfile v${lockfileVersion}).`)
  return {
    displayPath: display,
    generated: { bom, source: 'npm lockfile', sourceVersion: `v${lockfileVersion}` },
    readFrom: found.absolute,
  }
}

async function fetchDependencyGraph(request: SourceRequest, log: Logger): Promise<SbomSource> {
  const { github } = request
  if (!github.token)
    throw new ActionError('generator github-dependency-graph needs github-token, which is empty.', {
      hint: 'Leave github-token at its default (${{ github.token }}) and give the job `permissions: contents: read`.',
    })
  const defaultRef = github.defaultBranch ? `refs/heads/${github.defaultBranch}` : undefined
  if (defaultRef === undefined)
    log.warning(
      'The GitHub dependency graph describes the default branch; the event does not say which branch that is, so it cannot be checked against this run.',
      'Dependency graph may not match this commit',
    )
  else if (github.ref !== defaultRef)
    log.warning(
      `The GitHub dependency graph describes the default branch (${github.defaultBranch}), but this run is for ${github.ref || 'an unknown ref'}: the SBOM may not match the commit being built. Use generator: npm or command for an SBOM of exactly this commit.`,
      'Dependency graph is of the default branch',
    )
  // Loaded on demand: the GitHub client is only needed by this generator.
  const { exportDependencyGraph } = await import('./github-dependency-graph.js')
  const content = await exportDependencyGraph(github)
  log.info(`Fetched the dependency graph SBOM of ${github.repository} from ${github.apiUrl}.`)
  return { displayPath: 'github-dependency-graph.spdx.json', content }
}
