import { readdir, realpath, stat } from 'node:fs/promises'
import { isAbsolute, join, matchesGlob, relative } from 'node:path'
import { quoted, shortened } from '../context/quoted.js'
import { explainFsError, fileKind, isInside, isInsideOrRoot } from '../context/confined-files.js'
import { ActionError } from '../shared/errors.js'

export { isInside }

export interface LocatedFile {
  /** Absolute, symlinks resolved. */
  readonly absolutePath: string
  /** Relative to the workspace, for messages and summaries. */
  readonly displayPath: string
}

const GLOB_CHARACTERS = /[*?[\]{}]/

/**
 * Turns the `sbom` input (paths, globs, one per line) into existing regular files inside the
 * workspace, sorted and without duplicates. A pattern that matches nothing is an error: a
 * release must not silently publish fewer SBOMs than the workflow meant to. Globs are matched by
 * a walk that never leaves the workspace (see walkWorkspace).
 */
export async function locateSbomFiles(
  patterns: readonly string[],
  workspace: string,
): Promise<LocatedFile[]> {
  let workspaceRoot: string
  try {
    workspaceRoot = await realpath(workspace)
  } catch (error) {
    throw new ActionError(`GITHUB_WORKSPACE (${workspace}) ${explainFsError(error)}.`, {
      cause: error,
    })
  }
  const found = new Map<string, LocatedFile>()
  const problems: string[] = []

  for (const pattern of patterns) {
    if (pattern.split('/').includes('..')) {
      // readConfig refuses these already; checked again so no caller can walk out with one.
      problems.push(
        `sbom ${quoted(pattern)} contains "..": only paths inside the workspace are read.`,
      )
      continue
    }
    if (!GLOB_CHARACTERS.test(pattern)) {
      const problem = await checkCandidate(pattern, pattern, workspaceRoot, found)
      if (problem) problems.push(problem)
      continue
    }
    const relativePattern = globInWorkspace(pattern, workspace, workspaceRoot)
    if (relativePattern === undefined) {
      problems.push(
        `sbom pattern ${quoted(pattern)} is outside the workspace ${workspaceRoot}: patterns are matched inside GITHUB_WORKSPACE only.`,
      )
      continue
    }
    const { matches, unreadable } = await walkWorkspace(relativePattern, workspaceRoot)
    if (matches.length === 0) {
      const skipped =
        unreadable.length > 0
          ? ` (${unreadable.length} director${unreadable.length === 1 ? 'y' : 'ies'} could not be read, e.g. ${unreadable[0]})`
          : ''
      problems.push(
        `sbom pattern ${quoted(pattern)} matched no file in ${workspaceRoot}${skipped}.`,
      )
      continue
    }
    for (const candidate of matches) {
      const problem = await checkCandidate(candidate, pattern, workspaceRoot, found)
      if (problem) problems.push(problem)
    }
  }
  if (problems.length > 0)
    throw new ActionError(
      `Could not use the sbom input:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      {
        hint: 'Check the path(s) in sbom: they are relative to GITHUB_WORKSPACE and must name regular files your workflow created in an earlier step.',
      },
    )
  return [...found.values()].sort((a, b) => a.displayPath.localeCompare(b.displayPath))
}

/** The glob relative to the workspace without "." or empty segments; undefined when outside it. */
function globInWorkspace(
  pattern: string,
  workspace: string,
  workspaceRoot: string,
): string | undefined {
  let relativePattern = pattern
  if (isAbsolute(pattern)) {
    // As the workflow wrote it (github.workspace) or with symlinks resolved.
    const root = [workspace, workspaceRoot].find((dir) => isInside(pattern, dir))
    if (root === undefined) return undefined
    relativePattern = relative(root, pattern)
  }
  return relativePattern
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .join('/')
}

/**
 * The paths below `root` matching `pattern`, relative to it. Unlike fs.glob, which follows a
 * symlinked directory named in a pattern (`link/**` lists wherever link points), this walk
 * enters a symlinked directory only when it resolves inside root, enters each directory once
 * (no symlink loop), and only goes as deep as the pattern can match.
 */
async function walkWorkspace(
  pattern: string,
  root: string,
): Promise<{ matches: string[]; unreadable: string[] }> {
  const segments = pattern.split('/')
  const firstGlob = segments.findIndex((segment) => GLOB_CHARACTERS.test(segment))
  const base = segments.slice(0, firstGlob).join('/')
  const rest = segments.slice(firstGlob)
  const maxDepth = rest.includes('**') ? Infinity : rest.length
  // `*` and `**` skip dot entries (as matchesGlob does), so dot directories are only entered
  // when the pattern names one.
  const entersDotDirectories = /(^|[/{,])\./.test(pattern)
  const matches: string[] = []
  const unreadable: string[] = []

  const baseReal = await realpath(join(root, base)).catch(() => undefined)
  if (baseReal === undefined || !isInsideOrRoot(baseReal, root)) return { matches, unreadable }
  const visited = new Set<string>()
  const pending = [{ directory: baseReal, shown: base, depth: 0 }]
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { directory, shown, depth } = next
    if (visited.has(directory)) continue
    visited.add(directory)
    let entries
    try {
      entries = await readdir(directory, { withFileTypes: true })
    } catch {
      unreadable.push(shown || '.')
      continue
    }
    for (const entry of entries) {
      const path = shown ? `${shown}/${entry.name}` : entry.name
      if (matchesGlob(path, pattern)) matches.push(path)
      if (depth + 1 >= maxDepth) continue
      if (entry.name.startsWith('.') && !entersDotDirectories) continue
      let inside = join(directory, entry.name)
      if (entry.isSymbolicLink()) {
        const resolved = await realpath(inside).catch(() => undefined)
        if (resolved === undefined || !isInsideOrRoot(resolved, root)) continue
        if (!(await stat(resolved).catch(() => undefined))?.isDirectory()) continue
        inside = resolved
      } else if (!entry.isDirectory()) continue
      pending.push({ directory: inside, shown: path, depth: depth + 1 })
    }
  }
  return { matches: matches.sort(), unreadable }
}

async function checkCandidate(
  candidate: string,
  pattern: string,
  workspaceRoot: string,
  found: Map<string, LocatedFile>,
): Promise<string | undefined> {
  const requested = isAbsolute(candidate) ? candidate : join(workspaceRoot, candidate)
  let absolutePath: string
  try {
    absolutePath = await realpath(requested)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ELOOP')
      return `sbom file ${quoted(candidate)} is a symlink loop (${shortened(requested)}): it never reaches a file.`
    if (code === 'ENOENT')
      return `sbom file ${quoted(candidate)} does not exist (looked for ${shortened(requested)}).`
    return `sbom file ${quoted(candidate)} ${explainFsError(error)} (${shortened(requested)}).`
  }
  // The workspace itself is not outside it: it is a directory, said below.
  if (!isInsideOrRoot(absolutePath, workspaceRoot))
    return `sbom file ${quoted(candidate)} resolves to ${shortened(absolutePath)}, outside the workspace ${workspaceRoot}; only files inside GITHUB_WORKSPACE are read.`
  let info
  try {
    info = await stat(absolutePath)
  } catch (error) {
    return `sbom file ${quoted(candidate)} ${explainFsError(error)} (${shortened(absolutePath)}).`
  }
  if (!info.isFile())
    return `sbom ${quoted(candidate)}${candidate === pattern ? '' : ` (from ${quoted(pattern)})`} is not a regular file: it is ${fileKind(info)}.`
  found.set(absolutePath, { absolutePath, displayPath: relative(workspaceRoot, absolutePath) })
  return undefined
}
