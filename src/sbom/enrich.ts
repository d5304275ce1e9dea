import { createHash } from 'node:crypto'
import { ComponentType } from '@cyclonedx/cyclonedx-library/Enums'
import * as Models from '@cyclonedx/cyclonedx-library/Models'

export interface Enrichment {
  readonly packageName: string
  readonly versionName: string
  readonly commitSha: string
  readonly repository: string
  readonly commitTime: Date | undefined
  readonly tool: { readonly name: string; readonly version: string; readonly vendor: string }
}

/** bom-ref prefix of the IoT package component this action adds. */
export const PACKAGE_REF_PREFIX = 'iot-package:'

// Namespace of our derived serial numbers (UUID v5). Fixed forever: changing it changes every
// derived serialNumber, and with it every artifact's bytes.
const SERIAL_NAMESPACE = '6f1d3c2a-8b4e-5a7f-9c0d-2e4b6a8c0f13'
const SERIAL_NUMBER = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * Makes the BOM say what it is for (the IoT package@version), who touched it (this action), and
 * gives it a stable identity. Nothing random and nothing from the clock: same input + same commit
 * → same bytes. Returns notes on what it decided.
 */
export function enrichBom(bom: Models.Bom, enrichment: Enrichment): string[] {
  const notes: string[] = []
  const { packageName, versionName } = enrichment
  const existing = bom.metadata.component
  if (existing === undefined) {
    bom.metadata.component = new Models.Component(ComponentType.Application, packageName, {
      version: versionName,
      bomRef: `${PACKAGE_REF_PREFIX}${packageName}@${versionName}`,
    })
    notes.push(`metadata.component set to the IoT package ${packageName}@${versionName}.`)
  } else if (existing.name !== packageName || existing.version !== versionName) {
    notes.push(
      `metadata.component kept as the input had it (${existing.name}@${existing.version ?? '?'}); it is associated with IoT package ${packageName}@${versionName}.`,
    )
  }

  addTool(bom.metadata.tools, enrichment.tool)

  if (bom.serialNumber === undefined || !SERIAL_NUMBER.test(bom.serialNumber)) {
    const derived = `urn:uuid:${uuidV5(SERIAL_NAMESPACE, [enrichment.repository, enrichment.commitSha, packageName, versionName].join('\n'))}`
    if (bom.serialNumber !== undefined)
      notes.push(
        `serialNumber ${JSON.stringify(bom.serialNumber)} is not a urn:uuid; replaced by ${derived}.`,
      )
    bom.serialNumber = derived
  }
  if (bom.metadata.timestamp === undefined && enrichment.commitTime !== undefined)
    bom.metadata.timestamp = enrichment.commitTime
  return notes
}

/** Same shape as the input's tools: the ≤1.4 list when it has one, else 1.5+ tool components. */
function addTool(tools: Models.Tools, tool: Enrichment['tool']): void {
  if (tools.tools.size > 0) {
    tools.tools.add(
      new Models.Tool({ vendor: tool.vendor, name: tool.name, version: tool.version }),
    )
    return
  }
  tools.components.add(
    new Models.Component(ComponentType.Application, tool.name, {
      group: tool.vendor,
      version: tool.version,
    }),
  )
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
