import { JSON as JsonNormalize, JsonSerializer } from '@cyclonedx/cyclonedx-library/Serialize'
import type * as Models from '@cyclonedx/cyclonedx-library/Models'
import { specOf, type SpecVersion } from '../formats/spec-versions.js'
import { asObject, type JsonObject } from '../shared/json.js'

export interface SerializedBom {
  /**
   * The document as written: compact (no indentation: 40 % fewer bytes for AWS's per-file size
   * limit, and half the memory while writing a large SBOM). No final newline: the file gets one
   * when it is written (archive.ts), since appending one here would copy a large text again.
   */
  readonly json: string
  /** The same document as plain JSON data (what `JSON.parse(json)` gives), for checks that would otherwise parse `json`. */
  readonly document: JsonObject
}

/**
 * The library's serializer at the target spec: lists sorted, compact JSON. What the target spec
 * cannot hold is left out by the library's normalizers (they consult the spec object's
 * `supports*` data); loss-report.ts lists it. Run enrichBom first: it makes bom-refs stable,
 * without which the library invents random ones.
 */
export function serializeBom(bom: Models.Bom, target: SpecVersion): SerializedBom {
  const serializer = new DocumentSerializer(new JsonNormalize.Normalize.Factory(specOf(target)))
  serializer.serialize(bom, { sortLists: true })
  // Written only now that the library's normalized tree is garbage: for a large SBOM, the tree,
  // its copy and the text would otherwise all be alive at once.
  const document = serializer.document
  return { json: JSON.stringify(document), document }
}

/**
 * The library's JSON serializer (its normalizers, and its temporary bom-refs for components that
 * have none), keeping a tidied plain copy of the normalized document instead of writing it. The
 * normalizers' result is full of members holding `undefined`, which JSON leaves out but a schema
 * validator would see, so it was once written, parsed back and written again; copying it once is
 * five times cheaper and makes no intermediate text.
 */
class DocumentSerializer extends JsonSerializer {
  #document: JsonObject | undefined

  get document(): JsonObject {
    if (this.#document === undefined) throw new Error('serialize() has not run')
    return this.#document
  }

  /** Keeps the copy; the text is written by serializeBom. */
  protected override _serialize(normalized: unknown): string {
    const document = plainJson(normalized, true) as JsonObject
    tidy(document)
    this.#document = document
    return ''
  }
}

/**
 * `value` as `JSON.parse(JSON.stringify(value))` would give it, minus empty lists (see tidy): the
 * normalizers produce plain objects, arrays and scalars; anything else takes the JSON round trip.
 */
function plainJson(value: unknown, isDocument = false): unknown {
  if (typeof value !== 'object' || value === null) {
    if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null // -0 → 0
    return value
  }
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array(value.length)
    for (let index = 0; index < value.length; index += 1) {
      const item: unknown = value[index]
      copy[index] = isOmitted(item) ? null : plainJson(item)
    }
    return copy
  }
  if (Object.getPrototypeOf(value) !== Object.prototype || 'toJSON' in value)
    return JSON.parse(JSON.stringify(value)) as unknown
  const copy: JsonObject = {}
  for (const key in value) {
    const member = (value as JsonObject)[key]
    if (isOmitted(member)) continue
    // Lists left empty by the target spec go (the document's own `components` stays, as the
    // library always writes it).
    if (Array.isArray(member) && member.length === 0 && !(isDocument && key === 'components'))
      continue
    copy[key] = plainJson(member)
  }
  return copy
}

/** What JSON.stringify leaves out of objects (and writes as null in arrays). */
function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol'
}

/**
 * Only `metadata`, as the plain JSON data of `{"metadata": …}` at the spec: a newer spec's
 * rendering for losses that are all in metadata (loss-report.ts counts shapes in it; the rest of
 * the document is not needed for that).
 */
export function serializeMetadata(bom: Models.Bom, target: SpecVersion): JsonObject {
  const normalizer = new JsonNormalize.Normalize.Factory(specOf(target)).makeForMetadata()
  return plainJson({
    metadata: normalizer.normalize(bom.metadata, { sortLists: true }),
  }) as JsonObject
}

/**
 * Two leftovers of the library's normalizers when the target spec drops something, removed so the
 * output says nothing it does not mean (and normalizing it again yields the same bytes):
 *  - dependency entries, dependsOn items and vulnerability `affects` naming a component that the
 *    target spec left out (the dependency graph is built from the model, not from the output);
 *  - lists left empty because every item was of a kind the target lacks (`externalReferences: []`):
 *    plainJson leaves those out, and this removes the lists its own filtering empties.
 */
function tidy(document: JsonObject): void {
  const refs = collectBomRefs(document)
  if (Array.isArray(document.dependencies)) {
    const kept = (document.dependencies as JsonObject[]).filter((entry) =>
      refs.has(entry.ref as string),
    )
    for (const entry of kept) keepKnownRefs(entry, 'dependsOn', refs)
    if (kept.length === 0) delete document.dependencies
    else if (kept.length !== document.dependencies.length) document.dependencies = kept
  }
  for (const vulnerability of array(document.vulnerabilities))
    keepKnownRefs(vulnerability, 'affects', refs, 'ref')
}

/** Keeps the items of `entry[key]` (or their `member`) that name a known bom-ref; no list is left empty. */
function keepKnownRefs(
  entry: JsonObject,
  key: string,
  refs: ReadonlySet<string>,
  member?: string,
): void {
  const values = entry[key]
  if (!Array.isArray(values)) return
  const known = values.filter((value) =>
    refs.has((member === undefined ? value : asObject(value)?.[member]) as string),
  )
  if (known.length === values.length) return
  if (known.length === 0) delete entry[key]
  else entry[key] = known
}

/** bom-refs of every component (metadata.component's tree too) and service in the output. */
function collectBomRefs(document: JsonObject): Set<string> {
  const refs = new Set<string>()
  const visit = (item: JsonObject, nested: 'components' | 'services'): void => {
    if (typeof item['bom-ref'] === 'string') refs.add(item['bom-ref'])
    for (const child of array(item[nested])) visit(child, nested)
  }
  const metadata = asObject(document.metadata) ?? {}
  if (metadata.component !== undefined) visit(asObject(metadata.component) ?? {}, 'components')
  for (const component of array(document.components)) visit(component, 'components')
  for (const service of array(document.services)) visit(service, 'services')
  return refs
}

function array(value: unknown): JsonObject[] {
  return Array.isArray(value) ? (value as JsonObject[]) : []
}
