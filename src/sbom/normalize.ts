import type * as Models from '@cyclonedx/cyclonedx-library/Models'
import { SbomError, SbomSchemaError } from '../shared/errors.js'
import type { JsonObject } from '../shared/json.js'
import { entryNameFor, safeEntryName, startCompressing, type CompressedFile } from './archive.js'
import { SBOM_ENTRY_EXTENSION } from './archive-formats.js'
import {
  detectFormat,
  detectSyntax,
  undecodableError,
  unwrapDocument,
  type SbomFormat,
} from '../formats/detect.js'
import { unpackInput } from '../formats/compressed.js'
import { evaluateQuality, type QualityProfileName, type QualityResult } from './quality.js'
import type { GeneratedBom } from '../formats/generated-bom.js'
import { enrichBom, type EnrichResult, type Enrichment } from './enrich.js'
import { mergeBoms } from './merge.js'
import { readCycloneDxJson } from '../formats/cyclonedx-json.js'
import { parseJsonDocument } from '../formats/json-document.js'
import { readCycloneDxXmlDocument } from '../formats/cyclonedx-xml.js'
import { readSpdxJson } from '../formats/spdx-json.js'
import { readSpdx3JsonLd } from '../formats/spdx3-jsonld.js'
import type { SpdxFiles } from '../formats/spdx-files.js'
import { parseSpdxTagValue } from '../formats/spdx-tagvalue.js'
import { findDuplicateKeys } from '../formats/json-syntax.js'
import { findXmlSchemaProblems } from '../schema-check/schema-check-xml.js'
import {
  countContent,
  countMovedRoot,
  findComponentsTargetCannotHold,
  findDroppedData,
  pathsOfPointer,
  type Counts,
  type NormalizationReport,
} from './loss-report.js'
import type { DroppedData, SynthesizedPaths } from '../formats/loss.js'
import { serializeBom, serializeMetadata } from './serialize.js'
import { NEWEST_SPEC_VERSION, type SpecVersion } from '../formats/spec-versions.js'
import {
  findSchemaProblems,
  schemaCheckOutput,
  type SchemaCheckedOutput,
  type SchemaProblem,
} from '../schema-check/schema-check.js'

/** What every input's last step (writeAtTarget) needs. */
interface OutputRequest extends Enrichment {
  /** Workspace-relative path, for messages. */
  readonly file: string
  readonly targetSpecVersion: SpecVersion
  /**
   * The output goes into a zip as is: start compressing it as soon as it is written, so that runs
   * while the output is checked and the report is made (NormalizedSbom.compressed).
   */
  readonly compressForZip?: boolean
  /** Score the output (and a CycloneDX or SPDX input) against this quality profile. */
  readonly qualityProfile?: QualityProfileName
}

export interface NormalizeRequest extends OutputRequest {
  readonly content: Buffer | string
  /**
   * Check the input against its own declared schema first: `strict` refuses, `warn` (the
   * default) lists the problems in the report and goes on, `skip` leaves the check out (the
   * benchmark measures its cost with it; the output is schema-checked either way).
   */
  readonly inputValidation?: 'strict' | 'warn' | 'skip'
  /**
   * SPDX files as components (`include`) or not (`exclude`, the default): see
   * formats/spdx-files.ts. Files the document describes stay either way.
   */
  readonly spdxFiles?: SpdxFiles
}

export interface NormalizedSbom {
  /** Name inside the zip: the input's base name, `.cdx.json` (the caller makes names unique). */
  readonly entryName: string
  /** Schema-checked CycloneDX JSON at the target spec (archive.ts adds the file's final newline). */
  readonly json: string
  /** Components in the output, nested ones included, the package itself (metadata.component) not. */
  readonly componentCount: number
  readonly report: NormalizationReport
  /** The enriched model behind `json`, for merging. */
  readonly bom: Models.Bom
  /** `json` being compressed for the zip, when asked for (compressForZip). */
  readonly compressed?: CompressedFile
}

export interface MergedSbom {
  readonly entryName: string
  /** As NormalizedSbom.json. */
  readonly json: string
  readonly componentCount: number
  /** Of componentCount, the components of type file. */
  readonly fileCount: number
  /** The merged document's quality, when a profile was asked for. */
  readonly quality?: QualityResult
  readonly notes: readonly string[]
}

