// `merge: true`: several normalized BOMs → one, with the IoT package as its root.
import * as Models from '@cyclonedx/cyclonedx-library/Models'
import {
  listNames,
  nameOf,
  packageComponent,
  PACKAGE_REF_PREFIX,
  unparentedComponents,
  type Enrichment,
} from './enrich.js'

export interface MergePart {
  readonly file: string
  readonly bom: Models.Bom
}

export interface MergeResult {
  readonly bom: Models.Bom
  readonly notes: string[]
}

/**
 * Components are de-duplicated by purl, else by bom-ref and group/name@version together;
 * dependencies that pointed at a dropped duplicate point at the kept one. The IoT package is the
 * merged BOM's metadata.component, and it depends on every input's root, which stays a component
 * (see rootOf). The result still needs enrichBom (tool, serial number, unique bom-refs).
 */
export function mergeBoms(parts: readonly MergePart[], enrichment: Enrichment): MergeResult {
  const merged = new Models.Bom()
  const pkg = packageComponent(enrichment)
  merged.metadata.component = pkg
  const kept = new Map<string, Models.Component>()
  const replaced = new Map<Models.BomRef, Models.BomRef>()
  const roots: string[] = []
  let duplicates = 0

  const take = (component: Models.Component): void => {
    const key = identity(component)
    const existing = kept.get(key)
    if (existing === undefined) {
      kept.set(key, component)
      merged.components.add(component)
      return
    }
    replaced.set(component.bomRef, existing.bomRef)
    for (const dependency of component.dependencies) existing.dependencies.add(dependency)
    duplicates += 1
  }

  for (const { file, bom } of parts) {
    const { dependsOn, keep, says } = rootOf(bom, pkg)
    for (const component of keep) take(component)
    for (const component of bom.components) take(component)
    // Refs of the part's own components: those of merged-away duplicates are re-pointed below.
    for (const bomRef of dependsOn) pkg.dependencies.add(bomRef)
    roots.push(`${file}: ${says}`)
    for (const service of bom.services) merged.services.add(service)
    mergeMetadata(merged.metadata, bom.metadata, enrichment.tool.name)
  }
  rewireDependencies(merged, replaced)
  return {
    bom: merged,
    notes: [
      `merged ${parts.length} SBOMs into one with ${enrichment.packageName}@${enrichment.versionName} as root` +
        (duplicates > 0
          ? `; ${duplicates} duplicate component(s) (same purl, or same bom-ref and name@version) were merged.`
          : '.'),
      `the package depends on each input's root, kept as a component (for an input without one, on its top-level components nothing else depends on): ${roots.join('; ')}.`,
    ],
  }
}

/**
 * What the merged package depends on for one input, what of the input's metadata.component
 * becomes a component (`keep`), and how to say it:
 *
 * - The root is this very package (bom-ref `iot-package:<name>@<version>`, nothing but type,
 *   name, version and dependencies): enrichBom made it when the input was normalized, moving the
 *   input's own root into the components (or hanging the unparented components under it), or the
 *   input was an earlier output of this action for the same package@version. It is the merged
 *   package itself, not a component of it: what it depends on carries over.
 * - Any other root is kept as a component the package depends on. That includes an earlier output
 *   for another package or version (its `iot-package:` root is an ordinary component here; when
 *   the input was normalized first, enrichBom already moved it into the components), and a
 *   package component for this package@version that carries data of its own (someone edited an
 *   earlier output): dropping it would lose that data without a word, so it stays, and enrichBom
 *   makes its bom-ref unique (`…~2`).
 * - No root (a part enrichBom has not seen): the package depends on the part's top-level
 *   components nothing else depends on, as enrichBom would have done.
 */
function rootOf(
  bom: Models.Bom,
  pkg: Models.Component,
): { dependsOn: Models.BomRef[]; keep: Models.Component[]; says: string } {
  const root = bom.metadata.component
  if (root === undefined) {
    const unparented = unparentedComponents(bom)
    return {
      dependsOn: unparented.map((component) => component.bomRef),
      keep: [],
      says: `no root; ${listNames(unparented.map(nameOf))}`,
    }
  }
  if (root.bomRef.value === pkg.bomRef.value && isBarePackage(root)) {
    const byRef = new Map<Models.BomRef, Models.Component>()
    for (const component of componentTree(bom.components)) byRef.set(component.bomRef, component)
    const dependsOn = [...root.dependencies]
    const targets = dependsOn.map((bomRef) => {
      const component = byRef.get(bomRef)
      if (component === undefined) return JSON.stringify(bomRef.value ?? '')
      return bomRef.value?.startsWith(PACKAGE_REF_PREFIX)
        ? `${nameOf(component)} (the package of an earlier output)`
        : nameOf(component)
    })
    return { dependsOn, keep: [], says: listNames(targets) }
  }
  const again =
    root.bomRef.value === pkg.bomRef.value ? ' (this package as an earlier output had it)' : ''
  return { dependsOn: [root.bomRef], keep: [root], says: `${nameOf(root)}${again}` }
}

