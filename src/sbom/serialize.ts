import { JSON as JsonNormalize, JsonSerializer } from '@cyclonedx/cyclonedx-library/Serialize'
import type * as Models from '@cyclonedx/cyclonedx-library/Models'
import { specOf, type SpecVersion } from './spec-versions.js'

type Json = Record<string, unknown>

const INDENT = 2

export interface SerializedBom {
  /** The document as written: 2-space indent, final newline. */
  readonly json: string
  /** The same document parsed, for checks that would otherwise parse `json` again. */
  readonly document: Json
}

/**
 * The library's serializer at the target spec: lists sorted, 2-space indent, final newline. What
 * the target spec cannot hold is left out by the library's normalizers (they consult the spec
 * object's `supports*` data); report.ts lists it. Run enrichBom first: it makes bom-refs stable,
 * without which the library invents random ones.
 */
export function serializeBom(bom: Models.Bom, target: SpecVersion): SerializedBom {
  const serializer = new JsonSerializer(new JsonNormalize.Normalize.Factory(specOf(target)))
  const json = serializer.serialize(bom, { sortLists: true, space: INDENT })
  const document = JSON.parse(json) as Json
  return {
    json: tidy(document) ? `${JSON.stringify(document, null, INDENT)}\n` : `${json}\n`,
    document,
  }
}

/**
 * Only `metadata`, as `{"metadata": …}` at the spec: the lossless reference for losses that are all
 * in metadata (report.ts counts shapes in it; the rest of the document is not needed for that).
 */
export function serializeMetadata(bom: Models.Bom, target: SpecVersion): string {
  const normalizer = new JsonNormalize.Normalize.Factory(specOf(target)).makeForMetadata()
  return JSON.stringify({ metadata: normalizer.normalize(bom.metadata, { sortLists: true }) })
}

/**
 * Two leftovers of the library's normalizers when the target spec drops something, removed so the
 * output says nothing it does not mean (and normalizing it again yields the same bytes):
 *  - dependency entries, dependsOn items and vulnerability `affects` naming a component that the
 *    target spec left out (the dependency graph is built from the model, not from the output);
 *  - lists left empty because every item was of a kind the target lacks (`externalReferences: []`).
 * The document's own `components` list stays, as the library always writes it.
 * Returns whether anything changed.
 */
function tidy(document: Json): boolean {
  const refs = collectBomRefs(document)
  let changed = false
  if (Array.isArray(document.dependencies)) {
    const kept = (document.dependencies as Json[]).filter((entry) => refs.has(entry.ref as string))
    changed ||= kept.length !== document.dependencies.length
    document.dependencies = kept
    for (const entry of kept) changed = keepKnownRefs(entry, 'dependsOn', refs) || changed
  }
  for (const vulnerability of array(document.vulnerabilities)) {
    const affects = array(vulnerability.affects)
    const known = affects.filter((affect) => refs.has(affect.ref as string))
    if (known.length === affects.length) continue
    vulnerability.affects = known
    changed = true
  }
  for (const value of Object.values(document)) changed = removeEmptyLists(value) || changed
  for (const key of Object.keys(document))
    if (key !== 'components' && isEmptyList(document[key])) {
      delete document[key]
      changed = true
    }
  return changed
}

function keepKnownRefs(entry: Json, key: string, refs: ReadonlySet<string>): boolean {
  const values = entry[key]
  if (!Array.isArray(values)) return false
  const known = values.filter((value) => refs.has(value as string))
  if (known.length === values.length) return false
  entry[key] = known
  return true
}

/** bom-refs of every component (metadata.component's tree too) and service in the output. */
function collectBomRefs(document: Json): Set<string> {
  const refs = new Set<string>()
  const visit = (item: Json, nested: 'components' | 'services'): void => {
    if (typeof item['bom-ref'] === 'string') refs.add(item['bom-ref'])
    for (const child of array(item[nested])) visit(child, nested)
  }
  const metadata = object(document.metadata)
  if (metadata.component !== undefined) visit(object(metadata.component), 'components')
  for (const component of array(document.components)) visit(component, 'components')
  for (const service of array(document.services)) visit(service, 'services')
  return refs
}

/** Removes empty arrays below `value`; returns whether it removed any. */
function removeEmptyLists(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  let changed = false
  if (Array.isArray(value)) {
    for (const item of value) changed = removeEmptyLists(item) || changed
    return changed
  }
  const record = value as Json
  for (const [key, child] of Object.entries(record)) {
    if (isEmptyList(child)) {
      delete record[key]
      changed = true
    } else changed = removeEmptyLists(child) || changed
  }
  return changed
}

function isEmptyList(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0
}

function array(value: unknown): Json[] {
  return Array.isArray(value) ? (value as Json[]) : []
}

function object(value: unknown): Json {
  return typeof value === 'object' && value !== null ? (value as Json) : {}
}
