import { SbomError } from '../shared/errors.js'
import { SUPPORTED_SPEC_VERSIONS } from './spec-versions.js'

/** What an input was; `npm lockfile` for an SBOM the npm generator made. */
export type SbomFormat =
  | 'CycloneDX JSON'
  | 'CycloneDX XML'
  | 'SPDX JSON'
  | 'SPDX tag-value'
  | 'SPDX 3 JSON-LD'
  | 'npm lockfile'

const SPDX_VERSIONS = ['SPDX-2.2', 'SPDX-2.3']
const ACCEPTED = `CycloneDX JSON or XML ${SUPPORTED_SPEC_VERSIONS.join('/')}, or SPDX JSON 2.2/2.3`

/** Which reader a parsed JSON document needs; anything else is refused saying what it looks like. */
export function detectFormat(
  file: string,
  document: Record<string, unknown>,
): 'CycloneDX JSON' | 'SPDX JSON' | 'SPDX 3 JSON-LD' {
  if (document.bomFormat === 'CycloneDX') return 'CycloneDX JSON'
  if (looksLikeSpdx3(document)) return 'SPDX 3 JSON-LD'
  if (typeof document.spdxVersion === 'string') {
    if (SPDX_VERSIONS.includes(document.spdxVersion)) return 'SPDX JSON'
    throw new SbomError(file, `is ${document.spdxVersion} JSON, which is not supported.`, {
      hint: `Accepted: ${ACCEPTED}.`,
    })
  }
  throw new SbomError(
    file,
    `is not an SBOM format the action reads (it looks like ${guess(document)}).`,
    {
      hint: `Accepted: ${ACCEPTED}. Most generators can write one of these (e.g. syft -o cyclonedx-json, trivy --format cyclonedx).`,
    },
  )
}

function guess(document: Record<string, unknown>): string {
  const context = JSON.stringify(document['@context'] ?? '')
  if (context.includes('spdx.org/rdf/3')) return 'SPDX 3 JSON-LD'
  if ('artifacts' in document && 'descriptor' in document) return 'syft JSON'
  if ('bomFormat' in document)
    return `a document with bomFormat ${JSON.stringify(document.bomFormat)}`
  const keys = Object.keys(document).slice(0, 5)
  return keys.length > 0 ? `JSON with top-level keys ${keys.join(', ')}` : 'an empty JSON object'
}

/** SPDX 3 JSON-LD: its @context names the SPDX 3 model (compact or expanded @graph). */
export function looksLikeSpdx3(document: Record<string, unknown>): boolean {
  return JSON.stringify(document['@context'] ?? '').includes('spdx.org/rdf/3')
}
