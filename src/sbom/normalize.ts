import { SbomError } from '../shared/errors.js'
import { enrichBom, type Enrichment } from './enrich.js'
import { parseJsonDocument, readCycloneDxJson } from './read-cyclonedx-json.js'
import { countContent, findDroppedData, type NormalizationReport } from './report.js'
import { serializeBom, validateCycloneDxJson } from './serialize.js'
import type { SpecVersion } from './spec-versions.js'

export interface NormalizeRequest extends Enrichment {
  /** Workspace-relative path, for messages. */
  readonly file: string
  readonly content: Buffer | string
  readonly targetSpecVersion: SpecVersion
}

export interface NormalizedSbom {
  /** Name inside the zip: the input's base name, `.cdx.json`. */
  readonly entryName: string
  /** Validated CycloneDX JSON at the target spec. */
  readonly json: string
  /** Components in the output, nested ones included, the package itself (metadata.component) not. */
  readonly componentCount: number
  readonly report: NormalizationReport
}

// Far above any real SBOM; past it, parsing alone would exhaust the runner.
const MAX_INPUT_BYTES = 512 * 1024 * 1024

/** One input file → one validated, enriched CycloneDX document at the target spec, plus its report. */
export async function normalizeSbom(request: NormalizeRequest): Promise<NormalizedSbom> {
  const { file, targetSpecVersion: target } = request
  if (request.content.length > MAX_INPUT_BYTES)
    throw new SbomError(
      file,
      `is ${request.content.length} bytes, over the ${MAX_INPUT_BYTES}-byte limit.`,
    )
  const text =
    typeof request.content === 'string' ? request.content : decodeUtf8(file, request.content)
  const read = readCycloneDxJson(file, parseJsonDocument(file, text))
  const notes = enrichBom(read.bom, request)
  const json = serializeBom(read.bom, target)
  await validateCycloneDxJson(json, target, file)

  const output = JSON.parse(json) as Record<string, unknown>
  const after = countContent(output)
  if (read.unknownDependencyRefs.length > 0)
    notes.push(
      `dependencies name ${read.unknownDependencyRefs.length} bom-ref(s) that no component or service has (e.g. ${JSON.stringify(read.unknownDependencyRefs[0])}); those edges are not carried over.`,
    )
  return {
    entryName: entryNameFor(file),
    json,
    componentCount: after.components,
    report: {
      file,
      sourceFormat: 'CycloneDX JSON',
      sourceSpecVersion: read.specVersion,
      targetSpecVersion: target,
      before: countContent(read.input),
      after,
      dropped: findDroppedData(read.input, output, target),
      notes,
    },
  }
}

function decodeUtf8(file: string, bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new SbomError(file, 'is not valid UTF-8 text.', {
      hint: 'CycloneDX JSON must be UTF-8 encoded.',
    })
  }
}

function entryNameFor(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1).replace(/\.(cdx\.json|bom\.json|json)$/i, '')
  return `${base || 'sbom'}.cdx.json`
}
