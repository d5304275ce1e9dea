import { spawn } from 'node:child_process'
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const BUNDLE = fileURLToPath(new URL('../../dist/index.mjs', import.meta.url))
export const DEFAULT_SHA = '0123456789abcdef0123456789abcdef01234567'

export interface ActionRun {
  exitCode: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** `::error …::message` lines, decoded. */
  errors: string[]
  warnings: string[]
}

export interface RunOptions {
  inputs: Record<string, string>
  env?: Record<string, string>
  workspace: string
  event?: { name: string; payload: unknown }
  /** Node options put before the bundle, e.g. a preload (`--import <url>`). */
  nodeArgs?: string[]
}

/** Runs the bundled action the way the runner does: INPUT_* env, GITHUB_* files, node24. */
export async function runAction(options: RunOptions): Promise<ActionRun> {
  const runnerDir = await mkdtemp(join(tmpdir(), 'iot-sbom-runner-'))
  const outputFile = join(runnerDir, 'output')
  const summaryFile = join(runnerDir, 'summary.md')
  const eventFile = join(runnerDir, 'event.json')
  await writeFile(outputFile, '')
  await writeFile(summaryFile, '')
  await writeFile(eventFile, JSON.stringify(options.event?.payload ?? {}))
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? runnerDir,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_EVENT_NAME: options.event?.name ?? 'push',
    GITHUB_SHA: DEFAULT_SHA,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REPOSITORY: 'acme/thermostat',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    RUNNER_TEMP: runnerDir,
    ...options.env,
  }
  for (const [name, value] of Object.entries(options.inputs))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value

  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BUNDLE], {
    cwd: options.workspace,
    env,
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exitCode = await new Promise<number>((resolve) =>
    child.on('close', (code) => resolve(code ?? -1)),
  )
  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseOutputFile(await readFile(outputFile, 'utf8')),
    summary: await readFile(summaryFile, 'utf8'),
    errors: commands(stdout, 'error'),
    warnings: commands(stdout, 'warning'),
  }
}

/** GITHUB_OUTPUT uses `name<<DELIMITER\nvalue\nDELIMITER` blocks. */
function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const pattern = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm
  for (const match of text.matchAll(pattern)) outputs[match[1] as string] = match[3] as string
  return outputs
}

function commands(stdout: string, kind: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith(`::${kind}`))
    .map((line) =>
      line
        .slice(line.indexOf('::', 2) + 2)
        .replace(/%0A/g, '\n')
        .replace(/%0D/g, '\r')
        .replace(/%25/g, '%'),
    )
}

/** A fresh workspace holding `files` (text, or a fixture URL to copy). */
export async function workspaceWith(files: Record<string, string | URL>): Promise<string> {
  const workspace = await mkdtemp(join(tmpdir(), 'iot-sbom-ws-'))
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(workspace, path, '..'), { recursive: true })
    if (content instanceof URL) await cp(content, join(workspace, path))
    else await writeFile(join(workspace, path), content)
  }
  return workspace
}
