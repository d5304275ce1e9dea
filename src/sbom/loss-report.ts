// The normalization report: what went in, what came out, and every kind of data that did not
// make it. Rather than trusting each reader branch to remember what it skipped, we compare the
// input document with the final output by *shape path* (`$.components[].hashes[].alg`, array
// indices erased so sorting does not matter) and list every shape that occurs fewer times in the
// output than in the input. That catches what our reader, the library's models and the target
// spec each drop, with one mechanism. Two things are listed one by one before the comparison,
// because they would otherwise be hidden or smeared across many shapes: what the reader refused
// on purpose (formats/cyclonedx-json.ts), and components of a type the target spec lacks.
import type { SbomFormat } from '../formats/detect.js'
import { shapeOf, type DroppedData } from '../formats/loss.js'
import { NEWEST_SPEC_VERSION, specOf, type SpecVersion } from '../formats/spec-versions.js'
import { asObject, type JsonObject } from '../shared/json.js'

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
  /** SPDX inputs: how many packages and files the document lists, and how many files spdx-files left out. */
  readonly spdxElements?: {
    readonly packages: number
    readonly files: number
    readonly filesLeftOut: number
  }
}

/**
 * Tool shapes that 1.5+ nests under `tools.components[]` / `tools.services[]` and ≤1.4 keeps in a
 * flat `tools[]` (in metadata and in vulnerabilities): compared as one shape.
 */
const TOOLS_ITEM = /\.tools\.(?:components|services)\[\]/g
/** Containers that exist in only one of two equivalent shapes; their content is compared instead. */
const TOOLS_CONTAINER = /\.tools\.(?:components|services)$/

/** Our enrichment writes these; their input values are kept or replaced on purpose (see enrich.ts). */
const OWNED_BY_ENRICHMENT = new Set(['$.$schema', '$.specVersion'])

