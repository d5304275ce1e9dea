// The quality profile, as a PR check sees it (mode: validate): a score and a verdict in the
// outputs and the summary; with quality-gate, a warning or a red check when the SBOM falls short.
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

type Component = { name: string; version?: string; hashes?: unknown[] }
type Demo = { metadata: { component?: Component }; components: Component[] }
const demo = async (): Promise<Demo> => JSON.parse(await readFile(DEMO_SBOM, 'utf8')) as Demo
const workspace = async (sbom: Demo) =>
  workspaceWith({ 'build/sbom.cdx.json': JSON.stringify(sbom) })

/** The demo with every component hashed but one. */
async function oneUnhashed(): Promise<{ sbom: Demo; name: string }> {
  const sbom = await demo()
  const hash = { alg: 'SHA-256', content: 'a'.repeat(64) }
  for (const component of sbom.components) component.hashes = [hash]
  delete sbom.components[1]!.hashes
  return { sbom, name: sbom.components[1]!.name }
}

const gated = {
  ...inputs,
  'quality-profile': 'cisa-2025',
  'quality-required-elements': 'hash',
}

describe('quality profile, through the bundle', () => {
  it('by default scores against ntia-2021, in the outputs and the summary', async () => {
    const run = await runAction({ workspace: await workspace(await demo()), inputs })
    expect(run.exitCode, run.stdout).toBe(0)
    const score = Number(run.outputs['quality-score'])
    expect(Number.isInteger(score), run.outputs['quality-score']).toBe(true)
    expect(score).toBeGreaterThanOrEqual(0)
    expect(score).toBeLessThanOrEqual(100)
    expect(run.outputs['quality-passed']).toBe('true')
    expect(run.summary).toContain('### SBOM quality (ntia-2021): meets the gate')
  })

  it('quality-gate: fail stops the PR check, naming the element and the component without it', async () => {
    const { sbom, name } = await oneUnhashed()
    const run = await runAction({
      workspace: await workspace(sbom),
      inputs: { ...gated, 'quality-gate': 'fail' },
    })
    expect(run.exitCode, run.stdout).toBe(1)
    const error = run.errors.join('\n')
    expect(error).toContain('quality-gate is fail and the SBOM falls short of cisa-2025')
    expect(error).toContain('(hash)')
    expect(error).toContain(name)
    expect(run.outputs['quality-passed']).toBe('false')
  })

  it('quality-gate: fail passes when every component has the element', async () => {
    const sbom = await demo()
    // The input's root is kept as a component the package depends on: it needs a hash too.
    for (const component of [...sbom.components, sbom.metadata.component!])
      component.hashes = [{ alg: 'SHA-256', content: 'b'.repeat(64) }]
    const run = await runAction({
      workspace: await workspace(sbom),
      inputs: { ...gated, 'quality-gate': 'fail' },
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.outputs['quality-passed']).toBe('true')
    expect(run.summary).toContain('### SBOM quality (cisa-2025): meets the gate')
  })

  it('quality-gate: warn passes with a warning', async () => {
    const { sbom, name } = await oneUnhashed()
    const run = await runAction({
      workspace: await workspace(sbom),
      inputs: { ...gated, 'quality-gate': 'warn' },
    })
    expect(run.exitCode, run.stdout).toBe(0)
    const warnings = run.warnings.join('\n')
    expect(warnings).toContain('build/sbom.cdx.json: the SBOM falls short of cisa-2025')
    expect(warnings).toContain(name)
    expect(run.outputs['quality-passed']).toBe('false')
    expect(run.summary).toContain('### SBOM quality (cisa-2025): falls short of the gate')
  })

  it('quality-profile: none sets no quality outputs and renders no section', async () => {
    const run = await runAction({
      workspace: await workspace(await demo()),
      inputs: { ...inputs, 'quality-profile': 'none' },
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.outputs['quality-score'] ?? '').toBe('')
    expect(run.outputs['quality-passed'] ?? '').toBe('')
    expect(run.summary).not.toContain('SBOM quality')
  })
})
