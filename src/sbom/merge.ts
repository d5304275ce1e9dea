// `merge: true`: several normalized BOMs → one, with the IoT package as its root.
import { ComponentType } from '@cyclonedx/cyclonedx-library/Enums'
import * as Models from '@cyclonedx/cyclonedx-library/Models'
import { PACKAGE_REF_PREFIX, type Enrichment } from './enrich.js'

export interface MergePart {
  readonly file: string
  readonly bom: Models.Bom
}

export interface MergeResult {
  readonly bom: Models.Bom
  readonly notes: string[]
}

/**
 * Components are de-duplicated by purl, else bom-ref, else group/name@version; dependencies that
 * pointed at a dropped duplicate point at the kept one; each input's own root component becomes
 * a dependency of the IoT package. The result still needs enrichBom (tool, serial number).
 */
export function mergeBoms(parts: readonly MergePart[], enrichment: Enrichment): MergeResult {
  const merged = new Models.Bom()
  const root = new Models.Component(ComponentType.Application, enrichment.packageName, {
    version: enrichment.versionName,
    bomRef: `${PACKAGE_REF_PREFIX}${enrichment.packageName}@${enrichment.versionName}`,
  })
  merged.metadata.component = root
  const kept = new Map<string, Models.Component>()
  const replaced = new Map<Models.BomRef, Models.BomRef>()
  const notes: string[] = []
  let duplicates = 0

  const take = (component: Models.Component): Models.Component | undefined => {
    const key = identity(component)
    const existing = kept.get(key)
    if (existing === undefined) {
      kept.set(key, component)
      merged.components.add(component)
      return component
    }
    replaced.set(component.bomRef, existing.bomRef)
    for (const dependency of component.dependencies) existing.dependencies.add(dependency)
    duplicates += 1
    return existing
  }

  for (const { bom } of parts) {
    const partRoot = bom.metadata.component
    // A placeholder root that enrichment made for this very package is replaced by the merged root.
    if (partRoot !== undefined && !partRoot.bomRef.value?.startsWith(PACKAGE_REF_PREFIX)) {
      const keptRoot = take(partRoot)
      if (keptRoot) root.dependencies.add(keptRoot.bomRef)
    } else if (partRoot !== undefined) {
      for (const dependency of partRoot.dependencies) root.dependencies.add(dependency)
    }
    for (const component of bom.components) take(component)
    for (const service of bom.services) merged.services.add(service)
    mergeMetadata(merged.metadata, bom.metadata, enrichment.tool.name)
  }
  rewireDependencies(merged, replaced)
  notes.push(
    `merged ${parts.length} SBOMs into one with ${enrichment.packageName}@${enrichment.versionName} as root` +
      (duplicates > 0
        ? `; ${duplicates} duplicate component(s) (same purl, bom-ref or name@version) were merged.`
        : '.'),
  )
  return { bom: merged, notes }
}

function identity(component: Models.Component): string {
  const purl = component.purl?.toString()
  if (purl) return `purl:${purl}`
  if (component.bomRef.value) return `ref:${component.bomRef.value}`
  return `name:${component.group ?? ''}/${component.name}@${component.version ?? ''}`
}

function mergeMetadata(
  target: Models.Metadata,
  source: Models.Metadata,
  ownToolName: string,
): void {
  for (const tool of source.tools.tools) if (tool.name !== ownToolName) target.tools.tools.add(tool)
  for (const tool of source.tools.components)
    if (tool.name !== ownToolName) target.tools.components.add(tool)
  for (const tool of source.tools.services) target.tools.services.add(tool)
  for (const author of source.authors) target.authors.add(author)
  for (const lifecycle of source.lifecycles) target.lifecycles.add(lifecycle)
  for (const property of source.properties) target.properties.add(property)
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