// Far above any real SBOM; past it, parsing alone would exhaust the runner.
export const MAX_INPUT_BYTES = 512 * 1024 * 1024

/**
 * One input file → one schema-checked, enriched CycloneDX document at the target spec, plus its
 * report.
 */
export function normalizeSbom(request: NormalizeRequest): Promise<NormalizedSbom> {
  // Parsed before the asynchronous part: an async function keeps its arguments until it ends, and
  // neither the input bytes nor their text (50 MB each for a large SBOM) is needed past parsing,
  // unless XML, which is schema-checked as text.
  let parsed: ParsedInput
  try {
    parsed = parseInput(request.file, request.content, request.inputValidation)
  } catch (error) {
    return Promise.reject(error as Error)
  }
  const { content: _parsedAlready, ...settings } = request
  return normalizeParsed(settings, parsed)
}

interface ParsedInput {
  readonly document: JsonObject
  /** The serialization the document came in, when the document alone does not say it. */
  readonly syntax: 'json' | 'xml' | 'tag-value'
  /** The XML text, for its schema check; undefined for JSON. */
  readonly xml: string | undefined
  /** What the syntax's own reader could not carry (e.g. unknown tag-value tags). */
  readonly syntaxDropped: readonly DroppedData[]
  /** JSON members written twice in one object (only the text shows them), as input problems. */
  readonly duplicateKeys: readonly SchemaProblem[]
  /** What the input was when not the document itself (decompressed, unwrapped), for the report. */
  readonly notes: readonly string[]
}

function parseInput(
  file: string,
  content: Buffer | string,
  inputValidation: NormalizeRequest['inputValidation'],
): ParsedInput {
  const input = decodeInput(file, content)
  if ('document' in input)
    return { ...input, syntax: 'json', xml: undefined, syntaxDropped: [], duplicateKeys: [] }
  const { text, where, notes } = input
  const syntax = detectSyntax(where, text)
  if (syntax === 'xml') {
    // XML content JSON has no place for (other namespaces) is listed, never dropped unsaid.
    const { document, extensions } = readCycloneDxXmlDocument(where, text)
    return {
      document,
      syntax: 'xml',
      xml: text,
      syntaxDropped: extensions,
      duplicateKeys: [],
      notes,
    }
  }
  if (syntax === 'tag-value') {
    const { document, unknownTags } = parseSpdxTagValue(where, text)
    return {
      document,
      syntax: 'tag-value',
      xml: undefined,
      syntaxDropped: unknownTags,
      duplicateKeys: [],
      notes,
    }
  }
  const parsed = parseJsonDocument(where, text)
  // Pointers stay those of the file as written (inside a wrapper: below /sbom).
  const duplicateKeys =
    inputValidation === 'skip'
      ? []
      : findDuplicateKeys(text, parsed).map(({ pointer, name, line, column }) => ({
          path: pointer,
          message: `member ${JSON.stringify(name)} is written again in this object (line ${line}, column ${column}); only its last value is read`,
          keyword: 'duplicateKey',
        }))
  const unwrapped = unwrapDocument(parsed)
  return {
    document: unwrapped.document,
    syntax: 'json',
    xml: undefined,
    syntaxDropped: [],
    duplicateKeys,
    notes: [...notes, ...unwrapped.notes],
  }
}

async function normalizeParsed(
  request: Omit<NormalizeRequest, 'content'>,
  parsed: ParsedInput,
): Promise<NormalizedSbom> {
  const { file, targetSpecVersion: target } = request
  const read = readDocument(file, parsed, request.spdxFiles)
  const inputProblems = await checkInput(file, parsed, read, request.inputValidation)
  const { sbom, checked, after, notes, moved } = await writeAtTarget(
    read.bom,
    request,
    read.described,
  )
  const dropped = listDropped(read, checked.document, checked, target, moved)
  return {
    ...sbom,
    report: {
      file,
      sourceFormat: read.format,
      sourceSpecVersion: read.sourceVersion,
      targetSpecVersion: target,
      // The input's root, moved into the components, is counted among them as in the output.
      before: countMovedRoot(read.before, read.reference, moved),
      after,
      dropped,
      inputProblems,
      notes: [...parsed.notes, ...read.notes, ...notes],
      ...(read.spdxElements ? { spdxElements: read.spdxElements } : {}),
      // The input can score higher only where normalization lost something.
      ...qualityOf(
        request.qualityProfile,
        checked.document,
        dropped.length > 0 ? read.reference : undefined,
      ),
    },
  }
}

