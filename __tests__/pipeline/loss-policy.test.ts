import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ProtectedFiles } from '../../src/context/confined-files.ts'
import type { DroppedData } from '../../src/formats/loss.ts'
import { applyLossPolicy, structuralLosses } from '../../src/pipeline/loss-policy.ts'
import type { ArtifactFiles } from '../../src/pipeline/artifact-files.ts'
import type { Counts, NormalizationReport } from '../../src/sbom/loss-report.ts'
import type { NormalizedSbom } from '../../src/sbom/normalize.ts'
import { SbomError } from '../../src/shared/errors.ts'
import { recordingLog } from './recording-log.ts'

const counts = (overrides: Partial<Counts> = {}): Counts => ({
  components: 10,
  files: 0,
  purls: 8,
  services: 0,
  dependencies: 12,
  licenses: 0,
  hashes: 0,
  externalReferences: 0,
  vulnerabilities: 0,
  properties: 0,
  ...overrides,
})

/** Only the report matters to the policy. */
function sbom(file: string, dropped: DroppedData[], after: Partial<Counts> = {}): NormalizedSbom {
  const report: NormalizationReport = {
    file,
    sourceFormat: 'CycloneDX JSON',
    sourceSpecVersion: '1.6',
    targetSpecVersion: '1.4',
    before: counts(),
    after: counts(after),
    dropped,
    inputProblems: [],
    notes: [],
  }
  return { report } as unknown as NormalizedSbom
}

const toolType: DroppedData = {
  path: '$.metadata.tools[].type',
  example: '$.metadata.tools.components[0].type',
  reason: 'not in CycloneDX 1.4; CycloneDX 1.5 carries it',
  carriedFrom: '1.5',
}
const lostComponent: DroppedData = {
  path: '$.components[]',
  example: '$.components[3]',
  reason: 'a component without a type; it and everything nested in it are left out',
}
const notModelled: DroppedData = {
  path: '$.components[].evidence.foo',
  example: '$.components[0].evidence.foo',
  reason: 'none: the library does not model it',
}

async function files(): Promise<ArtifactFiles> {
  const root = await mkdtemp(join(tmpdir(), 'loss-policy-'))
  const target = (relativePath: string) => ({
    root,
    rootName: 'RUNNER_TEMP',
    relativePath,
    subject: relativePath,
    hint: 'test',
  })
  return {
    artifact: target('a.zip'),
    report: target('a.normalization.json'),
    reportShownAs: join(root, 'a.normalization.json'),
  }
}

const settings = {
  specVersion: '1.4' as const,
  allowComponentLoss: false,
  strictNormalization: false,
}

describe('structuralLosses', () => {
  it('counts components, purls and dependency edges the output has fewer of', () => {
    expect(structuralLosses(sbom('a.json', []).report)).toEqual([])
    expect(
      structuralLosses(sbom('a.json', [], { components: 9, purls: 7, dependencies: 10 }).report),
    ).toEqual(['1 of 10 components', '1 of 8 purls', '2 of 12 dependency edges'])
    // More in the output (the package's own edges, a root kept as a component) is no loss.
    expect(
      structuralLosses(sbom('a.json', [], { components: 11, dependencies: 14 }).report),
    ).toEqual([])
  })
})

describe('applyLossPolicy', () => {
  it('routine losses: one notice for the whole run naming the version that keeps them, no warning', async () => {
    const log = recordingLog()
    await applyLossPolicy(
      settings,
      [sbom('a.json', [toolType]), sbom('b.json', [toolType])],
      log,
      await files(),
      new ProtectedFiles(),
    )
    const notices = log.lines.filter((line) => line.startsWith('notice'))
    expect(notices).toHaveLength(1)
    expect(notices[0]).toContain('$.metadata.tools[].type (CycloneDX 1.5 carries it; 2 files)')
    expect(notices[0]).toContain('cyclonedx-spec-version: 1.5')
    expect(log.lines.filter((line) => line.startsWith('warning'))).toEqual([])
  })

  it('a lost component stops the run by default, naming what and why, after writing the report', async () => {
    const target = await files()
    const refusal = applyLossPolicy(
      settings,
      [sbom('a.json', [lostComponent], { components: 9 })],
      recordingLog(),
      target,
      new ProtectedFiles(),
    )
    await expect(refusal).rejects.toBeInstanceOf(SbomError)
    await expect(refusal).rejects.toThrow(/a\.json: 1 of 10 components/)
    await expect(refusal).rejects.toThrow(/\$\.components\[3\]: a component without a type/)
    await expect(refusal).rejects.toMatchObject({
      hint: expect.stringMatching(/allow-component-loss: true/),
    })
    const written = JSON.parse(await readFile(target.reportShownAs, 'utf8')) as unknown[]
    expect(written).toHaveLength(1)
  })

  it('allow-component-loss: true publishes with a warning instead', async () => {
    const log = recordingLog()
    await applyLossPolicy(
      { ...settings, allowComponentLoss: true },
      [sbom('a.json', [lostComponent], { components: 9 })],
      log,
      await files(),
      new ProtectedFiles(),
    )
    expect(log.lines).toEqual([
      expect.stringMatching(/^warning a\.json: normalization lost 1 of 10 components/),
    ])
  })

  it('field-level losses are not refused without strict-normalization; with it, every loss is', async () => {
    const both = () => [sbom('a.json', [toolType, notModelled])]
    await expect(
      applyLossPolicy(settings, both(), recordingLog(), await files(), new ProtectedFiles()),
    ).resolves.toBeUndefined()
    await expect(
      applyLossPolicy(
        { ...settings, strictNormalization: true },
        both(),
        recordingLog(),
        await files(),
        new ProtectedFiles(),
      ),
    ).rejects.toThrow(/strict-normalization is on and normalization could not carry 2 kind/)
  })
})
