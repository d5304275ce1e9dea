// The quality profile's verdict on what is published: scores in the log and the outputs, and, with
// quality-gate, a warning or a refusal before anything is uploaded (in mode: validate, a red PR
// check when a change makes the SBOM fall short).
import type { QualitySettings } from '../config/quality.js'
import type { OutputSink } from '../report/outputs.js'
import type { QualityResult } from '../sbom/quality.js'
import { SbomError } from '../shared/errors.js'
import type { Logger } from '../shared/logger.js'
import type { PublishedQuality } from './types.js'

/** Why a published file falls short of quality-min-score / quality-required-elements. */
export function qualityShortfalls(result: QualityResult, settings: QualitySettings): string[] {
  const shortfalls: string[] = []
  if (settings.minScore !== undefined && result.score < settings.minScore)
    shortfalls.push(`score ${result.score} is below quality-min-score ${settings.minScore}`)
  for (const id of settings.requiredElements) {
    const element = result.elements.find((candidate) => candidate.id === id)
    if (element === undefined) {
      shortfalls.push(`${id} is not an element of ${result.profile}`)
      continue
    }
    if (element.present < element.total)
      shortfalls.push(
        `${element.label} (${id}) is in ${element.present} of ${element.total}${element.firstMissing.length > 0 ? `; missing e.g. in ${element.firstMissing.join(', ')}` : ''}`,
      )
  }
  return shortfalls
}

export function applyQualityGate(
  settings: QualitySettings,
  published: readonly PublishedQuality[],
  { log, outputs }: { readonly log: Logger; readonly outputs: OutputSink },
): boolean | undefined {
  if (published.length === 0) return undefined
  const failing: string[] = []
  for (const { file, output, input } of published) {
    log.info(
      `Quality (${output.profile}) of ${file}: ${output.score}/100${input && input.score !== output.score ? ` (the input: ${input.score})` : ''}; ${output.elements.map((element) => `${element.id} ${element.present}/${element.total}`).join(', ')}.`,
    )
    for (const note of output.notes) log.info(`${file}: ${note}`)
    const shortfalls = qualityShortfalls(output, settings)
    // The refusal names the file(s) first; per-file prefixes only tell several apart.
    if (shortfalls.length > 0)
      failing.push(`${published.length > 1 ? `${file}: ` : ''}${shortfalls.join('; ')}`)
  }
  const passed = failing.length === 0
  outputs.set('quality-score', String(Math.min(...published.map(({ output }) => output.score))))
  outputs.set('quality-passed', String(passed))
  if (passed || settings.gate === 'off') return passed
  const files = published.map(({ file }) => file).join(', ')
  const message = `${files}: the SBOM falls short of ${settings.profile}: ${failing.join(' | ')}`
  const hint =
    'Add the missing data in the build that writes the SBOM (suppliers, versions, purls, hashes, licenses), lower quality-min-score, or set quality-gate: warn or off.'
  if (settings.gate === 'warn') {
    log.warning(`${message}. ${hint}`, 'SBOM quality below the gate')
    return passed
  }
  throw new SbomError(
    files,
    `quality-gate is fail and the SBOM falls short of ${settings.profile}: ${failing.join(' | ')}`,
    { hint },
  )
}
