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
import {
  NEWEST_SPEC_VERSION,
  specOf,
  SUPPORTED_SPEC_VERSIONS,
  type SpecVersion,
} from '../formats/spec-versions.js'
import { asObject, type JsonObject } from '../shared/json.js'
import { PACKAGE_REF_PREFIX } from './enrich.js'
import type { QualityResult } from './quality.js'

export interface Counts {
  /** Components, nested ones included (files too: see `files`). */
  components: number
  /** Of the components, those of type `file` (SPDX files become such components). */
  files: number
  /** Components with a purl. */
  purls: number
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
  /** The quality profile's coverage of the output, and of the input document where there was one. */
  readonly quality?: { readonly output: QualityResult; readonly input?: QualityResult }
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
const TOOL_GROUP = /\.tools\[\]\.group$/
/**
 * A shape path as compared: tool shapes aliased (`$.metadata.tools.components[].type` →
 * `$.metadata.tools[].type`), and a tool's group, which ≤1.4 writes as its vendor, compared as
 * the vendor.
 */
function comparedShape(path: string): string {
  return path.replace(TOOLS_ITEM, '.tools[]').replace(TOOL_GROUP, '.tools[].vendor')
}
/** Containers that exist in only one of two equivalent shapes; their content is compared instead. */
const TOOLS_CONTAINER = /\.tools\.(?:components|services)$/

/** Our enrichment writes these; their input values are kept or replaced on purpose (see enrich.ts). */
const OWNED_BY_ENRICHMENT = new Set(['$.$schema', '$.specVersion'])

export function countContent(document: JsonObject): Counts {
  const counts: Counts = {
    components: 0,
    files: 0,
    purls: 0,
    services: 0,
    dependencies: 0,
    licenses: 0,
    hashes: 0,
    externalReferences: 0,
    vulnerabilities: array(document.vulnerabilities).length,
    properties: 0,
  }
  for (const entry of array(document.dependencies)) {
    const dependency = asObject(entry)
    // The IoT package's own edges (to the input's root, or to root-less inputs' top components)
    // are the action's, not the input's: counting them would hide lost edges.
    if (typeof dependency?.ref === 'string' && dependency.ref.startsWith(PACKAGE_REF_PREFIX))
      continue
    counts.dependencies += array(dependency?.dependsOn).length
  }
  const visit = (item: unknown, kind: 'components' | 'services'): void => {
    const node = asObject(item) ?? {}
    counts[kind] += 1
    if (kind === 'components') {
      if (node.type === 'file') counts.files += 1
      if (typeof node.purl === 'string' && node.purl !== '') counts.purls += 1
    }
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
   * The same model serialized at `version` (a version above the target), made only when
   * something was lost, and then at least the parts holding `lostPaths` (shape paths). Data the
   * newest spec's rendering holds but the output lacks is what the *target spec* cannot express
   * (the versions between then say which is the first to carry it); data it lacks too never made
   * it into the library's model.
   */
  readonly lossless: (version: SpecVersion, lostPaths: readonly string[]) => JsonObject
  /** Concrete input paths already reported with a specific reason: their subtrees are not compared again. */
  readonly alreadyReported: readonly string[]
  /**
   * Shape paths of `input` (and their subtrees) that the reader filled with values of its own
   * making (formats/loss.ts SynthesizedPaths): never counted as lost.
   */
  readonly synthesized?: readonly string[]
  /**
   * Subtrees enrichment moved (sbom/enrich.ts EnrichResult.moved; shape paths): the input's
   * shapes at and below `from` are compared with the output's at and below `to` (the input's
   * root, `$.metadata.component`, is a component of the output: `$.components[]`).
   */
  readonly moved?: readonly MovedShape[]
}

/** A moved subtree, as DropComparison.moved lists it. */
export interface MovedShape {
  readonly from: string
  readonly to: string
}

/**
 * Every shape path of the input that occurs fewer times in the output, reported once at the root
 * of a subtree that is lost entirely. The reason says whether the target spec or the library
 * lost it (and, for the target spec, the lowest version that carries it), and quotes the first
 * lost value when it is short.
 */
export function findDroppedData(comparison: DropComparison): DroppedData[] {
  const excluded = new Set(comparison.alreadyReported)
  const synthesized = new Set((comparison.synthesized ?? []).map(comparedShape))
  const before = movedShapes(shapeCounts(comparison.input, excluded), comparison.moved)
  const after = shapeCounts(comparison.output)
  const losses: Loss[] = []
  const lostEntirely = new Set<string>()
  for (const [path, { count, example }] of before) {
    if (OWNED_BY_ENRICHMENT.has(path) || TOOLS_CONTAINER.test(path)) continue
    if (synthesized.has(path) || insideLostSubtree(path, synthesized)) continue
    if (insideLostSubtree(path, lostEntirely)) continue
    const kept = after.get(path)?.count ?? 0
    if (kept >= count) continue
    if (kept === 0) lostEntirely.add(path)
    losses.push({ path, count, kept, example, modelled: 0, carriedFrom: undefined })
  }
  if (losses.length === 0) return []
  // Where only some occurrences were lost, the first occurrence may well be a kept one: name
  // the lost values instead, and point at the first of them.
  const partial = new Set(losses.filter((loss) => loss.kept > 0).map((loss) => loss.path))
  const lostValues =
    partial.size > 0
      ? findLostValues(comparison, partial, excluded)
      : new Map<string, LostValue[]>()
  placeLosses(comparison, losses, after)
  return losses.map(({ path, count, kept, example, modelled, carriedFrom }) => {
    const reason = dropReason({ count, kept, modelled, target: comparison.target, carriedFrom })
    // Only where a newer version keeps all of it: the pipeline treats such a loss as routine.
    const version = carriedFrom !== undefined && modelled >= count ? { carriedFrom } : {}
    if (kept === 0)
      return {
        path,
        example,
        reason: reason + quoteValue(valueAt(comparison.input, example)),
        ...version,
      }
    const values = lostValues.get(path) ?? []
    const [first] = values
    if (first === undefined) return { path, example, reason, ...version }
    const quoted = values.slice(0, MAX_QUOTED_VALUES).map((value) => value.json)
    if (values.length > MAX_QUOTED_VALUES) quoted.push('…')
    return {
      path,
      example: first.example,
      reason: `${reason}; lost: ${quoted.join(', ')}`,
      ...version,
    }
  })
}

/** One shape path the output holds fewer times than the input. */
interface Loss {
  readonly path: string
  /** Occurrences in the input, and in the output. */
  readonly count: number
  readonly kept: number
  readonly example: string
  /** Occurrences the newest spec's rendering of the model holds (at most `count`). */
  modelled: number
  /** The lowest version above the target that holds all `modelled` of them. */
  carriedFrom: SpecVersion | undefined
}

/**
 * Tells what the target spec cannot express from what the library never modelled, and names the
 * lowest version that carries the former. Each serialization costs as much as the output did, so
 * the newest spec is rendered only because something was lost, a version between the target and
 * the newest only while some loss the newest carries is not placed yet (lowest first, stopping
 * as soon as all are), and each of them only as far as its losses need (comparison.lossless).
 */
function placeLosses(comparison: DropComparison, losses: Loss[], after: ShapeCounts): void {
  const { target } = comparison
  const counted = (version: SpecVersion, paths: readonly Loss[]): ShapeCounts => {
    if (version === target) return after
    const document = comparison.lossless(
      version,
      paths.map((loss) => loss.path),
    )
    return document === comparison.output ? after : shapeCounts(document)
  }
  const newest = counted(NEWEST_SPEC_VERSION, losses)
  for (const loss of losses) loss.modelled = Math.min(newest.get(loss.path)?.count ?? 0, loss.count)
  let unplaced = losses.filter((loss) => loss.modelled > loss.kept)
  const between = SUPPORTED_SPEC_VERSIONS.filter(
    (version) => isNewer(version, target) && isNewer(NEWEST_SPEC_VERSION, version),
  )
  for (const version of between) {
    if (unplaced.length === 0) break
    const counts = counted(version, unplaced)
    for (const loss of unplaced)
      if ((counts.get(loss.path)?.count ?? 0) >= loss.modelled) loss.carriedFrom = version
    unplaced = unplaced.filter((loss) => loss.carriedFrom === undefined)
  }
  for (const loss of unplaced) loss.carriedFrom = NEWEST_SPEC_VERSION
}

/** Whether spec version `a` is newer than `b`. */
function isNewer(a: SpecVersion, b: SpecVersion): boolean {
  return SUPPORTED_SPEC_VERSIONS.indexOf(a) > SUPPORTED_SPEC_VERSIONS.indexOf(b)
}

/** The hint that names the version to set. */
function carriedBy(version: SpecVersion, what: 'it' | 'them'): string {
  return `CycloneDX ${version} carries ${what} (set cyclonedx-spec-version: ${version})`
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
  const tally = (
    document: JsonObject,
    skip: ReadonlySet<string>,
    moved?: readonly MovedShape[],
  ) => {
    const values = new Map<string, Map<string, { count: number; example: string }>>()
    walkShapes(document, skip, (node, concrete, value) => {
      const shape = movedShape(node.shape, moved)
      if (!shapes.has(shape) || typeof value === 'object') return
      const json = JSON.stringify(value)
      const perShape = values.get(shape) ?? new Map<string, { count: number; example: string }>()
      values.set(shape, perShape)
      const seen = perShape.get(json)
      if (seen) seen.count += 1
      else perShape.set(json, { count: 1, example: concrete() })
    })
    return values
  }
  const before = tally(comparison.input, excluded, comparison.moved)
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

function dropReason(loss: {
  count: number
  kept: number
  modelled: number
  target: SpecVersion
  carriedFrom: SpecVersion | undefined
}): string {
  const { count, kept, modelled, target, carriedFrom } = loss
  const lost =
    kept === 0 ? (count === 1 ? '' : ` (all ${count} lost)`) : ` (${count - kept} of ${count} lost)`
  if (carriedFrom === undefined) {
    const which = kept === 0 ? (count === 1 ? 'it' : `all ${count}`) : `${count - kept} of ${count}`
    return `none: no CycloneDX version carries ${which} (the CycloneDX library does not model it, or the value is not valid there)`
  }
  if (modelled >= count) return `not in CycloneDX ${target}${lost}; ${carriedBy(carriedFrom, 'it')}`
  return `${count - kept} of ${count} lost: ${modelled - kept} not in CycloneDX ${target} (${carriedBy(carriedFrom, 'them')}), ${count - modelled} not modelled by the CycloneDX library or not valid there`
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
  const dropped = [...groups.values()].map(({ example, type, count }): DroppedData => {
    const carriedFrom = SUPPORTED_SPEC_VERSIONS.find(
      (version) => isNewer(version, target) && specOf(version).supportsComponentType(type),
    )
    const reason = `component type "${type}" does not exist in CycloneDX ${target}; the component and everything nested in it are left out${count > 1 ? ` (${count} components)` : ''}`
    return carriedFrom === undefined
      ? { path: shapeOf(example), example, reason }
      : {
          path: shapeOf(example),
          example,
          reason: `${reason}; ${carriedBy(carriedFrom, count > 1 ? 'them' : 'it')}`,
          carriedFrom,
        }
  })
  return { dropped, paths }
}

/** JSON pointer `/components/3/hashes/0` → shape `$.components[].hashes[]` and example `$.components[3].hashes[0]`. */
export function pathsOfPointer(pointer: string): { path: string; example: string } {
  const keys = pointer.split('/').slice(1)
  const render = (index: (key: string) => string) =>
    keys.reduce((path, key) => (/^\d+$/.test(key) ? `${path}${index(key)}` : `${path}.${key}`), '$')
  return { path: render(() => '[]'), example: render((key) => `[${key}]`) }
}

/** Per compared shape path: how many values carry data there, and the first one's concrete path. */
type ShapeCounts = Map<string, { count: number; example: string }>

function shapeCounts(document: JsonObject, excluded: ReadonlySet<string> = new Set()): ShapeCounts {
  // Counted on the walk's nodes (no lookup per value), then added up per compared shape.
  const root = walkShapes(document, excluded, (node, concrete, _value, order) => {
    if (node.count === 0) {
      node.example = concrete()
      node.firstMet = order
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
  const shapes: ShapeCounts = new Map()
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
 * tool shapes aliased), a function giving its concrete path (built only when asked: SBOMs have
 * millions of values) and its position in document order (a container's comes before its
 * contents'). Empty values carry nothing and are never visited, in the input and the output
 * alike: null, an empty or blank string, and an array or object with nothing that carries data in
 * it (so `{"name": ""}` and `[null]` are no more lost than `{}` and `[]`, which the library
 * omits). Excluded subtrees are not visited either, so a list whose items are all excluded (a
 * list of refused components) carries nothing. Returns the root of the shape nodes it made.
 */
function walkShapes(
  document: JsonObject,
  excluded: ReadonlySet<string>,
  visit: (node: ShapeNode, concrete: () => string, value: unknown, order: number) => void,
): ShapeNode {
  const excludedShapes = new Set([...excluded].map(shapeOf))
  const node = (raw: string): ShapeNode => ({
    raw,
    shape: comparedShape(raw),
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
  let position = 0
  // Whether `value` carries data. A container is visited after its contents (only then is it
  // known to carry any), with the position it was entered at.
  const walk = (value: unknown, shape: ShapeNode): boolean => {
    const order = position++
    if (typeof value !== 'object' || value === null) {
      if (isEmptyScalar(value)) return false
      visit(shape, concrete, value, order)
      return true
    }
    let carries = false
    if (Array.isArray(value)) {
      if (value.length === 0) return false
      const item = (shape.item ??= node(`${shape.raw}[]`))
      for (let index = 0; index < value.length; index += 1) {
        if (isExcluded(item, index)) continue
        steps.push(index)
        if (walk(value[index], item)) carries = true
        steps.pop()
      }
    } else carries = walkMembers(value as JsonObject, shape)
    if (carries) visit(shape, concrete, value, order)
    return carries
  }
  const walkMembers = (object: JsonObject, shape: ShapeNode): boolean => {
    let carries = false
    for (const name in object) {
      const member = memberOf(shape, name)
      if (isExcluded(member, name)) continue
      steps.push(name)
      if (walk(object[name], member)) carries = true
      steps.pop()
    }
    return carries
  }
  const root = node('$')
  walkMembers(document, root)
  return root
}

/**
 * A scalar that says nothing: null, undefined (a member the XML reader created without a value),
 * or a string of nothing but white space. Cheap for the common case: a string is trimmed only
 * when it starts with white space.
 */
function isEmptyScalar(value: unknown): boolean {
  if (value === null || value === undefined) return true
  if (typeof value !== 'string') return false
  if (value.length === 0) return true
  const first = value.charCodeAt(0)
  const mayBeBlank =
    first <= 0x20 || first === 0xa0 || first === 0xfeff || (first >= 0x1680 && first <= 0x3000)
  return mayBeBlank && value.trim().length === 0
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

/**
 * An input's counts as the output's are counted, once enrichment moved its root into the
 * components (MovedShape `$.metadata.component`): `counts` plus the root and what is nested in it.
 */
export function countMovedRoot(
  counts: Counts,
  input: JsonObject,
  moved: readonly MovedShape[],
): Counts {
  const root = asObject(input.metadata)?.component
  if (root === undefined || !moved.some(({ from }) => from === '$.metadata.component'))
    return counts
  const added = countContent({ components: [root] })
  const sum = { ...counts }
  for (const key of Object.keys(sum) as (keyof Counts)[]) sum[key] += added[key]
  return sum
}

/** Where a shape path of the input lies in the output, given the subtrees enrichment moved. */
function movedShape(shape: string, moved: readonly MovedShape[] | undefined): string {
  for (const { from, to } of moved ?? [])
    if (shape === from || shape.startsWith(`${from}.`) || shape.startsWith(`${from}[`))
      return to + shape.slice(from.length)
  return shape
}

/**
 * The input's shape counts with moved subtrees renamed to where the output has them, added to
 * what is there already; in first-met order (a subtree's root still comes before its contents).
 */
function movedShapes(
  shapes: Map<string, { count: number; example: string }>,
  moved: readonly MovedShape[] | undefined,
): Map<string, { count: number; example: string }> {
  if (moved === undefined || moved.length === 0) return shapes
  const result = new Map<string, { count: number; example: string }>()
  for (const [shape, { count, example }] of shapes) {
    const key = movedShape(shape, moved)
    const seen = result.get(key)
    result.set(
      key,
      seen ? { count: seen.count + count, example: seen.example } : { count, example },
    )
  }
  return result
}
