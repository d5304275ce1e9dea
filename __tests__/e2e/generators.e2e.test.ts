// End to end through the bundle: SBOMs the action generates itself (npm lockfile, GitHub
// dependency graph, a user command), published to the loopback AWS emulator or validated.
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { readZip, startAwsEmulator, type AwsEmulator } from '../emulator/aws-emulator.ts'
import { startGitHubApi, type GitHubApi } from '../emulator/github-api.ts'
import { runAction, workspaceWith } from './run-action.ts'

const LOCKFILE = new URL('../../package-lock.json', import.meta.url)
const SPDX_SBOM = new URL('../fixtures/spdx/dependency-graph.spdx.json', import.meta.url)
const DEMO_SBOM = new URL('../fixtures/demo/thermostat.cdx.json', import.meta.url)
const PACKAGE = 'gateway-firmware'
const VERSION = '3.1.0'
const TOKEN = 'ghs_fakeTokenForTheLoopbackStandIn0123456789'
const BASE = { 'package-name': PACKAGE, 'version-name': VERSION }

let emulator: AwsEmulator | undefined
let github: GitHubApi | undefined
afterEach(async () => {
  await emulator?.close()
  await github?.close()
  emulator = undefined
  github = undefined
})

/** This repository's own project, the lockfile's root: a component of the SBOM, as any root. */
const ROOT_PROJECT = `iot-sbom-action@${(JSON.parse(readFileSync(LOCKFILE, 'utf8')) as { version: string }).version}`

/** name@version of every production (or every) package in this repository's own lockfile. */
async function lockfilePackages(includeDev: boolean): Promise<Set<string>> {
  const lock = JSON.parse(await readFile(LOCKFILE, 'utf8')) as {
    packages: Record<string, { dev?: boolean; link?: boolean; version?: string }>
  }
  return new Set(
    Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && !entry.link && (includeDev || !entry.dev))
      .map(
        ([path, entry]) => `${path.slice(path.lastIndexOf('node_modules/') + 13)}@${entry.version}`,
      ),
  )
}

interface CdxComponent {
  name: string
  group?: string
  version?: string
  purl?: string
  properties?: { name: string; value: string }[]
}

function nameAtVersion(component: CdxComponent): string {
  return `${component.group ? `${component.group}/` : ''}${component.name}@${component.version}`
}

/** The token reaches the runner only in its ::add-mask:: command, which hides it everywhere. */
function expectTokenOnlyMasked(run: { stdout: string; stderr: string; summary: string }): void {
  const lines = `${run.stdout}\n${run.stderr}\n${run.summary}`.split('\n')
  expect(lines.filter((line) => line.includes(TOKEN))).toEqual([`::add-mask::${TOKEN}`])
}

