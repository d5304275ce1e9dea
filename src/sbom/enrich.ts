import { createHash } from 'node:crypto'
import { ComponentType } from '@cyclonedx/cyclonedx-library/Enums'
import * as Models from '@cyclonedx/cyclonedx-library/Models'
import type { MovedShape } from './loss-report.js'

export interface Enrichment {
  readonly packageName: string
  readonly versionName: string
  /** CycloneDX component type of the IoT package (package-type); `firmware` when absent. */
  readonly packageType?: string
  readonly commitSha: string
  /** `owner/name`; part of the derived serialNumber. */
  readonly repository: string
  /** Used as metadata.timestamp when the input has none; without it the timestamp stays empty. */
  readonly commitTime?: Date | undefined
  readonly tool: { readonly name: string; readonly version: string; readonly vendor: string }
}

/** bom-ref prefix of the IoT package component this action adds. */
export const PACKAGE_REF_PREFIX = 'iot-package:'

// Namespace of our derived serial numbers (UUID v5 of `repository\ncommitSha\npackage\nversion`).
// An arbitrary constant of this project, fixed forever: changing it changes every derived
// serialNumber, and with it every artifact's bytes.
export const SERIAL_NAMESPACE = '6f1d3c2a-8b4e-5a7f-9c0d-2e4b6a8c0f13'
// The schema allows upper-case hex; the library's serializer writes only lower case.
const SERIAL_NUMBER = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export interface EnrichResult {
  /** What enrichment decided, for the report. */
  readonly notes: string[]
  /** The input's root, when it was moved from metadata.component to the components (for the loss report). */
  readonly moved: readonly MovedShape[]
}

/** Where describePackage moves the input's own root. */
export const MOVED_ROOT: MovedShape = { from: '$.metadata.component', to: '$.components[]' }

/** The IoT package's type when package-type does not say: most IoT packages are firmware images. */
export const DEFAULT_PACKAGE_TYPE = ComponentType.Firmware

/**
 * Makes the BOM say what it is for (the IoT package@version), who touched it (this action), and
 * gives it a stable identity. Nothing random and nothing from the clock: same input + same commit
 * → same bytes. Returns notes on what it decided, and what it moved.
 */
export function enrichBom(
  bom: Models.Bom,
  enrichment: Enrichment,
  /** What the input says it describes when that is several elements (SPDX `DESCRIBES`). */
  described: readonly Models.Component[] = [],
): EnrichResult {
  addTool(bom.metadata.tools, enrichment.tool)
  // Before the package takes metadata.component: the input's root is still the first holder of
  // its bom-ref, so it keeps it (what the input's dependencies on that value meant) and a
  // component that used the same value is renamed.
  const { notes, taken } = stabilizeBomRefs(bom)
  const subject = describePackage(bom, enrichment, described)
  notes.push(...subject.notes, ...identify(bom, enrichment))
  // Only a holder that already had the package's own bom-ref is left to rename: a second pass
  // over every holder only when one did.
  if (taken.has(packageRef(enrichment))) notes.push(...assignStableBomRefs(bom))
  if (bom.metadata.timestamp === undefined && enrichment.commitTime !== undefined)
    bom.metadata.timestamp = enrichment.commitTime
  return { notes, moved: subject.moved }
}

/** bom-ref of the IoT package component: `iot-package:<name>@<version>`. */
export function packageRef(enrichment: Pick<Enrichment, 'packageName' | 'versionName'>): string {
  return `${PACKAGE_REF_PREFIX}${enrichment.packageName}@${enrichment.versionName}`
}

/** A new IoT package component (package-type, `firmware` by default), depending on nothing yet. */
export function packageComponent(enrichment: Enrichment): Models.Component {
  return new Models.Component(packageTypeOf(enrichment), enrichment.packageName, {
    version: enrichment.versionName,
    bomRef: packageRef(enrichment),
  })
}

function packageTypeOf(enrichment: Enrichment): ComponentType {
  // config.ts checks package-type against the target spec's component types.
  return (enrichment.packageType ?? DEFAULT_PACKAGE_TYPE) as ComponentType
}

/**
 * metadata.component: always the IoT package@version, since that is what the SBOM is associated
 * with. The input's own root is never dropped: it becomes a top-level component (with all it had,
 * nested components included; its dependency entry stays) and the package depends on it. An
 * input that describes several elements has no one root: the package depends on each of them.
 * Without either, the package depends on the top-level components nothing else depends on.
 */
