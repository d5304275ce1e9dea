import { describe, expect, it } from 'vitest'
import type { QualitySettings } from '../../src/config/quality.ts'
import { applyQualityGate, qualityShortfalls } from '../../src/pipeline/quality-gate.ts'
import type { PublishedQuality } from '../../src/pipeline/types.ts'
import type { OutputName, OutputSink } from '../../src/report/outputs.ts'
import type { ElementCoverage, QualityResult } from '../../src/sbom/quality.ts'
import { SbomError } from '../../src/shared/errors.ts'
import { recordingLog } from './recording-log.ts'

const element = (
  id: string,
  present: number,
  total: number,
  firstMissing: string[] = [],
): ElementCoverage => ({
  id,
  label: `Label of ${id}`,
  citation: 'test',
  scope: 'component',
  present,
  total,
  firstMissing,
})

function result(score: number, elements: ElementCoverage[], notes: string[] = []): QualityResult {
  return { profile: 'ntia-2021', score, elements, notes }
}

const complete = result(100, [element('supplier', 4, 4), element('version', 4, 4)])
const short = result(50, [
  element('supplier', 2, 4, ['mbedtls@3.6.0', 'lwip@2.2.0']),
  element('version', 4, 4),
])

function settings(overrides: Partial<QualitySettings> = {}): QualitySettings {
  return {
    profile: 'ntia-2021',
    gate: 'off',
    minScore: undefined,
    requiredElements: [],
    ...overrides,
  }
}

function recordingOutputs(): OutputSink & { values: Partial<Record<OutputName, string>> } {
  const values: Partial<Record<OutputName, string>> = {}
  return { values, set: (name, value) => (values[name] = value) }
}

const published = (file: string, output: QualityResult, input?: QualityResult): PublishedQuality =>
  input ? { file, output, input } : { file, output }

describe('qualityShortfalls', () => {
  it('names a score below quality-min-score', () => {
    expect(qualityShortfalls(short, settings({ minScore: 60 }))).toEqual([
      'score 50 is below quality-min-score 60',
    ])
    expect(qualityShortfalls(short, settings({ minScore: 50 }))).toEqual([])
  })

  it('names a required element that is incomplete, with the first components missing it', () => {
    expect(qualityShortfalls(short, settings({ requiredElements: ['supplier'] }))).toEqual([
      'Label of supplier (supplier) is in 2 of 4; missing e.g. in mbedtls@3.6.0, lwip@2.2.0',
    ])
  })

  it('passes complete required elements and a score at or above the minimum', () => {
    expect(
      qualityShortfalls(
        complete,
        settings({ minScore: 100, requiredElements: ['supplier', 'version'] }),
      ),
    ).toEqual([])
    expect(qualityShortfalls(short, settings({ requiredElements: ['version'] }))).toEqual([])
  })

  it('names a required element the profile does not check', () => {
    expect(qualityShortfalls(complete, settings({ requiredElements: ['hash'] }))).toEqual([
      'hash is not an element of ntia-2021',
    ])
  })
})

describe('applyQualityGate', () => {
  it('off: logs the score, sets the outputs, warns of nothing, and reports the shortfall as false', () => {
    const log = recordingLog()
    const outputs = recordingOutputs()
    const passed = applyQualityGate(
      settings({ minScore: 80 }),
      [published('sbom.cdx.json', short, result(40, [element('supplier', 1, 4)]))],
      { log, outputs },
    )
    expect(passed).toBe(false)
    expect(outputs.values).toEqual({ 'quality-score': '50', 'quality-passed': 'false' })
    expect(log.lines.filter((line) => line.startsWith('warning'))).toEqual([])
    expect(log.lines).toContain(
      'info Quality (ntia-2021) of sbom.cdx.json: 50/100 (the input: 40); supplier 2/4, version 4/4.',
    )
  })

  it('off and passing: true', () => {
    const outputs = recordingOutputs()
    expect(
      applyQualityGate(settings(), [published('sbom.cdx.json', complete)], {
        log: recordingLog(),
        outputs,
      }),
    ).toBe(true)
    expect(outputs.values).toEqual({ 'quality-score': '100', 'quality-passed': 'true' })
  })

  it('logs the notes of each file', () => {
    const log = recordingLog()
    applyQualityGate(settings(), [published('sbom.cdx.json', result(90, [], ['a note']))], {
      log,
      outputs: recordingOutputs(),
    })
    expect(log.lines).toContain('info sbom.cdx.json: a note')
  })

  it('warn: one warning naming the file and the shortfall, and returns false', () => {
    const log = recordingLog()
    const outputs = recordingOutputs()
    const passed = applyQualityGate(
      settings({ gate: 'warn', requiredElements: ['supplier'] }),
      [published('sbom.cdx.json', short)],
      { log, outputs },
    )
    expect(passed).toBe(false)
    const warnings = log.lines.filter((line) => line.startsWith('warning'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('sbom.cdx.json: the SBOM falls short of ntia-2021: ')
    expect(warnings[0]).toContain('missing e.g. in mbedtls@3.6.0')
    expect(warnings[0]).toContain('set quality-gate: warn or off')
    expect(outputs.values['quality-passed']).toBe('false')
  })

  it('warn and passing: no warning', () => {
    const log = recordingLog()
    expect(
      applyQualityGate(settings({ gate: 'warn', minScore: 10 }), [published('a.json', short)], {
        log,
        outputs: recordingOutputs(),
      }),
    ).toBe(true)
    expect(log.lines.filter((line) => line.startsWith('warning'))).toEqual([])
  })

  it('fail: throws an SbomError with the shortfall and the hint, after setting the outputs', () => {
    const outputs = recordingOutputs()
    let thrown: unknown
    try {
      applyQualityGate(
        settings({ gate: 'fail', minScore: 90 }),
        [published('sbom.cdx.json', short)],
        { log: recordingLog(), outputs },
      )
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(SbomError)
    const error = thrown as SbomError
    expect(error.file).toBe('sbom.cdx.json')
    expect(error.message).toContain('quality-gate is fail and the SBOM falls short of ntia-2021')
    expect(error.message).toContain('score 50 is below quality-min-score 90')
    expect(error.hint).toMatch(/lower quality-min-score, or set quality-gate: warn or off/)
    expect(outputs.values).toEqual({ 'quality-score': '50', 'quality-passed': 'false' })
  })

  it('several files: quality-score is the lowest, and any short file fails the gate', () => {
    const outputs = recordingOutputs()
    expect(() =>
      applyQualityGate(
        settings({ gate: 'fail', minScore: 60 }),
        [
          published('a.json', complete),
          published('b.json', short),
          published('c.json', result(70, [])),
        ],
        { log: recordingLog(), outputs },
      ),
    ).toThrow(/b\.json: score 50 is below quality-min-score 60/)
    expect(outputs.values['quality-score']).toBe('50')
    expect(outputs.values['quality-passed']).toBe('false')
  })

  it('no published files: undefined, and no outputs', () => {
    const outputs = recordingOutputs()
    const log = recordingLog()
    expect(applyQualityGate(settings({ gate: 'fail', minScore: 100 }), [], { log, outputs })).toBe(
      undefined,
    )
    expect(outputs.values).toEqual({})
    expect(log.lines).toEqual([])
  })
})