/** Every input's last steps: the model enriched, written at the target spec, schema-checked. */
async function writeAtTarget(
  bom: Models.Bom,
  request: OutputRequest,
  /** Several elements the input describes (SPDX), which the package then depends on. */
  described: readonly Models.Component[] = [],
): Promise<{
  readonly sbom: Omit<NormalizedSbom, 'report'>
  readonly checked: SchemaCheckedOutput
  readonly after: Counts
  readonly notes: string[]
  /** What enrichment moved (the input's root), for the loss report. */
  readonly moved: EnrichResult['moved']
}> {
  const { file, targetSpecVersion: target } = request
  const { notes, moved } = enrichBom(bom, request, described)
  const serialized = serializeBom(bom, target)
  // Started before the output check, which seldom changes the text (only a repair does): the
  // compression then runs while the output is checked and the report is made.
  let compressed = request.compressForZip ? startCompressing(serialized.json) : undefined
  const checked = await schemaCheckOutput(serialized, target, file)
  if (compressed !== undefined && checked.json !== serialized.json)
    compressed = startCompressing(checked.json)
  const after = countContent(checked.document)
  const sbom = {
    entryName: entryNameFor(file),
    json: checked.json,
    componentCount: after.components,
    bom,
    compressed,
  }
  return { sbom, checked, after, notes, moved }
}

/**
 * Everything that did not reach the output, each kind once: what the reader refused, components
 * the target spec has no type for, values removed by the schema repair, and whatever else the
 * input/output comparison finds.
 */
function listDropped(
  read: ReadDocument,
  output: JsonObject,
  checked: SchemaCheckedOutput,
  target: SpecVersion,
  moved: EnrichResult['moved'],
): DroppedData[] {
  const unsupported = findComponentsTargetCannotHold(read.reference, target, read.refusedPaths)
  const repairs = repairsOf(checked, target)
  // The same model at a newer spec tells "the target spec cannot hold it" from "never modelled",
  // and which version first holds it.
  const lossless = (version: SpecVersion, lostPaths: readonly string[]): JsonObject => {
    if (version === target) return output
    // Typical losses (1.5+ tool shapes at 1.4) are all in metadata: serializing only that part
    // spares a second serialization of every component.
    if (lostPaths.every((path) => path.startsWith('$.metadata.')))
      return serializeMetadata(read.bom, version)
    return serializeBom(read.bom, version).document
  }
  const compared = findDroppedData({
    input: read.reference,
    output,
    target,
    lossless,
    alreadyReported: [...read.refusedPaths, ...unsupported.paths],
    synthesized: read.synthesized,
    moved,
  }).filter((entry) => !repairs.some((repair) => repair.path === entry.path))
  return [...read.dropped, ...unsupported.dropped, ...compared, ...repairs]
}

/** Values the output's schema check removed (see schemaCheckOutput), as dropped data. */
function repairsOf(checked: SchemaCheckedOutput, target: SpecVersion): DroppedData[] {
  return checked.removed.map((entry) => ({
    ...pathsOfPointer(entry.pointer),
    reason: `value ${JSON.stringify(entry.value)} removed: ${entry.message} in CycloneDX ${target}`,
  }))
}

/** A generator's model; `file` is the workspace-relative path of what it was generated from. */
export type GeneratedBomRequest = OutputRequest & GeneratedBom

/**
 * A generator's model → schema-checked, enriched CycloneDX at the target spec. Nothing to parse,
 * read or check against an input schema, and nothing of the user's to lose: what the target spec
 * cannot hold of the generator's own annotations (license acknowledgements before 1.6, …) is not
 * written. Values the output schema refuses are still removed and reported, as for any input.
 */
