// OCSF "Software Inventory Info" (class 5020, Discovery) describing the published SBOM: a JSON
// event for OCSF-aware tooling (SIEM ingestion, archiving, queries). Field rules follow OCSF 1.7.0
// (see __tests__/report/ocsf-software-inventory-1.7.0.schema.json for what we derived from it).
import { asObject, asObjects, type JsonObject } from '../shared/json.js'

export const OCSF_VERSION = '1.7.0'
const CLASS_UID = 5020
const CATEGORY_UID = 5
const ACTIVITY_COLLECT = 2
const SEVERITY_INFORMATIONAL = 1
const SBOM_TYPE_CYCLONEDX = 2
const RELATIONSHIP_DEPENDS_ON = 1

/** OCSF 1.7.0 device.type_id captions (objects/device.json plus the dictionary's 0 and 99). */
export const DEVICE_TYPES: Readonly<Record<number, string>> = {
  0: 'Unknown',
  1: 'Server',
  2: 'Desktop',
  3: 'Laptop',
  4: 'Tablet',
  5: 'Mobile',
  6: 'Virtual',
  7: 'IOT',
  8: 'Browser',
  9: 'Firewall',
  10: 'Switch',
  11: 'Hub',
  12: 'Router',
  13: 'IDS',
  14: 'IPS',
  15: 'Load Balancer',
  99: 'Other',
}
export const DEVICE_TYPE_IOT = 7

/**
 * CycloneDX component type → OCSF 1.7.0 software_component type_id and type. OCSF knows only
 * Framework (1), Library (2) and Operating System (3); every other CycloneDX type is 99 Other with
 * the CycloneDX type named in `type`, as OCSF asks for Other.
 */
export const COMPONENT_TYPES: Readonly<Record<string, { type_id: number; type: string }>> = {
  application: { type_id: 99, type: 'Application' },
  framework: { type_id: 1, type: 'Framework' },
  library: { type_id: 2, type: 'Library' },
  container: { type_id: 99, type: 'Container' },
  platform: { type_id: 99, type: 'Platform' },
  'operating-system': { type_id: 3, type: 'Operating System' },
  device: { type_id: 99, type: 'Device' },
  'device-driver': { type_id: 99, type: 'Device Driver' },
  firmware: { type_id: 99, type: 'Firmware' },
  file: { type_id: 99, type: 'File' },
  'machine-learning-model': { type_id: 99, type: 'Machine Learning Model' },
  data: { type_id: 99, type: 'Data' },
  'cryptographic-asset': { type_id: 99, type: 'Cryptographic Asset' },
}
const COMPONENT_TYPE_UNKNOWN = { type_id: 0, type: 'Unknown' }

// CycloneDX hash algorithm → OCSF fingerprint algorithm_id.
const FINGERPRINT_ALGORITHMS: Record<string, number> = {
  MD5: 1,
  'SHA-1': 2,
  'SHA-256': 3,
  'SHA-512': 4,
  'SHA-384': 9,
  'SHA3-256': 13,
  'SHA3-384': 14,
  'SHA3-512': 15,
}
/** Strongest first: the hash a component is identified by is the first of these it has. */
export const HASH_PREFERENCE = [
  'SHA-512',
  'SHA-384',
  'SHA3-512',
  'SHA3-384',
  'SHA3-256',
  'SHA-256',
  'SHA-1',
  'MD5',
] as const

// An OS component's name → OCSF os.type_id (objects/os.json); anything else is 99 Other.
const OS_TYPES: readonly [RegExp, number, string][] = [
  [/windows/i, 100, 'Windows'],
  [/linux|yocto|buildroot|openwrt/i, 200, 'Linux'],
  [/mac ?os|darwin/i, 300, 'macOS'],
  [/android/i, 500, 'Android'],
]

export interface OcsfEventInput {
  /** The normalized CycloneDX document(s) of the artifact. */
  readonly documents: readonly JsonObject[]
  readonly packageName: string
  readonly versionName: string
  readonly action: { readonly name: string; readonly vendor: string; readonly version: string }
  /** Event time, ms since the epoch. */
  readonly time: number
  /** OCSF device.type_id of the inventoried product; 7 (IOT) when not given. */
  readonly deviceTypeId?: number
}

export interface OcsfEvent extends JsonObject {
  readonly sbom: JsonObject
}

