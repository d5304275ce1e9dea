import type * as Models from '@cyclonedx/cyclonedx-library/Models'
import { SbomError, SbomSchemaError } from '../shared/errors.js'
import { detectFormat, type SbomFormat } from './detect.js'
import { enrichBom, type Enrichment } from './enrich.js'
import { mergeBoms } from './merge.js'
import { parseJsonDocument, readCycloneDxJson } from './read-cyclonedx-json.js'
import { looksLikeXml, readCycloneDxXml } from './read-cyclonedx-xml.js'
import { readSpdxJson } from './read-spdx-json.js'
import { findXmlSchemaProblems } from './validate-xml.js'
import {
  countContent,
  findDroppedData,
  pathsOfPointer,
  type Counts,
  type DroppedData,
  type NormalizationReport,
} from './report.js'
import {
  findSchemaProblems,
  serializeBom,
  validateCycloneDxJson,
  validateOutput,
  type SchemaProblem,
} from './serialize.js'
import type { SpecVersion } from './spec-versions.js'

type Json = Record<string, unknown>

export interface NormalizeRequest extends Enrichment {
  /** Workspace-relative path, for messages. */
  readonly file: string
  readonly content: Buffer | string
  readonly targetSpecVersion: SpecVersion
  /** Check the input against its own declared schema first: `strict` refuses, `warn` reports. */
  readonly inputValidation: 'strict' | 'warn'
}

export interface NormalizedSbom {
  /** Name inside the zip: the input's base name, `.cdx.json`. */
  readonly entryName: string
  /** Validated CycloneDX JSON at the target spec. */
  readonly json: string
  /** Components in the output, nested ones included, the package itself (metadata.component) not. */
  readonly componentCount: number
  readonly report: NormalizationReport
  /** The enriched model behind `json`, for merging. */
  readonly bom: Models.Bom
}

export interface MergedSbom {
  readonly entryName: string
  readonly json: string
  readonly componentCount: number
  readonly notes: readonly string[]
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
  const xml = looksLikeXml(text)
  const document = xml ? readCycloneDxXml(file, text) : parseJsonDocument(file, text)
  const read = readDocument(file, document, xml)
  const inputProblems = await checkInput(file, text, document, read, request.inputValidation)
  const notes = [...read.notes, ...enrichBom(read.bom, request)]
  const { json, removed } = await validateOutput(serializeBom(read.bom, target), target, file)

  const output = JSON.parse(json) as Json
  const repairs = removed.map((entry) => ({
    ...pathsOfPointer(entry.pointer),
    reason: `value ${JSON.stringify(entry.value)} removed: ${entry.message} in CycloneDX ${target}`,
  }))
  const after = countContent(output)
  return {
    entryName: entryNameFor(file),
    json,
    componentCount: after.components,
    bom: read.bom,
    report: {
      file,
      sourceFormat: read.format,
      sourceSpecVersion: read.sourceVersion,
      targetSpecVersion: target,
      before: read.before,
      after,
      dropped: [
        ...read.dropped,
        ...findDroppedData(read.reference, output, target).filter(
          (entry) => !repairs.some((repair) => repair.path === entry.path),
        ),
        ...repairs,
      ],
      inputProblems,
      notes,
    },
  }
}

/** merge: true — the already normalized SBOMs as one document, validated like each of them. */
export async function mergeSboms(
  sboms: readonly NormalizedSbom[],
  request: Enrichment & { readonly targetSpecVersion: SpecVersion },
): Promise<MergedSbom> {
  const merged = mergeBoms(
    sboms.map((sbom) => ({ file: sbom.report.file, bom: sbom.bom })),
    request,
  )
  const notes = [...merged.notes, ...enrichBom(merged.bom, request)]
  const json = serializeBom(merged.bom, request.targetSpecVersion)
  const name = `${request.packageName}-${request.versionName}.cdx.json`
  await validateCycloneDxJson(json, request.targetSpecVersion, `merged SBOM ${name}`)
  return {
    entryName: name,
    json,
    componentCount: countContent(JSON.parse(json) as Json).components,
    notes,
  }
}

interface ReadDocument {
  readonly format: SbomFormat
  readonly sourceVersion: string
  readonly bom: Models.Bom
  readonly before: Counts
  /** What the output is compared with to find dropped data. */
  readonly reference: Json
  /** Dropped while reading (fields with no mapping at all). */
  readonly dropped: readonly DroppedData[]
  readonly notes: string[]
}

function readDocument(file: string, document: Json, fromXml: boolean): ReadDocument {
  if (fromXml || detectFormat(file, document) === 'CycloneDX JSON') {
    const read = readCycloneDxJson(file, document)
    const notes =
      read.unknownDependencyRefs.length > 0
        ? [
            `dependencies or vulnerability affects name ${read.unknownDependencyRefs.length} bom-ref(s) that no component or service has (e.g. ${JSON.stringify(read.unknownDependencyRefs[0])}); those edges are not carried over.`,
          ]
        : []
    return {
      format: fromXml ? 'CycloneDX XML' : 'CycloneDX JSON',
      sourceVersion: read.specVersion,
      bom: read.bom,
      before: countContent(document),
      reference: document,
      dropped: [],
      notes,
    }
  }
  const read = readSpdxJson(document)
  // The converted model at the newest spec is the lossless reference: whatever is missing from
  // the output compared with it, the target spec could not hold.
  const reference = JSON.parse(serializeBom(read.bom, '1.7')) as Json
  return {
    format: 'SPDX JSON',
    sourceVersion: read.spdxVersion,
    bom: read.bom,
    // Like the output's count, the described root (now metadata.component) is not a component.
    before: {
      ...countContent(reference),
      components: read.elementCount - (read.bom.metadata.component ? 1 : 0),
    },
    reference,
    dropped: read.dropped,
    notes: read.notes,
  }
}

/** CycloneDX input (JSON or XML) against the schema of the version it declares. SPDX: no schema is bundled. */
async function checkInput(
  file: string,
  text: string,
  document: Json,
  read: ReadDocument,
  mode: 'strict' | 'warn',
): Promise<SchemaProblem[]> {
  if (read.format === 'SPDX JSON') {
    read.notes.push(
      'SPDX input is not schema-checked (no SPDX schema is bundled); its normalized output is.',
    )
    return []
  }
  const version = read.sourceVersion as SpecVersion
  const problems =
    read.format === 'CycloneDX XML'
      ? await findXmlSchemaProblems(text, version, file)
      : await findSchemaProblems(JSON.stringify(document), version, file)
  if (problems.length > 0 && mode === 'strict')
    throw new SbomSchemaError(
      file,
      version,
      problems,
      'input',
      read.format === 'CycloneDX XML' ? 'XML' : 'JSON',
    )
  return problems
}

function decodeUtf8(file: string, bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new SbomError(file, 'is not valid UTF-8 text.', {
      hint: 'SBOM JSON must be UTF-8 encoded.',
    })
  }
}

function entryNameFor(file: string): string {
  const base = file
    .slice(file.lastIndexOf('/') + 1)
    .replace(/\.(cdx\.json|bom\.json|json|cdx\.xml|bom\.xml|xml)$/i, '')
  return `${base || 'sbom'}.cdx.json`
}
