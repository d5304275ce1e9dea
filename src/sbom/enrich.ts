import { createHash } from 'node:crypto'
import { ComponentType } from '@cyclonedx/cyclonedx-library/Enums'
import * as Models from '@cyclonedx/cyclonedx-library/Models'

export interface Enrichment {
  readonly packageName: string
  readonly versionName: string
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

/**
 * Makes the BOM say what it is for (the IoT package@version), who touched it (this action), and
 * gives it a stable identity. Nothing random and nothing from the clock: same input + same commit
 * → same bytes. Returns notes on what it decided.
 */
export function enrichBom(bom: Models.Bom, enrichment: Enrichment): string[] {
  addTool(bom.metadata.tools, enrichment.tool)
  const notes = [
    ...describePackage(bom.metadata, enrichment),
    ...identify(bom, enrichment),
    ...assignStableBomRefs(bom),
  ]
  if (bom.metadata.timestamp === undefined && enrichment.commitTime !== undefined)
    bom.metadata.timestamp = enrichment.commitTime
  return notes
}

/** metadata.component: the IoT package@version when absent; the input's own is never replaced. */
function describePackage(metadata: Models.Metadata, enrichment: Enrichment): string[] {
  const { packageName, versionName } = enrichment
  const existing = metadata.component
  // Ours already (a re-normalized output, or a merge root): nothing to say.
  if (existing?.bomRef.value === `${PACKAGE_REF_PREFIX}${packageName}@${versionName}`) return []
  if (existing !== undefined)
    return [
      `metadata.component kept as the input had it (${existing.type} ${existing.name}@${existing.version ?? '(no version)'}); the SBOM is associated with IoT package ${packageName}@${versionName}.`,
    ]
  metadata.component = new Models.Component(ComponentType.Application, packageName, {
    version: versionName,
    bomRef: `${PACKAGE_REF_PREFIX}${packageName}@${versionName}`,
  })
  return [`metadata.component set to the IoT package ${packageName}@${versionName}.`]
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
  return notes
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
