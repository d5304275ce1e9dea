// The OCSF Software Inventory Info event: the file it is written to, and its S3 prefix.
import { isAbsolute, matchesGlob, relative } from 'node:path'
import { quoted } from '../context/quoted.js'
import { DEVICE_TYPES } from '../report/ocsf.js'
import { keyPrefixInput, type Inputs } from './inputs.js'

export interface OcsfSettings {
  readonly ocsfOutput: string | undefined
  readonly ocsfKeyPrefix: string | undefined
  /** OCSF device.type_id of the inventoried product (ocsf-device-type; 7, IOT, by default). */
  readonly ocsfDeviceTypeId: number
}

/** ocsf-output, ocsf-s3-key-prefix, ocsf-device-type; `sbomPatterns` are the inputs the event must not replace. */
export function readOcsf(
  inputs: Inputs,
  sbomPatterns: readonly string[],
  workspace: string,
): OcsfSettings {
  const ocsfOutput = readOcsfOutput(inputs, sbomPatterns, workspace)
  const ocsfKeyPrefix = keyPrefixInput(inputs, 'ocsf-s3-key-prefix', undefined)
  if (inputs.get('ocsf-s3-key-prefix') && !inputs.get('ocsf-output'))
    inputs.fail(
      'ocsf-s3-key-prefix uploads the OCSF event that ocsf-output writes: set ocsf-output too.',
    )
  return { ocsfOutput, ocsfKeyPrefix, ocsfDeviceTypeId: readDeviceType(inputs) }
}

/** An OCSF device type, by caption (`IOT`, `Server`, …, any case) or by type_id. */
function readDeviceType(inputs: Inputs): number {
  const value = inputs.get('ocsf-device-type') || 'IOT'
  const byId = /^\d+$/.test(value) && DEVICE_TYPES[Number(value)] !== undefined
  const id = byId
    ? Number(value)
    : Object.entries(DEVICE_TYPES).find(
        ([, caption]) => caption.toLowerCase() === value.toLowerCase(),
      )?.[0]
  if (id !== undefined) return Number(id)
  inputs.fail(
    `ocsf-device-type ${quoted(value)} is not an OCSF device type: use one of ${Object.values(DEVICE_TYPES).join(', ')} (or its type_id).`,
  )
  return 7
}

/**
 * ocsf-output's shape (the file system is checked right before writing): a file inside the
 * workspace, relative to it, that is not one of the SBOM inputs.
 */
function readOcsfOutput(
  inputs: Inputs,
  sbomPatterns: readonly string[],
  workspace: string,
): string | undefined {
  const value = inputs.get('ocsf-output')
  if (!value) return undefined
  const hint =
    'give a file path relative to the workspace, e.g. reports/sbom.ocsf.json (copy it elsewhere in a later step if needed).'
  if (isAbsolute(value))
    return inputs.fail(`ocsf-output ${quoted(value)} is an absolute path: ${hint}`)
  const segments = value.split('/')
  if (segments.includes('..'))
    return inputs.fail(`ocsf-output ${quoted(value)} contains "..": ${hint}`)
  const path = withoutEmptySegments(value)
  if (path === '' || value.endsWith('/') || value.endsWith('/.'))
    return inputs.fail(`ocsf-output ${quoted(value)} names a directory, not a file: ${hint}`)
  const input = sbomPatterns.find((pattern) => {
    const normalized = withoutEmptySegments(
      isAbsolute(pattern) ? relative(workspace, pattern) : pattern,
    )
    return normalized === path || matchesGlob(path, normalized)
  })
  if (input !== undefined)
    return inputs.fail(
      `ocsf-output ${quoted(value)} is also named by sbom (${quoted(input)}): the event would overwrite the SBOM; pick another file.`,
    )
  return path
}

/** `./a//b` → `a/b` */
function withoutEmptySegments(path: string): string {
  return path
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .join('/')
}