export async function normalizeGeneratedBom(request: GeneratedBomRequest): Promise<NormalizedSbom> {
  const { file, targetSpecVersion: target } = request
  const { sbom, checked, after, notes } = await writeAtTarget(request.bom, request)
  return {
    ...sbom,
    report: {
      file,
      sourceFormat: request.source,
      sourceSpecVersion: request.sourceVersion,
      targetSpecVersion: target,
      before: after,
      after,
      dropped: repairsOf(checked, target),
      inputProblems: [],
      notes,
      ...qualityOf(request.qualityProfile, checked.document, undefined),
    },
  }
}

/**
 * The published document's quality under the profile, and the input's where there was an input
 * document (so a user sees what normalization or the target spec cost). One pass each.
 */
function qualityOf(
  profile: QualityProfileName | undefined,
  output: JsonObject,
  input: JsonObject | undefined,
): Pick<NormalizationReport, 'quality'> {
  if (profile === undefined || profile === 'none') return {}
  return {
    quality: {
      output: evaluateQuality(output, profile),
      ...(input === undefined ? {} : { input: evaluateQuality(input, profile) }),
    },
  }
}

/** merge: true — the already normalized SBOMs as one document, schema-checked like each of them. */
export async function mergeSboms(
  sboms: readonly NormalizedSbom[],
  request: Enrichment & {
    readonly targetSpecVersion: SpecVersion
    readonly qualityProfile?: QualityProfileName
  },
): Promise<MergedSbom> {
  const merged = mergeBoms(
    sboms.map((sbom) => ({ file: sbom.report.file, bom: sbom.bom })),
    request,
  )
  const notes = [...merged.notes, ...enrichBom(merged.bom, request).notes]
  const { json, document } = serializeBom(merged.bom, request.targetSpecVersion)
  const name = safeEntryName(
    `${request.packageName}-${request.versionName}.${SBOM_ENTRY_EXTENSION}`,
  )
  const problems = await findSchemaProblems(
    document,
    request.targetSpecVersion,
    `merged SBOM ${name}`,
  )
  if (problems.length > 0)
    throw new SbomSchemaError(`merged SBOM ${name}`, request.targetSpecVersion, problems)
  const counts = countContent(document)
  const quality = qualityOf(request.qualityProfile, document, undefined).quality
  return {
    entryName: name,
    json,
    componentCount: counts.components,
    fileCount: counts.files,
    ...(quality ? { quality: quality.output } : {}),
    notes,
  }
}

interface ReadDocument {
  readonly format: SbomFormat
  readonly sourceVersion: string
  readonly bom: Models.Bom
  readonly before: Counts
  /** What the output is compared with to find dropped data. */
  readonly reference: JsonObject
  /** Refused or unmapped while reading, with the reader's reason. */
  readonly dropped: readonly DroppedData[]
  /** Paths in `reference` whose subtrees `dropped` already accounts for. */
  readonly refusedPaths: ReadonlySet<string>
  /** Shape paths of `reference` the reader made up without a source (formats/loss.ts). */
  readonly synthesized: SynthesizedPaths
  /** Several elements the input describes (SPDX `DESCRIBES`): the package depends on each. */
  readonly described: readonly Models.Component[]
  readonly notes: string[]
  readonly spdxElements?: NormalizationReport['spdxElements']
}