function describePackage(
  bom: Models.Bom,
  enrichment: Enrichment,
  described: readonly Models.Component[],
): { notes: string[]; moved: MovedShape[] } {
  const ref = packageRef(enrichment)
  const type = packageTypeOf(enrichment)
  const existing = bom.metadata.component
  const what = `metadata.component is the IoT package ${enrichment.packageName}@${enrichment.versionName} (${type})`
  // Ours already (a re-normalized output, an earlier output for the same package@version, a
  // merge): it is the package, with what it depends on.
  if (existing?.bomRef.value === ref) {
    if (existing.type === type) return { notes: [], moved: [] }
    const was = existing.type
    existing.type = type
    return { notes: [`${what}; its type was ${was} (package-type: ${type}).`], moved: [] }
  }
  const pkg = packageComponent(enrichment)
  bom.metadata.component = pkg
  if (existing !== undefined) {
    bom.components.add(existing)
    pkg.dependencies.add(existing.bomRef)
    return {
      notes: [
        `${what}; the input's root ${existing.type} ${nameOf(existing)} (bom-ref ${JSON.stringify(existing.bomRef.value)}${existing.bomRef.value?.startsWith(PACKAGE_REF_PREFIX) ? ': the package of an earlier output of this action' : ''}) is kept as a component the package depends on.`,
      ],
      moved: [MOVED_ROOT],
    }
  }
  if (described.length > 0) {
    for (const component of described) pkg.dependencies.add(component.bomRef)
    return {
      notes: [
        `${what}; the input describes ${described.length} elements, not one root: the package depends on each (${listNames(described.map(nameOf))}).`,
      ],
      moved: [],
    }
  }
  const tops = unparentedComponents(bom)
  for (const component of tops) pkg.dependencies.add(component.bomRef)
  return {
    notes: [
      tops.length === 0
        ? `${what}; the input has no root and no components.`
        : `${what}; the input has no root: the package depends on its ${tops.length} top-level component(s) nothing else depends on (${listNames(tops.map(nameOf))}).`,
    ],
    moved: [],
  }
}

/**
 * The top-level components nothing else depends on (a self-edge does not count), in bom-ref
 * order: what hangs under nothing. Services and nested components count as dependents. A
 * dependency cycle that nothing outside it reaches (a → b → a, and what hangs under it) would
 * still hang under nothing: one component of each such cycle, the first by bom-ref, is added too.
 * Run after assignStableBomRefs: bom-refs decide the order.
 */
export function unparentedComponents(bom: Models.Bom): Models.Component[] {
  // Edges out of every holder: what it depends on, and what is nested in it.
  const edges = new Map<Models.BomRef, Models.BomRef[]>()
  const dependedOn = new Set<Models.BomRef>()
  const visit = (holder: Models.Component | Models.Service): void => {
    const nested: (Models.Component | Models.Service)[] =
      holder instanceof Models.Component ? [...holder.components] : [...holder.services]
    edges.set(holder.bomRef, [...holder.dependencies, ...nested.map((child) => child.bomRef)])
    for (const dependency of holder.dependencies)
      if (dependency !== holder.bomRef) dependedOn.add(dependency)
    for (const child of nested) visit(child)
  }
  for (const component of bom.components) visit(component)
  for (const service of bom.services) visit(service)
  const reach = (start: Models.BomRef, reached: Set<Models.BomRef>): void => {
    const stack = [start]
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      if (reached.has(next)) continue
      reached.add(next)
      // One push per edge: a spread would pass a huge component's edges as call arguments.
      for (const edge of edges.get(next) ?? []) stack.push(edge)
    }
  }

  const components = [...bom.components].sort(byBomRef)
  const tops = components.filter((component) => !dependedOn.has(component.bomRef))
  const reachedByTops = new Set<Models.BomRef>()
  for (const holder of [...tops, ...bom.services]) reach(holder.bomRef, reachedByTops)
  // What is left hangs under cycles. Entering them in bom-ref order may pick a component that a
  // cycle entered later reaches too; going back over the picks, last first, drops those.
  const reached = new Set(reachedByTops)
  const picks = components.filter((component) => {
    if (reached.has(component.bomRef)) return false
    reach(component.bomRef, reached)
    return true
  })
  const reachedAgain = reachedByTops
  const entries = picks.reverse().filter((pick) => {
    if (reachedAgain.has(pick.bomRef)) return false
    reach(pick.bomRef, reachedAgain)
    return true
  })
  return [...tops, ...entries].sort(byBomRef)
}

/** By bom-ref, code unit by code unit: the same order on every runner, whatever its locale. */
function byBomRef(a: Models.Component, b: Models.Component): number {
  const [x, y] = [a.bomRef.value ?? '', b.bomRef.value ?? '']
  return x < y ? -1 : x > y ? 1 : 0
}

/** `group/name@version` of a component, for notes. */
export function nameOf(component: Models.Component): string {
  return nameAtVersion(component.group, component.name, component.version)
}

/** `a@1, b@2` for a note: the first five, and how many more. */
export function listNames(names: readonly string[]): string {
  if (names.length === 0) return 'no components'
  const more = names.length > 5 ? `, and ${names.length - 5} more` : ''
  return `${names.slice(0, 5).join(', ')}${more}`
}

/** serialNumber: kept when it is a urn:uuid, else derived from the commit and package (UUID v5). */
function identify(bom: Models.Bom, enrichment: Enrichment): string[] {
  const current = bom.serialNumber
  if (current !== undefined && SERIAL_NUMBER.test(current)) {
    if (current === current.toLowerCase()) return []
    bom.serialNumber = current.toLowerCase()
    return [
      `serialNumber ${current} written in lower case (the CycloneDX library writes no other).`,
    ]
  }
  const name = [
    enrichment.repository,
    enrichment.commitSha,
    enrichment.packageName,
    enrichment.versionName,
  ]
  const derived = `urn:uuid:${uuidV5(SERIAL_NAMESPACE, name.join('\n'))}`
  bom.serialNumber = derived
  return current === undefined
    ? []
    : [`serialNumber ${JSON.stringify(current)} is not a urn:uuid; replaced by ${derived}.`]
}