/** One event for the artifact: components of every document in it, listed once each. */
export function buildSoftwareInventoryEvent(input: OcsfEventInput): OcsfEvent {
  const first = input.documents[0] ?? {}
  const metadata = asObject(first.metadata) ?? {}
  const root = asObject(metadata.component) ?? {}
  const created = typeof metadata.timestamp === 'string' ? Date.parse(metadata.timestamp) : NaN
  const generator = generatorOf(metadata, input.action.name)
  const { device, unmapped } = deviceOf(input)
  return {
    activity_id: ACTIVITY_COLLECT,
    activity_name: 'Collect',
    category_uid: CATEGORY_UID,
    category_name: 'Discovery',
    class_uid: CLASS_UID,
    class_name: 'Software Inventory Info',
    type_uid: CLASS_UID * 100 + ACTIVITY_COLLECT,
    severity_id: SEVERITY_INFORMATIONAL,
    severity: 'Informational',
    time: input.time,
    metadata: {
      version: OCSF_VERSION,
      product: {
        name: input.action.name,
        vendor_name: input.action.vendor,
        version: input.action.version,
      },
    },
    device,
    sbom: {
      package: {
        name: input.packageName,
        version: input.versionName,
        ...(typeof root.purl === 'string' ? { purl: root.purl } : {}),
      },
      software_components: softwareComponents(input.documents),
      ...(Number.isNaN(created) ? {} : { created_time: created }),
      ...(generator ? { product: generator } : {}),
      type_id: SBOM_TYPE_CYCLONEDX,
      type: 'CycloneDX',
      ...(typeof first.serialNumber === 'string' ? { uid: first.serialNumber } : {}),
      ...(typeof first.specVersion === 'string' ? { version: first.specVersion } : {}),
    },
    ...(unmapped ? { unmapped } : {}),
  }
}

/**
 * The product being inventoried: the IoT package version, with what the SBOM's device, firmware
 * and operating-system components say about its hardware and OS. OCSF's device has no free-form
 * attribute, so those components' CycloneDX properties go to the event's `unmapped`.
 */
function deviceOf(input: OcsfEventInput): { device: JsonObject; unmapped?: JsonObject } {
  const typeId = input.deviceTypeId ?? DEVICE_TYPE_IOT
  const facts = input.documents
    .flatMap(allComponents)
    .filter((c) => c.type === 'device' || c.type === 'firmware' || c.type === 'operating-system')
  const hardware = facts.find((c) => c.type === 'device')
  const os = facts.find((c) => c.type === 'operating-system')
  const firmware = facts.filter((c) => c.type === 'firmware')
  const vendor = hardware
    ? (partyName(hardware.manufacturer) ?? partyName(hardware.supplier))
    : undefined
  const osName = os && typeof os.name === 'string' ? os.name : undefined
  const osType = osName ? OS_TYPES.find(([pattern]) => pattern.test(osName)) : undefined
  const device: JsonObject = {
    type_id: typeId,
    type: DEVICE_TYPES[typeId] ?? 'Other',
    name: `${input.packageName}@${input.versionName}`,
    ...(hardware && typeof hardware.name === 'string' ? { model: hardware.name } : {}),
    ...(vendor ? { vendor_name: vendor } : {}),
    ...(firmware.length > 0
      ? {
          desc: `Firmware: ${firmware.map((c) => `${String(c.name)}${typeof c.version === 'string' ? ` ${c.version}` : ''}`).join(', ')}`,
        }
      : {}),
    ...(osName
      ? {
          os: {
            name: osName,
            type_id: osType?.[1] ?? 99,
            type: osType?.[2] ?? 'Other',
            ...(typeof os?.version === 'string' ? { version: os.version } : {}),
          },
        }
      : {}),
  }
  const withProperties = facts.filter((c) => asObjects(c.properties).length > 0)
  if (withProperties.length === 0) return { device }
  return {
    device,
    unmapped: {
      device_components: withProperties.map((c) => ({
        type: c.type,
        name: c.name,
        ...(typeof c.version === 'string' ? { version: c.version } : {}),
        properties: Object.fromEntries(
          asObjects(c.properties)
            .filter((p) => typeof p.name === 'string')
            .map((p) => [p.name as string, p.value]),
        ),
      })),
    },
  }
}

function partyName(party: unknown): string | undefined {
  const name = asObject(party)?.name
  return typeof name === 'string' && name ? name : undefined
}

interface Rendered {
  readonly ref?: string
  readonly name: string
  readonly version: string
  readonly purl?: string
  readonly fields: JsonObject
}

/**
 * Every component once, except that OCSF's related_component is one string (the PURL of the
 * component this one has a relationship with): a component that depends on several others is
 * listed once per dependency, each entry naming one of them with relationship_id 1 (Depends On).
 */
