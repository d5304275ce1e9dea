// The normalization report: what went in, what came out, and every kind of data that did not
// make it. Rather than trusting each reader branch to remember what it skipped, we compare the
// input document with the final output by *shape path* (`$.components[].hashes[].alg`, array
// indices erased so sorting does not matter) and list every shape that occurs fewer times in the
// output than in the input. That catches what our reader, the library's models and the target
// spec each drop, with one mechanism.
import type { SbomFormat } from './detect.js'
import type { SpecVersion } from './spec-versions.js'

type Json = Record<string, unknown>

export interface Counts {
  components: number
  services: number
  /** dependsOn edges. */
  dependencies: number
  licenses: number
  hashes: number
  externalReferences: number
  vulnerabilities: number
  properties: number
}

export interface DroppedData {
  /** Shape path, e.g. `$.components[].pedigree`. */
  readonly path: string
  /** First place it occurred in the input, e.g. `$.components[3].pedigree`. */
  readonly example: string
  readonly reason: string
}

export interface NormalizationReport {
  readonly file: string
  readonly sourceFormat: SbomFormat
  readonly sourceSpecVersion: string
  readonly targetSpecVersion: SpecVersion
  readonly before: Counts
  readonly after: Counts
  readonly dropped: readonly DroppedData[]
  /** Where the input breaks its own declared schema (input-validation: warn lets it through). */
  readonly inputProblems: readonly { readonly path: string; readonly message: string }[]
  readonly notes: readonly string[]
}

/** Tool shapes that 1.5+ nests under `tools.components[]` and ≤1.4 keeps in a flat `tools[]`. */
const SHAPE_ALIASES: readonly [RegExp, string][] = [
  [/^\$\.metadata\.tools\.(components|services)\[\]/, '$.metadata.tools[]'],
]
/** Containers that exist in only one of two equivalent shapes; their content is compared instead. */
const SHAPE_CONTAINERS = new Set(['$.metadata.tools.components', '$.metadata.tools.services'])

/** Our enrichment writes these; their input values are kept or replaced on purpose (see enrich.ts). */
const OWNED_BY_ENRICHMENT = new Set(['$.$schema', '$.specVersion'])

export function countContent(document: Json): Counts {
  const counts: Counts = {
    components: 0,
    services: 0,
    dependencies: 0,
    licenses: 0,
    hashes: 0,
    externalReferences: 0,
    vulnerabilities: array(document.vulnerabilities).length,
    properties: 0,
  }
  for (const entry of array(document.dependencies))
    counts.dependencies += array(object(entry).dependsOn).length
  const visit = (item: unknown, kind: 'components' | 'services'): void => {
    const node = object(item)
    counts[kind] += 1
    counts.licenses += array(node.licenses).length
    counts.hashes += array(node.hashes).length
    counts.externalReferences += array(node.externalReferences).length
    counts.properties += array(node.properties).length
    for (const child of array(node[kind])) visit(child, kind)
  }
  for (const component of array(document.components)) visit(component, 'components')
  for (const service of array(document.services)) visit(service, 'services')
  return counts
}

/**
 * Every shape path of `input` that occurs fewer times in `output`. The reason names the target
 * spec, since the same data may well survive at a newer one.
 */
export function findDroppedData(input: Json, output: Json, target: SpecVersion): DroppedData[] {
  const before = shapeCounts(input)
  const after = shapeCounts(output)
  const dropped: DroppedData[] = []
  const reported: string[] = []
  for (const [path, { count, example }] of before) {
    if (OWNED_BY_ENRICHMENT.has(path) || SHAPE_CONTAINERS.has(path)) continue
    // Report a lost subtree once, at its root.
    if (reported.some((root) => path.startsWith(`${root}.`) || path.startsWith(`${root}[]`)))
      continue
    const kept = after.get(path)?.count ?? 0
    if (kept >= count) continue
    reported.push(path)
    dropped.push({
      path,
      example,
      reason:
        kept === 0
          ? `not representable in CycloneDX ${target} JSON or not modelled by the CycloneDX library (${count} occurrence${count === 1 ? '' : 's'})`
          : `${count - kept} of ${count} not carried over to CycloneDX ${target} (unsupported or invalid values, or duplicates merged)`,
    })
  }
  return dropped
}

/** JSON pointer `/components/3/hashes/0` → shape `$.components[].hashes[]` and example `$.components[3].hashes[0]`. */
export function pathsOfPointer(pointer: string): { path: string; example: string } {
  const keys = pointer.split('/').slice(1)
  const render = (index: (key: string) => string) =>
    keys.reduce((path, key) => (/^\d+$/.test(key) ? `${path}${index(key)}` : `${path}.${key}`), '$')
  return { path: render(() => '[]'), example: render((key) => `[${key}]`) }
}

function shapeCounts(document: Json): Map<string, { count: number; example: string }> {
  const shapes = new Map<string, { count: number; example: string }>()
  const walk = (value: unknown, shape: string, concrete: string): void => {
    // Empty arrays and objects carry no data; the library omits them.
    if (Array.isArray(value) ? value.length === 0 : isEmptyObject(value)) return
    const aliased = SHAPE_ALIASES.reduce(
      (path, [pattern, replacement]) => path.replace(pattern, replacement),
      shape,
    )
    const seen = shapes.get(aliased)
    if (seen) seen.count += 1
    else shapes.set(aliased, { count: 1, example: concrete })
    if (Array.isArray(value))
      value.forEach((item, index) => walk(item, `${shape}[]`, `${concrete}[${index}]`))
    else if (typeof value === 'object' && value !== null)
      for (const [key, child] of Object.entries(value))
        walk(child, `${shape}.${key}`, `${concrete}.${key}`)
  }
  for (const [key, child] of Object.entries(document)) walk(child, `$.${key}`, `$.${key}`)
  return shapes
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0
}

function array(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

function object(value: unknown): Json {
  return typeof value === 'object' && value !== null ? (value as Json) : {}
}