/**
 * This action as a tool, in the shape the input's tools already have: the ≤1.4 list when it has
 * one (the library writes a mix of both shapes as the list anyway), else a 1.5+ tool component,
 * which the serializer turns into a list entry for targets before 1.5. Not added twice when the
 * input is already one of our outputs.
 */
function addTool(tools: Models.Tools, tool: Enrichment['tool']): void {
  const same = (
    vendor: string | undefined,
    name: string | undefined,
    version: string | undefined,
  ) => vendor === tool.vendor && name === tool.name && version === tool.version
  if (
    [...tools.tools].some((t) => same(t.vendor, t.name, t.version)) ||
    [...tools.components].some((c) => same(c.group, c.name, c.version))
  )
    return
  if (tools.tools.size > 0)
    tools.tools.add(
      new Models.Tool({ vendor: tool.vendor, name: tool.name, version: tool.version }),
    )
  else
    tools.components.add(
      new Models.Component(ComponentType.Application, tool.name, {
        group: tool.vendor,
        version: tool.version,
      }),
    )
}

/**
 * The library's serializer gives every component, service and vulnerability without a bom-ref,
 * and every holder of a duplicate one, a *random* bom-ref (Math.random), and sorts components by
 * bom-ref: two runs would differ. So every holder gets a stable, unique value first, derived from
 * what it is (purl, else group/name@version; a vulnerability's id), in the library's tree order.
 * The first holder of a duplicated value keeps it: that is whom dependencies on it mean.
 */
export function assignStableBomRefs(bom: Models.Bom): string[] {
  return stabilizeBomRefs(bom).notes
}

/** assignStableBomRefs, also returning every bom-ref value the holders have afterwards. */
function stabilizeBomRefs(bom: Models.Bom): { notes: string[]; taken: ReadonlySet<string> } {
  const holders = [...bomRefHolders(bom)]
  const owner = new Map<string, Models.BomRef>()
  for (const { bomRef } of holders)
    if (bomRef.value && !owner.has(bomRef.value)) owner.set(bomRef.value, bomRef)
  const taken = new Set(owner.keys())
  let generated = 0
  const renamed: string[] = []
  for (const { bomRef, derive } of holders) {
    const current = bomRef.value
    if (current && owner.get(current) === bomRef) continue
    const fresh = uniqueValue(current || derive(), taken)
    if (current) renamed.push(`${JSON.stringify(current)} → ${JSON.stringify(fresh)}`)
    else generated += 1
    bomRef.value = fresh
    taken.add(fresh)
  }
  const notes: string[] = []
  if (generated > 0)
    notes.push(
      `${generated} component(s)/service(s)/vulnerabilit(ies) had no bom-ref; they got stable ones derived from purl or name@version.`,
    )
  if (renamed.length > 0)
    notes.push(
      `bom-refs used more than once were made unique (dependencies keep pointing at the first holder): ${renamed.slice(0, 5).join(', ')}${renamed.length > 5 ? `, and ${renamed.length - 5} more` : ''}.`,
    )
  return { notes, taken }
}

interface BomRefHolder {
  readonly bomRef: Models.BomRef
  readonly derive: () => string
}

/** Same order as the library's serializer visits them. */
function* bomRefHolders(bom: Models.Bom): Generator<BomRefHolder> {
  if (bom.metadata.component) yield* componentTree([bom.metadata.component])
  yield* componentTree(bom.components)
  yield* serviceTree(bom.services)
  for (const vulnerability of bom.vulnerabilities)
    yield { bomRef: vulnerability.bomRef, derive: () => vulnerability.id || 'vulnerability' }
}

function* componentTree(components: Iterable<Models.Component>): Generator<BomRefHolder> {
  for (const component of components) {
    yield {
      bomRef: component.bomRef,
      derive: () =>
        component.purl || nameAtVersion(component.group, component.name, component.version),
    }
    yield* componentTree(component.components)
  }
}

function* serviceTree(services: Iterable<Models.Service>): Generator<BomRefHolder> {
  for (const service of services) {
    yield {
      bomRef: service.bomRef,
      derive: () => nameAtVersion(service.group, service.name, service.version),
    }
    yield* serviceTree(service.services)
  }
}

function nameAtVersion(
  group: string | undefined,
  name: string,
  version: string | undefined,
): string {
  return `${group ? `${group}/` : ''}${name}${version ? `@${version}` : ''}`
}

function uniqueValue(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base
  for (let n = 2; ; n += 1) if (!taken.has(`${base}~${n}`)) return `${base}~${n}`
}

/** RFC 4122 name-based UUID, SHA-1 flavour. */
export function uuidV5(namespace: string, name: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16)
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
