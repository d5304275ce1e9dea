// What the bundled action does with what normalization cannot carry, as a PR check sees it
// (mode: validate): lost components stop the run unless allowed, routine target-spec drops are
// one notice, strict-normalization refuses any loss.
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { runAction, workspaceWith } from './run-action.ts'

const DEMO_SBOM = new URL('../fixtures/demo/thermostat.cdx.json', import.meta.url)
const inputs = {
  mode: 'validate',
  'package-name': 'thermostat-firmware',
  'version-name': 'v2.4.0',
  sbom: 'build/sbom.cdx.json',
}

type Demo = {
  metadata: Record<string, unknown>
  components: Record<string, unknown>[]
  dependencies: { ref: string; dependsOn?: string[] }[]
}
const demo = async (): Promise<Demo> => JSON.parse(await readFile(DEMO_SBOM, 'utf8')) as Demo
const workspace = async (sbom: Demo) =>
  workspaceWith({ 'build/sbom.cdx.json': JSON.stringify(sbom) })

describe('loss policy, through the bundle', () => {
  it('a component the input gives no type is a lost component: the PR check fails, naming it', async () => {
    const sbom = await demo()
    delete sbom.components[0]!.type
    const run = await runAction({ workspace: await workspace(sbom), inputs })
    expect(run.exitCode, run.stdout).toBe(1)
    const error = run.errors.join('\n')
    expect(error).toMatch(/fewer components, purls or dependency edges than the input has/)
    expect(error).toMatch(/1 of \d+ components/)
    expect(error).toContain('$.components[0]')
    expect(error).toContain('allow-component-loss: true')
    expect(run.outputs['sbom-file']).toBeUndefined()
  })

  it('allow-component-loss: true publishes without it, with a warning', async () => {
    const sbom = await demo()
    delete sbom.components[0]!.type
    const run = await runAction({
      workspace: await workspace(sbom),
      inputs: { ...inputs, 'allow-component-loss': 'true' },
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.warnings.join('\n')).toMatch(/normalization lost 1 of \d+ components/)
  })

  it('a dependency edge to nothing is a lost edge', async () => {
    const sbom = await demo()
    sbom.dependencies[0]!.dependsOn = [...(sbom.dependencies[0]!.dependsOn ?? []), 'pkg:gone/x@1']
    const run = await runAction({ workspace: await workspace(sbom), inputs })
    expect(run.exitCode, run.stdout).toBe(1)
    expect(run.errors.join('\n')).toMatch(/1 of \d+ dependency edges/)
  })

  it('routine drops at the target are one notice per run, not a warning per file', async () => {
    const sbom = await demo()
    sbom.metadata.tools = {
      components: [{ type: 'application', name: 'syft', version: '1.20.0' }],
    }
    const run = await runAction({
      workspace: await workspaceWith({
        'build/a.cdx.json': JSON.stringify(sbom),
        'build/b.cdx.json': JSON.stringify(sbom),
      }),
      inputs: { ...inputs, sbom: 'build/*.cdx.json' },
    })
    expect(run.exitCode, run.stdout).toBe(0)
    const notices = run.stdout.split('\n').filter((line) => line.startsWith('::notice'))
    expect(notices).toHaveLength(1)
    expect(notices[0]).toContain('$.metadata.tools[].type (CycloneDX 1.5 carries it; 2 files)')
    expect(run.warnings.join('\n')).not.toContain('tools[].type')
    // The summary still lists every loss.
    expect(run.summary).toContain('tools[].type')
  })

  it('strict-normalization passes an SBOM that loses nothing, and refuses the routine drop', async () => {
    const sbom = await demo()
    const clean = await runAction({
      workspace: await workspace(sbom),
      inputs: { ...inputs, 'strict-normalization': 'true', 'cyclonedx-spec-version': '1.6' },
    })
    expect(clean.exitCode, clean.stdout).toBe(0)
    sbom.metadata.tools = { components: [{ type: 'application', name: 'syft', version: '1.0' }] }
    const lossy = await runAction({
      workspace: await workspace(sbom),
      inputs: { ...inputs, 'strict-normalization': 'true' },
    })
    expect(lossy.exitCode, lossy.stdout).toBe(1)
    expect(lossy.errors.join('\n')).toContain('strict-normalization is on')
  })
})