function softwareComponents(documents: readonly JsonObject[]): JsonObject[] {
  const seen = new Set<string>()
  const rendered: Rendered[] = []
  const byRef = new Map<string, Rendered>()
  const dependsOn = new Map<string, string[]>()
  for (const document of documents) {
    for (const dependency of asObjects(document.dependencies))
      if (typeof dependency.ref === 'string' && Array.isArray(dependency.dependsOn)) {
        const targets = dependsOn.get(dependency.ref) ?? []
        for (const target of dependency.dependsOn)
          if (typeof target === 'string' && !targets.includes(target)) targets.push(target)
        dependsOn.set(dependency.ref, targets)
      }
    for (const component of allComponents(document)) {
      const name = `${typeof component.group === 'string' && component.group ? `${component.group}/` : ''}${String(component.name ?? '')}`
      // OCSF requires a version; CycloneDX does not.
      const version =
        typeof component.version === 'string' && component.version ? component.version : 'unknown'
      const purl = typeof component.purl === 'string' ? component.purl : undefined
      const ref = typeof component['bom-ref'] === 'string' ? component['bom-ref'] : undefined
      const identity = purl ?? `${name}@${version}`
      if (seen.has(identity)) continue
      seen.add(identity)
      const license = licenseOf(component.licenses)
      const hash = hashOf(component.hashes)
      const author = authorOf(component)
      const type =
        typeof component.type === 'string'
          ? (COMPONENT_TYPES[component.type] ?? { type_id: 99, type: component.type })
          : COMPONENT_TYPE_UNKNOWN
      const entry: Rendered = {
        ...(ref ? { ref } : {}),
        name,
        version,
        ...(purl ? { purl } : {}),
        fields: {
          name,
          version,
          type_id: type.type_id,
          type: type.type,
          ...(author ? { author } : {}),
          ...(purl ? { purl } : {}),
          ...(license ? { license } : {}),
          ...(hash ? { hash } : {}),
        },
      }
      rendered.push(entry)
      if (ref && !byRef.has(ref)) byRef.set(ref, entry)
    }
  }
  return rendered.flatMap((entry) => {
    const related = (entry.ref ? (dependsOn.get(entry.ref) ?? []) : [])
      .map((target) => byRef.get(target))
      .filter((target): target is Rendered => target !== undefined)
    if (related.length === 0) return [entry.fields]
    return related.map((target) => ({
      ...entry.fields,
      // OCSF names the related component by PURL; one without a PURL by its name@version.
      related_component: target.purl ?? `${target.name}@${target.version}`,
      relationship_id: RELATIONSHIP_DEPENDS_ON,
      relationship: 'Depends On',
    }))
  })
}

/** CycloneDX author (1.4–1.5) or authors (1.6), else the supplier that published it. */
function authorOf(component: JsonObject): string | undefined {
  if (typeof component.author === 'string' && component.author) return component.author
  const authors = asObjects(component.authors)
    .map((a) => a.name)
    .filter((n): n is string => typeof n === 'string' && n !== '')
  if (authors.length > 0) return authors.join(', ')
  return partyName(component.supplier)
}

function allComponents(document: JsonObject): JsonObject[] {
  const found: JsonObject[] = []
  const stack = [document.components]
  while (stack.length > 0) {
    const list = stack.pop()
    if (!Array.isArray(list)) continue
    for (const item of list)
      if (typeof item === 'object' && item !== null) {
        found.push(item as JsonObject)
        stack.push((item as JsonObject).components)
      }
  }
  return found
}

/** The SBOM's generator: the first tool that is not this action. */
function generatorOf(metadata: JsonObject, ourName: string): JsonObject | undefined {
  const tools = metadata.tools
  // A list (the form before CycloneDX 1.5) or an object whose `components` are the tools.
  const listed = Array.isArray(tools) ? tools : asObject(tools)?.components
  const candidates = Array.isArray(listed) ? (listed as JsonObject[]) : []
  const tool = candidates.find((t) => typeof t.name === 'string' && t.name !== ourName)
  if (!tool) return undefined
  const vendor =
    typeof tool.vendor === 'string'
      ? tool.vendor
      : typeof tool.group === 'string'
        ? tool.group
        : undefined
  return {
    name: tool.name,
    ...(vendor ? { vendor_name: vendor } : {}),
    ...(typeof tool.version === 'string' ? { version: tool.version } : {}),
  }
}

/** SPDX ids and expressions as one string, e.g. "MIT OR Apache-2.0". */
function licenseOf(licenses: unknown): string | undefined {
  if (!Array.isArray(licenses)) return undefined
  const parts = (licenses as JsonObject[]).map((entry) => {
    if (typeof entry.expression === 'string') return entry.expression
    const license = asObject(entry.license) ?? {}
    return typeof license.id === 'string'
      ? license.id
      : typeof license.name === 'string'
        ? license.name
        : undefined
  })
  const known = parts.filter((p): p is string => p !== undefined)
  return known.length > 0 ? known.join(' AND ') : undefined
}

/** The strongest hash by HASH_PREFERENCE (not by algorithm_id: SHA-384 is 9, SHA-512 is 4). */
function hashOf(hashes: unknown): JsonObject | undefined {
  const usable = asObjects(hashes).filter(
    (h) => typeof h.alg === 'string' && typeof h.content === 'string',
  )
  for (const algorithm of HASH_PREFERENCE) {
    const best = usable.find((h) => h.alg === algorithm)
    if (best)
      return {
        algorithm_id: FINGERPRINT_ALGORITHMS[algorithm],
        algorithm,
        value: best.content,
      }
  }
  return undefined
}