/** The package component as enrichBom makes it: identity and dependencies, nothing else. */
function isBarePackage(component: Models.Component): boolean {
  const { components, externalReferences, hashes, licenses, properties } = component
  const { author, copyright, description, group, publisher, purl, scope, supplier, swid } =
    component
  return (
    [components, externalReferences, hashes, licenses, properties].every((set) => set.size === 0) &&
    [author, copyright, description, group, publisher, purl, scope, supplier, swid].every(
      (value) => value === undefined || value === '',
    ) &&
    component.cpe === undefined &&
    component.evidence === undefined
  )
}

function* componentTree(components: Iterable<Models.Component>): Generator<Models.Component> {
  for (const component of components) {
    yield component
    yield* componentTree(component.components)
  }
}

/**
 * A purl names the same package in any document. A bom-ref is unique only within its own
 * document: the same value in two inputs is one component only when group, name and version
 * agree too (two roots both called `SPDXRef-Package` are two components).
 */
function identity(component: Models.Component): string {
  const purl = component.purl?.toString()
  if (purl) return `purl:${purl}`
  const { group, name, version } = component
  return `ref:${component.bomRef.value ?? ''}\n${group ?? ''}/${name}@${version ?? ''}`
}

/**
 * Tools, authors, lifecycles and properties of every input. A tool two inputs both name (same
 * vendor, name and version: one generator, or an earlier output of this action beside its own
 * input) is listed once: the schema refuses the same tool twice.
 */
function mergeMetadata(
  target: Models.Metadata,
  source: Models.Metadata,
  ownToolName: string,
): void {
  const listed = new Set([
    ...[...target.tools.tools].map((tool) => toolKey(tool.vendor, tool.name, tool.version)),
    ...[...target.tools.components].map((tool) => toolKey(tool.group, tool.name, tool.version)),
    ...[...target.tools.services].map(
      (tool) => `service\n${toolKey(tool.group, tool.name, tool.version)}`,
    ),
  ])
  const isNew = (key: string): boolean => {
    if (listed.has(key)) return false
    listed.add(key)
    return true
  }
  for (const tool of source.tools.tools)
    if (tool.name !== ownToolName && isNew(toolKey(tool.vendor, tool.name, tool.version)))
      target.tools.tools.add(tool)
  for (const tool of source.tools.components)
    if (tool.name !== ownToolName && isNew(toolKey(tool.group, tool.name, tool.version)))
      target.tools.components.add(tool)
  for (const tool of source.tools.services)
    if (isNew(`service\n${toolKey(tool.group, tool.name, tool.version)}`))
      target.tools.services.add(tool)
  for (const author of source.authors) target.authors.add(author)
  for (const lifecycle of source.lifecycles) target.lifecycles.add(lifecycle)
  for (const property of source.properties) target.properties.add(property)
}

/** A tool in either shape (≤1.4 list entry, 1.5+ component): the library writes both as one list. */
function toolKey(
  vendor: string | undefined,
  name: string | undefined,
  version: string | undefined,
) {
  return `${vendor ?? ''}\n${name ?? ''}\n${version ?? ''}`
}

/** Dependencies are BomRef objects: point those of merged-away duplicates at the kept component. */
function rewireDependencies(
  bom: Models.Bom,
  replaced: ReadonlyMap<Models.BomRef, Models.BomRef>,
): void {
  if (replaced.size === 0) return
  const rewire = (dependencies: Models.BomRefRepository): void => {
    for (const dependency of [...dependencies]) {
      const replacement = replaced.get(dependency)
      if (replacement === undefined) continue
      dependencies.delete(dependency)
      dependencies.add(replacement)
    }
  }
  const walk = (components: Iterable<Models.Component>): void => {
    for (const component of components) {
      rewire(component.dependencies)
      walk(component.components)
    }
  }
  if (bom.metadata.component) rewire(bom.metadata.component.dependencies)
  walk(bom.components)
  for (const service of bom.services) rewire(service.dependencies)
}
