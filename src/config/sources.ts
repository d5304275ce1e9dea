// Where the SBOM(s) come from: the sbom input, the generator and what the generators need.
import { isAbsolute, relative, resolve } from 'node:path'
import { quoted } from '../context/quoted.js'
import { GENERATORS, type Generator } from '../sources/generators.js'
import { booleanInput, oneOf, timeoutInput, type Inputs } from './inputs.js'

/** The sources' settings besides the patterns and the generator (see ConfigBase). */
export interface SourceSettings {
  readonly generatorCommand: string | undefined
  readonly generatorTimeoutSeconds: number
  readonly generatorGithubToken: boolean
  readonly workingDirectory: string
  readonly includeDev: boolean
  readonly maxSbomBytes: number
  readonly githubToken: string
}

/** The sbom input's lines. */
export interface SbomPatterns {
  readonly all: readonly string[]
  /** The ones not refused (the others are problems already). */
  readonly checked: readonly string[]
}

const GLOB_CHARACTERS = /[*?[\]{}]/
/** Names a pattern's numeric brace ranges may expand to: `{1..100000}` takes a minute to match. */
const MAX_BRACE_EXPANSION = 10_000
// Default: far above real SBOMs (tens of MB for 50k components), well below what a runner can parse.
const DEFAULT_MAX_SBOM_MB = 100
// The normalizer's own hard limit (MAX_INPUT_BYTES).
const MAX_SBOM_MB = 512

export function readSbomPatterns(inputs: Inputs, workspace: string): SbomPatterns {
  const all = inputs
    .get('sbom')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
  return { all, checked: all.filter((pattern) => checkSbomPattern(inputs, pattern, workspace)) }
}

/**
 * A pattern with ".." could walk or read outside the workspace (`../**` would list the whole
 * disk before any file is refused), so it is refused before anything is read; so is one whose
 * numeric ranges expand to more names than any release has SBOMs. False when refused.
 */
function checkSbomPattern(inputs: Inputs, pattern: string, workspace: string): boolean {
  const expansion = [...pattern.matchAll(/\{(-?\d+)\.\.(-?\d+)(?:\.\.-?\d+)?\}/g)].reduce(
    (product, [, from, to]) => product * (Math.abs(Number(to) - Number(from)) + 1),
    1,
  )
  if (expansion > MAX_BRACE_EXPANSION) {
    inputs.fail(
      `sbom pattern ${quoted(pattern)} has numeric ranges ({a..b}) that expand to ${expansion} names, more than ${MAX_BRACE_EXPANSION}: list the files, or use * instead.`,
    )
    return false
  }
  if (!pattern.split('/').includes('..')) return true
  const resolved = resolve(workspace, pattern)
  const fromWorkspace = relative(workspace, resolved)
  const what = GLOB_CHARACTERS.test(pattern) ? 'pattern' : 'file'
  if (fromWorkspace === '..' || fromWorkspace.startsWith('../') || isAbsolute(fromWorkspace))
    inputs.fail(
      `sbom ${what} ${quoted(pattern)} resolves to ${quoted(resolved)}, outside the workspace ${workspace}: only files inside GITHUB_WORKSPACE are read.`,
    )
  else
    inputs.fail(
      `sbom ${what} ${quoted(pattern)} contains "..": write it without (${quoted(fromWorkspace || '.')}), so that no pattern can lead out of the workspace.`,
    )
  return false
}

/** The generator, checked against the sbom input: each needs sbom set, or empty. */
export function readGenerator(
  inputs: Inputs,
  sbomPatterns: readonly string[],
): Generator | undefined {
  const generator = oneOf(inputs, 'generator', GENERATORS, 'auto')
  if (generator === 'command') {
    if (!inputs.get('generator-command'))
      inputs.fail(
        'generator: command needs generator-command, the shell command that writes the SBOM.',
      )
    if (sbomPatterns.length === 0)
      inputs.fail(
        'generator: command needs sbom: the path of the file generator-command writes (relative to the workspace).',
      )
  } else if (generator !== undefined && generator !== 'auto' && sbomPatterns.length > 0)
    inputs.fail(
      `sbom is set, so there is nothing for generator ${quoted(generator)} to do: leave sbom empty to generate, or leave generator at auto to use the file(s).`,
    )
  return generator
}

/** generator-command and its bounds, working-directory, include-dev, max-sbom-size-mb, github-token. */
export function readSources(
  inputs: Inputs,
  generator: Generator | undefined,
): SourceSettings | undefined {
  const generatorCommand = inputs.get('generator-command') || undefined
  if (generatorCommand !== undefined && generator !== 'command')
    inputs.fail(
      `generator-command is set but generator is ${quoted(inputs.get('generator') || 'auto')}: set generator: command to run it.`,
    )
  // Read whatever the generator: action.yml gives them defaults, so "set" cannot be told apart.
  const generatorTimeoutSeconds = timeoutInput(inputs, 'generator-timeout-seconds', 1800)
  const generatorGithubToken = booleanInput(inputs, 'generator-github-token', false)
  const workingDirectory = readWorkingDirectory(inputs)
  const includeDev = booleanInput(inputs, 'include-dev', false)
  const maxSbomBytes = readMaxSbomBytes(inputs)
  const githubToken = inputs.get('github-token')
  if (
    generatorTimeoutSeconds === undefined ||
    generatorGithubToken === undefined ||
    workingDirectory === undefined ||
    includeDev === undefined ||
    maxSbomBytes === undefined
  )
    return undefined
  return {
    generatorCommand,
    generatorTimeoutSeconds,
    generatorGithubToken,
    workingDirectory,
    includeDev,
    maxSbomBytes,
    githubToken,
  }
}

function readWorkingDirectory(inputs: Inputs): string | undefined {
  const workingDirectory = inputs.get('working-directory') || '.'
  if (isAbsolute(workingDirectory) || workingDirectory.split(/[\\/]/).includes('..'))
    return inputs.fail(
      `working-directory ${quoted(workingDirectory)} must be a path inside the workspace, relative to it, without "..".`,
    )
  return workingDirectory
}

/** max-sbom-size-mb, in bytes. */
function readMaxSbomBytes(inputs: Inputs): number | undefined {
  const sizeText = inputs.get('max-sbom-size-mb') || String(DEFAULT_MAX_SBOM_MB)
  const maxSbomMb = Number(sizeText)
  if (!/^\d+(\.\d+)?$/.test(sizeText) || maxSbomMb <= 0 || maxSbomMb > MAX_SBOM_MB)
    return inputs.fail(
      `max-sbom-size-mb ${quoted(sizeText)} must be a number of megabytes above 0 and at most ${MAX_SBOM_MB}.`,
    )
  return Math.round(maxSbomMb * 1024 * 1024)
}
