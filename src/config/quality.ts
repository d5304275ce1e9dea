import { quoted } from '../context/quoted.js'
import {
  QUALITY_ELEMENT_IDS,
  QUALITY_PROFILE_NAMES,
  type QualityProfileName,
} from '../sbom/quality.js'
import { oneOf, type Inputs } from './inputs.js'

const QUALITY_GATES = ['off', 'warn', 'fail'] as const
export type QualityGate = (typeof QUALITY_GATES)[number]

/** The quality-* inputs: which profile, and whether (and how) it gates the run. */
export interface QualitySettings {
  readonly profile: QualityProfileName
  readonly gate: QualityGate
  /** 0–100; undefined: no minimum score. */
  readonly minScore: number | undefined
  /** Element ids whose coverage must be complete (every component has it). */
  readonly requiredElements: readonly string[]
}

export function readQuality(inputs: Inputs): QualitySettings | undefined {
  const profile = oneOf(inputs, 'quality-profile', QUALITY_PROFILE_NAMES, 'ntia-2021')
  const gate = oneOf(inputs, 'quality-gate', QUALITY_GATES, 'off')
  const minScore = readMinScore(inputs)
  const requiredElements = readRequiredElements(inputs)
  if (
    profile === undefined ||
    gate === undefined ||
    minScore === null ||
    requiredElements === undefined
  )
    return undefined
  if (gate !== 'off' && profile === 'none')
    return inputs.fail(
      `quality-gate: ${gate} needs a quality-profile to judge by: set ntia-2021, cisa-2025 or bsi-tr-03183-2.`,
    )
  if (gate === 'off' && (minScore !== undefined || requiredElements.length > 0))
    inputs.note(
      'quality-min-score / quality-required-elements are set but quality-gate is off: they are reported, not enforced. Set quality-gate: warn or fail to act on them.',
    )
  return { profile, gate, minScore, requiredElements: Object.freeze(requiredElements) }
}

/** Empty: no minimum. Otherwise a whole number 0–100; null when refused. */
function readMinScore(inputs: Inputs): number | undefined | null {
  const text = inputs.get('quality-min-score')
  if (text === '') return undefined
  const value = Number(text)
  if (/^\d+$/.test(text) && value <= 100) return value
  inputs.fail(`quality-min-score ${quoted(text)} must be a whole number from 0 to 100.`)
  return null
}

/** Comma- or newline-separated element ids, each one the profiles know. */
function readRequiredElements(inputs: Inputs): string[] | undefined {
  const ids = inputs
    .get('quality-required-elements')
    .split(/[,\n]/)
    .map((id) => id.trim())
    .filter((id) => id !== '')
  const unknown = ids.filter((id) => !QUALITY_ELEMENT_IDS.includes(id))
  if (unknown.length === 0) return ids
  return inputs.fail(
    `quality-required-elements names ${unknown.map(quoted).join(', ')}, which no quality profile checks: use ${QUALITY_ELEMENT_IDS.join(', ')}.`,
  )
}
