// The action as @github/local-action runs it (`npx @github/local-action run . src/main.ts .env`),
// without installing it: local-action 7 loads the .env file into process.env, replaces
// @actions/core with its own stub (inputs from INPUT_* or else action.yml's default, outputs kept
// in memory, setFailed only recorded), imports the *source* entrypoint and awaits its exported
// run(). It cannot run dist/: the bundle carries its own @actions/core, which the stub cannot
// replace, and exports no run(). What this file pins down: src/main.ts keeps that contract,
// .env.example is a working validate run, and the two caveats the docs warn about are real.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseEnv } from 'node:util'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { parse } from 'yaml'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const ACTION = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: unknown }>
}
const ENV_EXAMPLE = readFileSync(join(ROOT, '.env.example'), 'utf8')

/** local-action 7.0.1's @actions/core stub, reduced to what src/main.ts calls. */
const stub = vi.hoisted(() => {
  const state = {
    defaults: {} as Record<string, unknown>,
    log: [] as string[],
    outputs: {} as Record<string, string>,
    secrets: [] as string[],
    exitCode: 0,
    exitMessage: '',
  }
  const record = (kind: string) => (message: string) => state.log.push(`${kind}: ${message}`)
  const core = {
    getInput(name: string, options?: { required?: boolean; trimWhitespace?: boolean }): string {
      let input =
        process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ||
        process.env[`INPUT_${name.replace(/ /g, '_')}`] ||
        ''
      if (input === '' && state.defaults[name] !== undefined) input = String(state.defaults[name])
      if (options?.required === true && input === '')
        throw new Error(`Input required and not supplied: ${name}`)
      return options?.trimWhitespace === false ? input : input.trim()
    },
    setOutput(name: string, value: string) {
      if (state.secrets.some((secret) => value.includes(secret)))
        return record('warning')(`Skip output ${name} since it may contain secret.`)
      state.outputs[name] = value
    },
    setSecret(secret: string) {
      state.secrets.push(secret)
    },
    setFailed(message: string) {
      state.exitCode = 1
      state.exitMessage = message
      record('error')(message)
    },
    info: record('info'),
    debug: record('debug'),
    notice: record('notice'),
    warning: record('warning'),
    error: record('error'),
    async group<T>(name: string, run: () => Promise<T>): Promise<T> {
      record('group')(name)
      return run()
    },
    summary: {
      buffer: '',
      addRaw(text: string) {
        this.buffer += text
        return this
      },
      async write() {
        const { appendFileSync } = await import('node:fs')
        appendFileSync(process.env.GITHUB_STEP_SUMMARY ?? '', this.buffer)
        this.buffer = ''
        return this
      },
    },
  }
  return { state, core }
})
vi.mock('@actions/core', () => stub.core)

let savedEnv: NodeJS.ProcessEnv
let summaryFile: string
beforeEach(() => {
  savedEnv = { ...process.env }
  stub.state.defaults = Object.fromEntries(
    Object.entries(ACTION.inputs).map(([name, input]) => [name, input.default]),
  )
  stub.state.log = []
  stub.state.outputs = {}
  stub.state.secrets = []
  stub.state.exitCode = 0
  stub.state.exitMessage = ''
  stub.core.summary.buffer = ''
  const scratch = mkdtempSync(join(tmpdir(), 'iot-sbom-local-action-'))
  summaryFile = join(scratch, 'summary.md')
  // What local-action does first: the .env file over the environment (dotenv, override: true).
  // Only the machine-specific paths of .env.example are replaced.
  Object.assign(process.env, parseEnv(ENV_EXAMPLE), {
    GITHUB_WORKSPACE: ROOT,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: scratch,
  })
})
afterEach(() => {
  for (const name of Object.keys(process.env)) if (!(name in savedEnv)) delete process.env[name]
  Object.assign(process.env, savedEnv)
  process.exitCode = undefined
})

/** local-action's run step: import the logic entrypoint fresh, check for run(), await it. */
async function localActionRun(): Promise<void> {
  vi.resetModules()
  const entrypoint = (await import('../../src/main.ts')) as { run?: unknown }
  if (typeof entrypoint.run !== 'function')
    throw new Error('Entrypoint src/main.ts does not export a run() function')
  await (entrypoint.run as () => Promise<void>)()
}

describe('@github/local-action', () => {
  it('runs .env.example as it is: a validate run of the demo SBOM, outputs and summary', async () => {
    await localActionRun()
    expect(stub.state.exitMessage).toBe('')
    expect(stub.state.exitCode).toBe(0)
    expect(stub.state.outputs).toMatchObject({
      'validation-status': 'SKIPPED',
      'component-count': '5', // the demo's 4 libraries and its own root, kept under the IoT package
    })
    expect(stub.state.outputs['sbom-sha256']).toMatch(/^[0-9a-f]{64}$/)
    expect(stub.state.log[0]).toMatch(/^info: iot-sbom-action \S+: validate demo-firmware@1\.0\.0/)
    expect(readFileSync(summaryFile, 'utf8')).toContain('demo-firmware')
  })

  it('importing src/main.ts does not run the action: only the run() call does', async () => {
    vi.resetModules()
    const entrypoint = (await import('../../src/main.ts')) as { run?: unknown }
    expect(typeof entrypoint.run).toBe('function')
    expect(stub.state.log).toEqual([])
  })

  it('passes the github-token default literally, as "${{ github.token }}"', async () => {
    expect(process.env['INPUT_GITHUB-TOKEN']).toBeUndefined()
    await localActionRun()
    // The action masks the token it got: the unevaluated expression from action.yml.
    expect(stub.state.secrets).toEqual(['${{ github.token }}'])
  })

  it('a failed run returns normally and leaves the exit code alone: the log says it failed', async () => {
    process.env['INPUT_PACKAGE-NAME'] = 'not a package name!'
    await localActionRun()
    expect(stub.state.exitCode).toBe(1)
    expect(stub.state.exitMessage).toMatch(/package-name/)
    // The real @actions/core would have set process.exitCode = 1; local-action's stub does not,
    // and local-action itself exits 0 after run() returns.
    expect(process.exitCode).toBeUndefined()
    expect(readFileSync(summaryFile, 'utf8')).toContain('Invalid inputs')
  })
})

describe('.env.example', () => {
  it('names only inputs action.yml declares', () => {
    const named = [...ENV_EXAMPLE.matchAll(/^#?\s*INPUT_([A-Z0-9_-]+)=/gm)].map((match) =>
      (match[1] as string).toLowerCase(),
    )
    expect(named.length).toBeGreaterThan(5)
    expect(named.filter((name) => !(name in ACTION.inputs))).toEqual([])
  })

  it('holds no real-looking AWS secret, and .env (the copy with yours) is git-ignored', () => {
    const keys = [...ENV_EXAMPLE.matchAll(/^#?\s*AWS_ACCESS_KEY_ID=(\S*)/gm)].map((m) => m[1])
    expect(keys.every((key) => key === '' || key === 'AKIAEMULATOREXAMPLE0')).toBe(true)
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n')).toContain('.env')
  })
})
