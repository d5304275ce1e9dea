// This repository's own workflows (.github/workflows/*.yml) pass the actionlint that checks the
// documentation's blocks (actionlint.ts: v1.7.7, WebAssembly, offline). Linted as they are; a step
// `uses: ./` is checked against action.yml, by actionlint and by the input checks of checks.ts.
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { actionlint } from './actionlint.ts'
import { actionSteps, outputProblems, problemsOf, refFor } from './checks.ts'

const workflows = readdirSync('.github/workflows')
  .filter((name) => /\.ya?ml$/.test(name))
  .sort()
  .map((name) => `.github/workflows/${name}`)

describe('.github/workflows', () => {
  it('has workflows', () => {
    expect(workflows.length).toBeGreaterThan(0)
  })

  it.each(workflows)('%s passes actionlint', async (path) => {
    const problems = await actionlint(readFileSync(path, 'utf8'), path)
    expect(
      problems.map(
        (problem) =>
          `${path}:${problem.line}:${problem.column}: ${problem.message} [${problem.kind}]`,
      ),
    ).toEqual([])
  })

  it.each(workflows)(
    "%s gives this action's steps valid inputs and reads declared outputs",
    (path) => {
      const text = readFileSync(path, 'utf8')
      const workflow = parse(text, { schema: 'failsafe' }) as { on?: unknown }
      const steps = actionSteps(workflow)
      const ref = refFor(workflow.on)
      expect([
        ...steps.flatMap((step) =>
          problemsOf(step, ref).map((problem) => `${step.uses} ${problem}`),
        ),
        ...outputProblems(text, steps),
      ]).toEqual([])
    },
  )
})