describe('generator npm', () => {
  it('auto picks the lockfile when sbom is empty, and the generated SBOM is published and validated', async () => {
    emulator = await startAwsEmulator({
      buckets: { 'acme-sboms': { versioning: 'Enabled' } },
      packages: { [PACKAGE]: { versions: { [VERSION]: {} } } },
    })
    const workspace = await workspaceWith({ 'package-lock.json': LOCKFILE })
    const run = await runAction({
      workspace,
      inputs: { ...BASE, 's3-bucket': 'acme-sboms' },
      env: emulator.env,
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.stdout).toContain(
      'SBOM source: generator npm, because sbom is empty and package-lock.json exists (generator auto).',
    )
    expect(run.outputs['validation-status']).toBe('SUCCEEDED')
    // The generator's model goes to the target spec (1.4 here) directly, so none of its own data
    // is reported lost.
    expect(run.stdout).toMatch(/package-lock\.json: npm lockfile v3 → CycloneDX 1\.4 JSON/)
    expect(run.warnings.join('\n')).not.toMatch(/not carried over/)

    expect(emulator.requests.map((request) => request.operation)).toContain('PutObject')
    const zip = readZip(await readFile(run.outputs['sbom-file'] ?? ''))
    expect(zip.map((entry) => entry.name)).toEqual(['package-lock.cdx.json'])
    const bom = JSON.parse(zip[0]?.content.toString() ?? '{}') as {
      specVersion: string
      components: CdxComponent[]
      metadata: { component: CdxComponent }
    }
    expect(bom.specVersion).toBe('1.4')
    // The lockfile's own project (its root) is a component the IoT package depends on.
    const expected = new Set([...(await lockfilePackages(false)), ROOT_PROJECT])
    expect(new Set(bom.components.map(nameAtVersion))).toEqual(expected)
    expect(run.outputs['component-count']).toBe(String(expected.size))
    expect(bom.metadata.component).toMatchObject({
      type: 'firmware',
      name: PACKAGE,
      version: VERSION,
    })
    expect(bom.components.find((c) => c.name === 'core' && c.group === '@actions')?.purl).toMatch(
      /^pkg:npm\/%40actions\/core@\d/,
    )
  })

  it('include-dev: true adds the dev dependencies, marked with cdx:npm:package:development', async () => {
    const workspace = await workspaceWith({ 'web/package-lock.json': LOCKFILE })
    const run = await runAction({
      workspace,
      inputs: {
        ...BASE,
        mode: 'validate',
        generator: 'npm',
        'working-directory': 'web',
        'include-dev': 'true',
        'sbom-archive': 'json',
        'cyclonedx-spec-version': '1.6',
      },
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.stderr).toBe('')
    const bom = JSON.parse(await readFile(run.outputs['sbom-file'] ?? '', 'utf8')) as {
      components: CdxComponent[]
    }
    expect(new Set(bom.components.map(nameAtVersion))).toEqual(
      new Set([...(await lockfilePackages(true)), ROOT_PROJECT]),
    )
    const vitest = bom.components.find((c) => c.name === 'vitest')
    expect(vitest?.properties).toContainEqual({
      name: 'cdx:npm:package:development',
      value: 'true',
    })
  })

  it('explains a missing lockfile', async () => {
    const run = await runAction({
      workspace: await workspaceWith({ 'README.md': 'no lockfile here' }),
      inputs: { ...BASE, mode: 'validate', generator: 'npm' },
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(
      /generator npm found no npm-shrinkwrap.json or package-lock.json in working-directory "\."/,
    )
  })
})

describe('generator github-dependency-graph', () => {
  const spdx = async () => JSON.parse(await readFile(SPDX_SBOM, 'utf8')) as unknown

  it('fetches the SPDX export with the token (GitHub Enterprise Server prefix honoured), normalizes it, and never prints the token', async () => {
    github = await startGitHubApi({ sbom: await spdx(), token: TOKEN, prefix: '/api/v3' })
    const run = await runAction({
      workspace: await workspaceWith({ 'README.md': 'no lockfile: auto falls back to the graph' }),
      inputs: { ...BASE, mode: 'validate', 'github-token': TOKEN },
      env: { GITHUB_API_URL: github.url },
      event: { name: 'push', payload: { repository: { default_branch: 'main' } } },
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.stdout).toContain(
      'SBOM source: generator github-dependency-graph, because sbom is empty',
    )
    expect(github.requests).toMatchObject([
      {
        method: 'GET',
        path: '/api/v3/repos/acme/thermostat/dependency-graph/sbom',
        authorization: `token ${TOKEN}`,
      },
    ])
    expect(run.warnings.join('\n')).not.toContain('default branch')
    // The described repository and its two packages.
    expect(run.outputs['component-count']).toBe('3')
    expectTokenOnlyMasked(run)
  })

  it('warns that the graph describes the default branch when the run is for another ref', async () => {
    github = await startGitHubApi({ sbom: await spdx(), token: TOKEN })
    const run = await runAction({
      workspace: await workspaceWith({}),
      inputs: {
        ...BASE,
        mode: 'validate',
        generator: 'github-dependency-graph',
        'github-token': TOKEN,
      },
      env: { GITHUB_API_URL: github.url, GITHUB_REF: 'refs/heads/feature/radio' },
      event: { name: 'push', payload: { repository: { default_branch: 'main' } } },
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.warnings.join('\n')).toMatch(
      /describes the default branch \(main\), but this run is for refs\/heads\/feature\/radio/,
    )
  })

  it.each([
    [403, 'Resource not accessible by integration', /permissions: contents: read/],
    [404, 'Not Found', /Enable it under Settings → Code security → Dependency graph/],
  ])('explains HTTP %i', async (status, message, hint) => {
    github = await startGitHubApi({ sbom: {}, token: TOKEN, failWith: { status, message } })
    const run = await runAction({
      workspace: await workspaceWith({}),
      inputs: {
        ...BASE,
        mode: 'validate',
        generator: 'github-dependency-graph',
        'github-token': TOKEN,
      },
      env: { GITHUB_API_URL: github.url },
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toContain(`answered ${status}`)
    expect(run.errors.join('\n')).toMatch(hint)
    expectTokenOnlyMasked(run)
  })
})

describe('generator command', () => {
  it('runs the command in working-directory, keeps its output out of the plain log, and reads the file it wrote', async () => {
    const workspace = await workspaceWith({ 'fixtures/demo.cdx.json': DEMO_SBOM, 'app/.keep': '' })
    const run = await runAction({
      workspace,
      inputs: {
        ...BASE,
        mode: 'validate',
        generator: 'command',
        'working-directory': 'app',
        'generator-command':
          'echo "scanner chatter line"; mkdir -p out && cp ../fixtures/demo.cdx.json out/sbom.json',
        sbom: 'app/out/sbom.json',
      },
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.outputs['component-count']).toBe('5')
    const lines = run.stdout.split('\n').filter((line) => line.includes('scanner chatter line'))
    expect(lines).toEqual(['::debug::generator-command: scanner chatter line'])
  })

  it('fails on a non-zero exit, showing the exit code and the last lines', async () => {
    const run = await runAction({
      workspace: await workspaceWith({}),
      inputs: {
        ...BASE,
        mode: 'validate',
        generator: 'command',
        'generator-command':
          'for i in $(seq 1 40); do echo "line $i"; done; echo "syft: no such target" >&2; exit 3',
        sbom: 'sbom.json',
      },
    })
    expect(run.exitCode).toBe(1)
    const message = run.errors.join('\n')
    expect(message).toContain('generator-command exited with code 3')
    expect(message).toContain('syft: no such target')
    expect(message).toContain('line 40')
    expect(message).not.toContain('line 5%0A')
  })

  it('fails clearly when the command succeeds but does not write the sbom file', async () => {
    const run = await runAction({
      workspace: await workspaceWith({}),
      inputs: {
        ...BASE,
        mode: 'validate',
        generator: 'command',
        'generator-command': 'true',
        sbom: 'build/sbom.json',
      },
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(
      /generator-command finished, but the SBOM it should have written is missing[\s\S]*build\/sbom.json/,
    )
  })
})