function readDocument(
  file: string,
  parsed: ParsedInput,
  spdxFiles: SpdxFiles | undefined,
): ReadDocument {
  const { document, syntax } = parsed
  const fromXml = syntax === 'xml'
  const jsonFormat = syntax === 'json' ? detectFormat(file, document) : undefined
  if (fromXml || jsonFormat === 'CycloneDX JSON') {
    const read = readCycloneDxJson(file, document)
    return {
      format: fromXml ? 'CycloneDX XML' : 'CycloneDX JSON',
      sourceVersion: read.specVersion,
      bom: read.bom,
      before: countContent(document),
      reference: document,
      dropped: [...parsed.syntaxDropped, ...read.dropped],
      refusedPaths: read.refusedPaths,
      synthesized: [],
      described: [],
      notes: [...read.notes],
    }
  }
  const read =
    jsonFormat === 'SPDX 3 JSON-LD'
      ? {
          ...readSpdx3JsonLd(file, document, { files: spdxFiles }),
          format: 'SPDX 3 JSON-LD' as const,
        }
      : {
          ...readSpdxJson(document, { files: spdxFiles }),
          format: syntax === 'tag-value' ? ('SPDX tag-value' as const) : ('SPDX JSON' as const),
        }
  // The converted model at the newest spec is the lossless reference: whatever is missing from
  // the output compared with it, the target spec could not hold.
  const reference = serializeBom(read.bom, NEWEST_SPEC_VERSION).document
  return {
    format: read.format,
    sourceVersion: 'spdxVersion' in read ? read.spdxVersion : `SPDX-${read.specVersion}`,
    bom: read.bom,
    // Like the output's count, the described root (now metadata.component) is not a component.
    before: {
      ...countContent(reference),
      // Files left out by spdx-files: exclude are counted in the notes, not here: before and after
      // compare the same kind of thing.
      components: read.elementCount - read.filesLeftOut - (read.bom.metadata.component ? 1 : 0),
    },
    reference,
    dropped: [...parsed.syntaxDropped, ...read.dropped],
    // The SPDX reader's paths are SPDX paths, not paths of the CycloneDX reference.
    refusedPaths: new Set(),
    synthesized: read.synthesized,
    described: read.described,
    notes: read.notes,
    spdxElements: {
      packages: read.elementCount - read.fileCount,
      files: read.fileCount,
      filesLeftOut: read.filesLeftOut,
    },
  }
}

/**
 * CycloneDX input (JSON or XML) against the schema of the version it declares, and any JSON
 * input's member names written twice in one object. SPDX: no schema is bundled.
 */
async function checkInput(
  file: string,
  { document, xml, duplicateKeys }: ParsedInput,
  read: ReadDocument,
  mode: 'strict' | 'warn' | 'skip' = 'warn',
): Promise<SchemaProblem[]> {
  if (mode === 'skip') return []
  if (read.format.startsWith('SPDX')) {
    read.notes.push(
      'SPDX input is not schema-checked (no SPDX schema is bundled); its normalized output is.',
    )
    if (duplicateKeys.length > 0 && mode === 'strict') {
      const listed = duplicateKeys
        .slice(0, 50)
        .map((problem) => `  - ${problem.path}: ${problem.message}`)
      if (duplicateKeys.length > listed.length)
        listed.push(`  … and ${duplicateKeys.length - listed.length} more`)
      throw new SbomError(
        file,
        `writes ${duplicateKeys.length} member name(s) a second time in the same object:\n${listed.join('\n')}`,
        {
          hint: 'Fix the generator so each name appears once per object, or set input-validation: warn to read the last value of each.',
        },
      )
    }
    return [...duplicateKeys]
  }
  const version = read.sourceVersion as SpecVersion
  const problems = [
    ...duplicateKeys,
    ...(xml !== undefined
      ? await findXmlSchemaProblems(xml, version, file)
      : await findSchemaProblems(document, version, file)),
  ]
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

/**
 * Size limit first (before any copy); then what is inside when the input is compressed or an
 * archive (see unpackInput: gzip and zstd are decompressed within the same limit); then strict
 * UTF-8. `where` names the file in messages, saying when it was decompressed.
 */
function decodeInput(
  file: string,
  content: Buffer | string,
):
  | { readonly text: string; readonly where: string; readonly notes: readonly string[] }
  | { readonly document: JsonObject; readonly notes: readonly string[] } {
  const bytes = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.length
  if (bytes > MAX_INPUT_BYTES)
    throw new SbomError(
      file,
      `is ${bytes} bytes, over the ${MAX_INPUT_BYTES / 1024 / 1024} MiB limit for one SBOM.`,
      { hint: 'Split the SBOM (several files go into one zip) or point `sbom` at the right file.' },
    )
  const unpacked = unpackInput(file, content, MAX_INPUT_BYTES)
  if (unpacked.document !== undefined) return { document: unpacked.document, notes: unpacked.notes }
  const where =
    unpacked.decompressedFrom === undefined
      ? file
      : `${file} (decompressed from ${unpacked.decompressedFrom})`
  const inner = unpacked.content
  return {
    text: typeof inner === 'string' ? inner : decodeUtf8(where, inner),
    where,
    notes: unpacked.notes,
  }
}

/** Strict UTF-8; bytes that are not are refused saying what they look like (binary, UTF-16, …). */
function decodeUtf8(file: string, bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw undecodableError(file, bytes)
  }
}
