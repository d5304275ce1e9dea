import { glob, realpath, stat } from 'node:fs/promises'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { ActionError } from '../shared/errors.js'

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
 * release must not silently publish fewer SBOMs than the workflow meant to.
 */
export async function locateSbomFiles(
  patterns: readonly string[],
  workspace: string,
): Promise<LocatedFile[]> {
  const workspaceRoot = await realpath(workspace)
  const found = new Map<string, LocatedFile>()
  const problems: string[] = []

  for (const pattern of patterns) {
    const candidates = GLOB_CHARACTERS.test(pattern)
      ? await Array.fromAsync(glob(pattern, { cwd: workspaceRoot }))
      : [pattern]
    if (candidates.length === 0) {
      problems.push(`sbom pattern "${pattern}" matched no file in ${workspaceRoot}.`)
      continue
    }
    for (const candidate of candidates) {
      const problem = await checkCandidate(candidate, pattern, workspaceRoot, found)
      if (problem) problems.push(problem)
    }
  }
  if (problems.length > 0)
    throw new ActionError(
      `Could not use the sbom input:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      {
        hint: 'Check the path(s) in sbom: they are relative to GITHUB_WORKSPACE and must name files your workflow created in an earlier step.',
      },
    )
  return [...found.values()].sort((a, b) => a.displayPath.localeCompare(b.displayPath))
}

async function checkCandidate(
  candidate: string,
  pattern: string,
  workspaceRoot: string,
  found: Map<string, LocatedFile>,
): Promise<string | undefined> {
  const requested = resolve(workspaceRoot, candidate)
  let absolutePath: string
  try {
    absolutePath = await realpath(requested)
  } catch {
    return `sbom file "${candidate}" does not exist (looked for ${requested}).`
  }
  if (!isInside(absolutePath, workspaceRoot))
    return `sbom file "${candidate}" resolves to ${absolutePath}, outside the workspace ${workspaceRoot}; only files inside GITHUB_WORKSPACE are read.`
  const info = await stat(absolutePath)
  if (!info.isFile())
    return `sbom "${candidate}"${candidate === pattern ? '' : ` (from "${pattern}")`} is not a regular file.`
  found.set(absolutePath, { absolutePath, displayPath: relative(workspaceRoot, absolutePath) })
  return undefined
}

export function isInside(path: string, root: string): boolean {
  const fromRoot = relative(root, path)
  return (
    fromRoot !== '' &&
    !fromRoot.startsWith(`..${sep}`) &&
    fromRoot !== '..' &&
    !isAbsolute(fromRoot)
  )
}