export function countContent(document: JsonObject): Counts {
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
    counts.dependencies += array(asObject(entry)?.dependsOn).length
  const visit = (item: unknown, kind: 'components' | 'services'): void => {
    const node = asObject(item) ?? {}
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

/** What findDroppedData compares. */
export interface DropComparison {
  /** The input document (or, for SPDX, its lossless CycloneDX rendering). */
  readonly input: JsonObject
  /** The final output at the target spec. */
  readonly output: JsonObject
  readonly target: SpecVersion
  /**
   * The same model serialized at the newest spec, made only when something was lost, and then
   * at least the parts holding `lostPaths` (shape paths). Data it holds but the output lacks is
   * what the *target spec* cannot express; data it lacks too never made it into the library's
   * model.
   */
  readonly lossless: (lostPaths: readonly string[]) => JsonObject
  /** Concrete input paths already reported with a specific reason: their subtrees are not compared again. */
  readonly alreadyReported: readonly string[]
}

/**
 * Every shape path of the input that occurs fewer times in the output, reported once at the root
 * of a subtree that is lost entirely. The reason says whether the target spec or the library
 * lost it, and quotes the first lost value when it is short.
 */
export function findDroppedData(comparison: DropComparison): DroppedData[] {
  const excluded = new Set(comparison.alreadyReported)
  const before = shapeCounts(comparison.input, excluded)
  const after = shapeCounts(comparison.output)
  const losses: { path: string; count: number; kept: number; example: string }[] = []
  const lostEntirely = new Set<string>()
  for (const [path, { count, example }] of before) {
    if (OWNED_BY_ENRICHMENT.has(path) || TOOLS_CONTAINER.test(path)) continue
    if (insideLostSubtree(path, lostEntirely)) continue
    const kept = after.get(path)?.count ?? 0
    if (kept >= count) continue
    if (kept === 0) lostEntirely.add(path)
    losses.push({ path, count, kept, example })
  }
  // Where only some occurrences were lost, the first occurrence may well be a kept one: name
  // the lost values instead, and point at the first of them.
  const partial = new Set(losses.filter((loss) => loss.kept > 0).map((loss) => loss.path))
  const lostValues =
    partial.size > 0
      ? findLostValues(comparison, partial, excluded)
      : new Map<string, LostValue[]>()
  // Serializing at the newest spec costs as much as the output did: only when something was lost.
  const losslessDocument =
    losses.length > 0 ? comparison.lossless(losses.map((loss) => loss.path)) : comparison.output
  const lossless = losslessDocument === comparison.output ? after : shapeCounts(losslessDocument)
  return losses.map(({ path, count, kept, example }) => {
    const modelled = Math.min(lossless.get(path)?.count ?? 0, count)
    const reason = dropReason({ count, kept, modelled, target: comparison.target })
    if (kept === 0)
      return { path, example, reason: reason + quoteValue(valueAt(comparison.input, example)) }
    const values = lostValues.get(path) ?? []
    const [first] = values
    if (first === undefined) return { path, example, reason }
    const quoted = values.slice(0, MAX_QUOTED_VALUES).map((value) => value.json)
    if (values.length > MAX_QUOTED_VALUES) quoted.push('…')
    return { path, example: first.example, reason: `${reason}; lost: ${quoted.join(', ')}` }
  })
}

/**
 * Whether a shape path lies below one of `roots` (`$.a.b` and `$.a[]` lie below `$.a`). Looked up
 * prefix by prefix rather than root by root: an input with 20,000 distinct unknown members has
 * 20,000 roots, and comparing every path with every root took seconds.
 */
function insideLostSubtree(path: string, roots: ReadonlySet<string>): boolean {
  if (roots.size === 0) return false
  for (let index = 1; index < path.length; index += 1) {
    const char = path.charCodeAt(index)
    const endsStep =
      char === DOT || (char === OPEN_BRACKET && path.charCodeAt(index + 1) === CLOSE_BRACKET)
    if (endsStep && roots.has(path.slice(0, index))) return true
  }
  return false
}

const DOT = 0x2e
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d

/** How many distinct lost values a reason quotes. */
const MAX_QUOTED_VALUES = 5

interface LostValue {
  /** The value as JSON, e.g. `"distribution-intake"`. */
  readonly json: string
  /** First place it occurred in the input. */
  readonly example: string
}

/** For shapes that lost some occurrences: the scalar values the input has more often than the output. */
function findLostValues(
  comparison: DropComparison,
  shapes: ReadonlySet<string>,
  excluded: ReadonlySet<string>,
): Map<string, LostValue[]> {
  const tally = (document: JsonObject, skip: ReadonlySet<string>) => {
    const values = new Map<string, Map<string, { count: number; example: string }>>()
    walkShapes(document, skip, ({ shape }, concrete, value) => {
      // undefined: a member the XML reader created without a value; JSON has no such thing.
      if (
        !shapes.has(shape) ||
        value === undefined ||
        (typeof value === 'object' && value !== null)
      )
        return
      const json = JSON.stringify(value)
      const perShape = values.get(shape) ?? new Map<string, { count: number; example: string }>()
      values.set(shape, perShape)
      const seen = perShape.get(json)
      if (seen) seen.count += 1
      else perShape.set(json, { count: 1, example: concrete() })
    })
    return values
  }
  const before = tally(comparison.input, excluded)
  const after = tally(comparison.output, new Set())
  const lost = new Map<string, LostValue[]>()
  for (const [shape, values] of before)
    lost.set(
      shape,
      [...values]
        .filter(([json, { count }]) => count > (after.get(shape)?.get(json)?.count ?? 0))
        .map(([json, { example }]) => ({
          json: json.length <= 80 ? json : `${json.slice(0, 77)}…`,
          example,
        })),
    )
  return lost
}

function dropReason(counts: {
  count: number
  kept: number
  modelled: number
  target: SpecVersion
}): string {
  const { count, kept, modelled, target } = counts
  const lost = kept === 0 ? (count === 1 ? 'it' : `all ${count}`) : `${count - kept} of ${count}`
  if (modelled >= count)
    return `CycloneDX ${target} cannot express ${lost} (CycloneDX ${NEWEST_SPEC_VERSION} can)`
  if (modelled <= kept)
    return `the CycloneDX library does not model ${lost}, or the value is not valid there`
  return `${count - kept} of ${count} lost: some not modelled by the CycloneDX library or invalid, some not expressible in CycloneDX ${target}`
}

/**
 * Components whose type the target spec does not have: the library's serializer leaves them out
 * with everything nested in them. Reported once per shape path and type (with a count), and
 * every such component's path is returned so the comparison does not count its name, version,
 * hashes, … as lost a second time. Subtrees the reader already `refused` are not visited.
 */
export function findComponentsTargetCannotHold(
  input: JsonObject,
  target: SpecVersion,
  refused: ReadonlySet<string>,
): { readonly dropped: DroppedData[]; readonly paths: string[] } {
  const spec = specOf(target)
  const groups = new Map<string, { example: string; type: string; count: number }>()
  const paths: string[] = []
  const visit = (value: unknown, path: string): void => {
    if (refused.has(path)) return
    const component = asObject(value) ?? {}
    if (typeof component.type === 'string' && !spec.supportsComponentType(component.type)) {
      paths.push(path)
      const key = `${shapeOf(path)}\n${component.type}`
      const group = groups.get(key) ?? { example: path, type: component.type, count: 0 }
      groups.set(key, group)
      group.count += 1
      return
    }
    array(component.components).forEach((child, index) =>
      visit(child, `${path}.components[${index}]`),
    )
  }
  const metadata = asObject(input.metadata) ?? {}
  if (metadata.component !== undefined) visit(metadata.component, '$.metadata.component')
  array(input.components).forEach((component, index) => visit(component, `$.components[${index}]`))
  const dropped = [...groups.values()].map(({ example, type, count }) => ({
    path: shapeOf(example),
    example,
    reason: `component type "${type}" does not exist in CycloneDX ${target}; the component and everything nested in it are left out${count > 1 ? ` (${count} components)` : ''}`,
  }))
  return { dropped, paths }
}

/** JSON pointer `/components/3/hashes/0` → shape `$.components[].hashes[]` and example `$.components[3].hashes[0]`. */
export function pathsOfPointer(pointer: string): { path: string; example: string } {
  const keys = pointer.split('/').slice(1)
  const render = (index: (key: string) => string) =>
    keys.reduce((path, key) => (/^\d+$/.test(key) ? `${path}${index(key)}` : `${path}.${key}`), '$')
  return { path: render(() => '[]'), example: render((key) => `[${key}]`) }
}

function shapeCounts(
  document: JsonObject,
  excluded: ReadonlySet<string> = new Set(),
): Map<string, { count: number; example: string }> {
  // Counted on the walk's nodes (no lookup per value), then added up per compared shape.
  let met = 0
  const root = walkShapes(document, excluded, (node, concrete) => {
    if (node.count === 0) {
      node.example = concrete()
      node.firstMet = met++
    }
    node.count += 1
  })
  const nodes: ShapeNode[] = []
  const collect = (node: ShapeNode): void => {
    if (node.count > 0) nodes.push(node)
    for (const member of node.members.values()) collect(member)
    if (node.item !== undefined) collect(node.item)
  }
  collect(root)
  // In the order shapes were first met, as a walk in document order lists them (a subtree's root
  // before its contents), with the example of whichever aliased path came first.
  nodes.sort((a, b) => a.firstMet - b.firstMet)
  const shapes = new Map<string, { count: number; example: string }>()
  for (const node of nodes) {
    const seen = shapes.get(node.shape)
    if (seen) seen.count += node.count
    else shapes.set(node.shape, { count: node.count, example: node.example })
  }
  return shapes
}

/** A shape path met during a walk, with its children, so each is built once per walk, not per value. */
interface ShapeNode {
  /** The path as written, e.g. `$.metadata.tools.components[]`. */
  readonly raw: string
  /** The path compared: tool shapes aliased (`$.metadata.tools[]`). */
  readonly shape: string
  /** Whether some excluded concrete path has this shape, so the walk must check its values. */
  readonly mayBeExcluded: boolean
  readonly members: Map<string, ShapeNode>
  item: ShapeNode | undefined
  /** For shapeCounts: values met at this path, the first one's concrete path, and when. */
  count: number
  example: string
  firstMet: number
}

/**
 * Calls `visit` for every value that carries data, with its shape node (`shape`: the path with
 * tool shapes aliased) and a function giving its concrete path (built only when asked: SBOMs have
 * millions of values). Skips empty arrays and objects (the library omits them), excluded
 * subtrees, and lists whose items are all excluded (a list of refused components). Returns the
 * root of the shape nodes it made.
 */
function walkShapes(
  document: JsonObject,
  excluded: ReadonlySet<string>,
  visit: (node: ShapeNode, concrete: () => string, value: unknown) => void,
): ShapeNode {
  const excludedShapes = new Set([...excluded].map(shapeOf))
  const node = (raw: string): ShapeNode => ({
    raw,
    shape: raw.replace(TOOLS_ITEM, '.tools[]'),
    mayBeExcluded: excludedShapes.has(raw),
    members: new Map(),
    item: undefined,
    count: 0,
    example: '',
    firstMet: 0,
  })
  const memberOf = (parent: ShapeNode, name: string): ShapeNode => {
    let member = parent.members.get(name)
    if (member === undefined) {
      member = node(`${parent.raw}.${name}`)
      parent.members.set(name, member)
    }
    return member
  }
  // The concrete path of the value being visited: member names and array indexes.
  const steps: (string | number)[] = []
  const concrete = (): string =>
    `$${steps.map((step) => (typeof step === 'number' ? `[${step}]` : `.${step}`)).join('')}`
  const isExcluded = (shape: ShapeNode, step: string | number): boolean => {
    if (!shape.mayBeExcluded) return false
    steps.push(step)
    const answer = excluded.has(concrete())
    steps.pop()
    return answer
  }
  const walk = (value: unknown, shape: ShapeNode): void => {
    if (typeof value !== 'object' || value === null) {
      visit(shape, concrete, value)
      return
    }
    if (Array.isArray(value)) {
      if (value.length === 0) return
      const item = (shape.item ??= node(`${shape.raw}[]`))
      if (item.mayBeExcluded && value.every((_, index) => isExcluded(item, index))) return
      visit(shape, concrete, value)
      for (let index = 0; index < value.length; index += 1) {
        if (isExcluded(item, index)) continue
        steps.push(index)
        walk(value[index], item)
        steps.pop()
      }
      return
    }
    if (!hasMembers(value)) return
    visit(shape, concrete, value)
    walkMembers(value as JsonObject, shape)
  }
  const walkMembers = (object: JsonObject, shape: ShapeNode): void => {
    for (const name in object) {
      const member = memberOf(shape, name)
      if (isExcluded(member, name)) continue
      steps.push(name)
      walk(object[name], member)
      steps.pop()
    }
  }
  const root = node('$')
  walkMembers(document, root)
  return root
}

function hasMembers(object: object): boolean {
  for (const _name in object) return true
  return false
}

/** The value at a concrete path like `$.components[3].hashes[0].alg`, if any. */
function valueAt(document: JsonObject, path: string): unknown {
  const steps = path.slice(1).match(/\.[^.[]+|\[\d+\]/g) ?? []
  let value: unknown = document
  for (const step of steps) {
    if (typeof value !== 'object' || value === null) return undefined
    const key = step.startsWith('[') ? Number(step.slice(1, -1)) : step.slice(1)
    value = (value as Record<string | number, unknown>)[key]
  }
  return value
}

function quoteValue(value: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
    return ''
  const quoted = JSON.stringify(value)
  return quoted.length <= 80 ? `; first value ${quoted}` : ''
}

function array(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}
