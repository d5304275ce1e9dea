import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { readConfig } from '../../src/config/config.ts'
import { readRunContext } from '../../src/context/run-context.ts'
import { ConfigError } from '../../src/shared/errors.ts'
import { GENERATORS } from '../../src/sources/generators.ts'

interface ActionMetadata {
  description: string
  branding: { icon: string; color: string }
  inputs: Record<string, { description: string }>
}

const metadata = (): ActionMetadata => parse(readFileSync('action.yml', 'utf8')) as ActionMetadata

/** The GitHub Marketplace refuses a listing whose action.yml description is longer. */
const MARKETPLACE_DESCRIPTION_LIMIT = 125

/** Names under `inputs:` in action.yml (two-space indented keys up to the next top-level key). */
function declaredInputs(): string[] {
  const yaml = readFileSync('action.yml', 'utf8')
  const section = yaml.slice(yaml.indexOf('\ninputs:\n'), yaml.indexOf('\noutputs:\n'))
  return [...section.matchAll(/^ {2}([a-z0-9-]+):$/gm)].map((match) => match[1] as string)
}

describe('action.yml', () => {
  it('declares exactly the inputs the action reads', () => {
    const read = new Set<string>()
    const context = readRunContext({ GITHUB_SHA: 'a'.repeat(40), GITHUB_WORKSPACE: '/tmp' })
    // Each mode, and the generator whose inputs are only read when it is chosen.
    for (const [mode, generator] of [
      ['publish', ''],
      ['validate', ''],
      ['publish', 'inspector'],
    ]) {
      try {
        readConfig(
          (name) => {
            read.add(name)
            return name === 'mode' ? (mode ?? '') : name === 'generator' ? (generator ?? '') : ''
          },
          context,
          {},
        )
      } catch (error) {
        // Empty required inputs are refused; only the names read matter here.
        expect(error).toBeInstanceOf(ConfigError)
      }
    }
    expect(declaredInputs().sort()).toEqual([...read].sort())
  })

  it(`has a description the Marketplace accepts (at most ${MARKETPLACE_DESCRIPTION_LIMIT} characters) and branding`, () => {
    const { description, branding } = metadata()
    expect(description.trim().length).toBeGreaterThan(0)
    expect(description.length).toBeLessThanOrEqual(MARKETPLACE_DESCRIPTION_LIMIT)
    expect(branding.icon).toBeTruthy()
    expect(branding.color).toBeTruthy()
  })

  it("names every generator in the generator input's description", () => {
    const description = metadata().inputs.generator?.description ?? ''
    const missing = GENERATORS.filter((generator) => !description.includes(`\`${generator}\``))
    expect(missing).toEqual([])
  })
})
