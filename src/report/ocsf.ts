// OCSF "Software Inventory Info" (class 5020, Discovery) describing the published SBOM, for
// security data lakes such as Amazon Security Lake custom sources. Field rules follow OCSF 1.7.0
// (see __tests__/report/ocsf-software-inventory-1.7.0.schema.json for what we derived from it).
import { asObject, type JsonObject } from '../shared/json.js'

export const OCSF_VERSION = '1.7.0'
const CLASS_UID = 5020
const CATEGORY_UID = 5
const ACTIVITY_COLLECT = 2
const SEVERITY_INFORMATIONAL = 1
const SBOM_TYPE_CYCLONEDX = 2
const DEVICE_VIRTUAL = 6

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

// Node's os.type() → OCSF os.type_id.
const OS_TYPES: Record<string, number> = { Linux: 200, Windows_NT: 100, Darwin: 300 }

export interface OcsfEventInput {
  /** The normalized CycloneDX document(s) of the artifact. */
  readonly documents: readonly JsonObject[]
  readonly packageName: string
  readonly versionName: string
  readonly action: { readonly name: string; readonly vendor: string; readonly version: string }
  /** Event time, ms since the epoch. */
  readonly time: number
  readonly runner: {
    readonly hostname: string
    readonly osType: string
    readonly osRelease: string
  }
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
    device: {
      type_id: DEVICE_VIRTUAL,
      type: 'Virtual',
      hostname: input.runner.hostname,
      os: {
        name: input.runner.osType,
        type_id: OS_TYPES[input.runner.osType] ?? 99,
        version: input.runner.osRelease,
      },
    },
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
  }
}

function softwareComponents(documents: readonly JsonObject[]): JsonObject[] {
  const seen = new Set<string>()
  const components: JsonObject[] = []
  for (const document of documents)
    for (const component of allComponents(document)) {
      const name = `${typeof component.group === 'string' && component.group ? `${component.group}/` : ''}${String(component.name ?? '')}`
      // OCSF requires a version; CycloneDX does not.
      const version =
        typeof component.version === 'string' && component.version ? component.version : 'unknown'
      const purl = typeof component.purl === 'string' ? component.purl : undefined
      const identity = purl ?? `${name}@${version}`
      if (seen.has(identity)) continue
      seen.add(identity)
      const license = licenseOf(component.licenses)
      const hash = hashOf(component.hashes)
      components.push({
        name,
        version,
        type_id:
          component.type === 'library'
            ? 2
            : component.type === 'framework'
              ? 1
              : component.type === 'operating-system'
                ? 3
                : 99,
        ...(purl ? { purl } : {}),
        ...(license ? { license } : {}),
        ...(hash ? { hash } : {}),
      })
    }
  return components
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

/** The strongest hash OCSF has an algorithm id for. */
function hashOf(hashes: unknown): JsonObject | undefined {
  if (!Array.isArray(hashes)) return undefined
  const usable = (hashes as JsonObject[])
    .filter(
      (h) =>
        typeof h.alg === 'string' &&
        typeof h.content === 'string' &&
        FINGERPRINT_ALGORITHMS[h.alg] !== undefined,
    )
    .sort(
      (a, b) =>
        (FINGERPRINT_ALGORITHMS[b.alg as string] ?? 0) -
        (FINGERPRINT_ALGORITHMS[a.alg as string] ?? 0),
    )
  const best = usable[0]
  return best
    ? {
        algorithm_id: FINGERPRINT_ALGORITHMS[best.alg as string],
        algorithm: best.alg,
        value: best.content,
      }
    : undefined
}
