// The release workflow's promises that a reader of RELEASE.md relies on, checked on its text: the
// triggers, who holds the write token, that the dry run makes nothing, and that it uses the same
// actions as CI. (Whether it is a valid workflow at all is actionlint's job.)
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

interface Step {
  name?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
  env?: Record<string, string>
}
interface Job {
  needs?: string | string[]
  permissions?: Record<string, string>
  env?: Record<string, string>
  steps: Step[]
}
interface Workflow {
  on: {
    push?: { tags?: string[] }
    workflow_dispatch?: { inputs?: Record<string, { type: string; default: unknown }> }
  }
  permissions: Record<string, string>
  jobs: Record<string, Job>
}

const read = (name: string): Workflow =>
  parse(readFileSync(new URL(`../../.github/workflows/${name}`, import.meta.url), 'utf8'))
const release = read('release.yml')
const ci = read('ci.yml')
const job = (name: string): Job => {
  const found = release.jobs[name]
  if (!found) throw new Error(`release.yml has no job ${name}`)
  return found
}
const runs = (name: string) => job(name).steps.flatMap((step) => (step.run ? [step.run] : []))
const uses = (workflow: Workflow) =>
  new Set(
    Object.values(workflow.jobs).flatMap((each) =>
      each.steps.flatMap((step) => (step.uses && !step.uses.startsWith('./') ? [step.uses] : [])),
    ),
  )

describe('.github/workflows/release.yml', () => {
  it('runs for pushed vX.Y.Z tags, and by hand as a dry run unless told otherwise', () => {
    expect(release.on.push?.tags).toEqual(['v*.*.*'])
    expect(release.on.workflow_dispatch?.inputs?.['dry-run']).toMatchObject({
      type: 'boolean',
      default: true,
    })
  })

  it('gives the write token only to the job that runs no npm install and no test', () => {
    expect(release.permissions).toEqual({ contents: 'read' })
    expect(job('verify').permissions).toBeUndefined()
    expect(job('release').permissions).toEqual({ contents: 'write' })
    expect(job('release').needs).toBe('verify')
    expect(runs('release').join('\n')).not.toMatch(/npm (ci|install|test|run)|\.ci\/run/)
    expect(runs('verify')).toContain('.ci/run')
  })

  it('checks the tag against package.json and takes the notes from CHANGELOG.md before CI runs', () => {
    const steps = runs('verify')
    const ciAt = steps.indexOf('.ci/run')
    const planAt = steps.findIndex((run) => run.includes('"$tag" != "v$version"'))
    const notesAt = steps.findIndex((run) => run.includes('node scripts/changelog-section.mjs'))
    expect(planAt).toBeGreaterThanOrEqual(0)
    expect(notesAt).toBeGreaterThan(planAt)
    expect(ciAt).toBeGreaterThan(notesAt)
  })

  it('makes the release and moves the major tag only when it is not a dry run', () => {
    const releaseJob = job('release')
    expect(releaseJob.env?.DRY_RUN).toBe(
      "${{ github.event_name == 'workflow_dispatch' && inputs.dry-run }}",
    )
    expect(job('verify').env?.DRY_RUN).toBe(releaseJob.env?.DRY_RUN)
    for (const write of [
      'gh release create "${args[@]}"',
      'git push -f origin "refs/tags/$MAJOR"',
    ]) {
      const script = runs('release').find((run) => run.includes(write))
      expect(script, write).toBeDefined()
      // The write sits in the else branch of the dry-run test, after the "would run" message.
      const dryRunTest = script!.indexOf('if [ "$DRY_RUN" = true ]; then')
      const wouldRun = script!.indexOf('Dry run: would run:')
      const elseBranch = script!.indexOf('else', wouldRun)
      expect(dryRunTest, write).toBeGreaterThanOrEqual(0)
      expect(wouldRun, write).toBeGreaterThan(dryRunTest)
      expect(script!.indexOf(write), write).toBeGreaterThan(elseBranch)
    }
  })

  it('uses the actions ci.yml uses, at the same versions, with Node 24', () => {
    const ciVersions = new Map([...uses(ci)].map((ref) => ref.split('@') as [string, string]))
    for (const ref of uses(release)) {
      const [action, version] = ref.split('@') as [string, string]
      expect(ciVersions.has(action), `${action} is not used by ci.yml`).toBe(true)
      expect(`${action}@${version}`).toBe(`${action}@${ciVersions.get(action)}`)
    }
    for (const each of Object.values(release.jobs)) {
      const setupNode = each.steps.find((step) => step.uses?.startsWith('actions/setup-node@'))
      expect(setupNode?.with?.['node-version']).toBe(24)
    }
  })
})
