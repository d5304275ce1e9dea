// Amazon Inspector's SBOM export (restJson1: POST /sbomexport/create|get|cancel) for the loopback
// emulator. A finished export writes one JSON file per matching resource into the emulator's S3,
// under the requested key prefix. The layout below the prefix is not documented by AWS; the
// emulator uses `<prefix>/SBOM/<account>/<resource id>.json`, and the action reads every JSON
// file below the prefix whatever the layout.
import { createHash, randomUUID } from 'node:crypto'
import type { EmulatorState } from './aws-emulator.ts'
import { EmulatedError, jsonAnswer, type Answer } from './wire.ts'

export const EMULATED_ACCOUNT = '123456789012'

/** A resource Inspector has scanned, with the SBOM it would export for it. */
export interface InspectorResource {
  resourceId: string
  ecrRepositoryName?: string
  ecrImageTags?: string[]
  lambdaFunctionName?: string
  /** The CycloneDX 1.4 document exported for CYCLONEDX_1_4. */
  cyclonedx: unknown
  /** The SPDX 2.3 document exported for SPDX_2_3 (a minimal one when absent). */
  spdx?: unknown
}

export interface InspectorScript {
  resources: InspectorResource[]
  /** GetSbomExport calls that still say IN_PROGRESS (default 1). */
  afterPolls?: number
  /** NEVER: stays IN_PROGRESS until cancelled. */
  outcome?: 'SUCCEEDED' | 'FAILED' | 'NEVER'
}

export interface SbomExportState {
  reportId: string
  format: string
  filter: Record<string, { comparison?: string; value?: string }[]>
  destination: { bucketName: string; keyPrefix?: string; kmsKeyArn: string }
  status: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED'
  errorCode?: string
  errorMessage?: string
  pollsLeft: number
  outcome: 'SUCCEEDED' | 'FAILED' | 'NEVER'
  /** Keys written into the bucket when it finished. */
  written: string[]
}

export function inspectorOperation(method: string, url: URL): string {
  const names: Record<string, string> = {
    '/sbomexport/create': 'CreateSbomExport',
    '/sbomexport/get': 'GetSbomExport',
    '/sbomexport/cancel': 'CancelSbomExport',
  }
  return method === 'POST'
    ? (names[url.pathname] ?? `POST ${url.pathname}`)
    : `${method} ${url.pathname}`
}

export function handleInspector(
  state: EmulatorState,
  script: InspectorScript,
  operation: string,
  raw: Buffer,
): Answer {
  let input: Record<string, unknown>
  try {
    input = JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>
  } catch {
    throw new EmulatedError(400, 'ValidationException', 'The request body is not valid JSON.')
  }
  switch (operation) {
    case 'CreateSbomExport':
      return jsonAnswer({ reportId: createExport(state, script, input) })
    case 'GetSbomExport': {
      const report = findExport(state, input.reportId)
      advance(state, script, report)
      return jsonAnswer({
        reportId: report.reportId,
        format: report.format,
        status: report.status,
        errorCode: report.errorCode,
        errorMessage: report.errorMessage,
        s3Destination: report.destination,
        filterCriteria: report.filter,
      })
    }
    case 'CancelSbomExport': {
      const report = findExport(state, input.reportId)
      if (report.status === 'IN_PROGRESS') report.status = 'CANCELLED'
      return jsonAnswer({ reportId: report.reportId })
    }
    default:
      throw new EmulatedError(404, 'ResourceNotFoundException', `No such operation: ${operation}`)
  }
}

function createExport(
  state: EmulatorState,
  script: InspectorScript,
  input: Record<string, unknown>,
): string {
  const format = input.reportFormat
  if (format !== 'CYCLONEDX_1_4' && format !== 'SPDX_2_3')
    throw new EmulatedError(
      400,
      'ValidationException',
      'reportFormat must be CYCLONEDX_1_4 or SPDX_2_3.',
    )
  const destination = input.s3Destination as SbomExportState['destination'] | undefined
  if (!destination?.bucketName || !destination.kmsKeyArn)
    throw new EmulatedError(
      400,
      'ValidationException',
      's3Destination needs bucketName and kmsKeyArn.',
    )
  const reportId = randomUUID()
  state.sbomExports.set(reportId, {
    reportId,
    format,
    filter: (input.resourceFilterCriteria ?? {}) as SbomExportState['filter'],
    destination,
    status: 'IN_PROGRESS',
    pollsLeft: script.afterPolls ?? 1,
    outcome: script.outcome ?? 'SUCCEEDED',
    written: [],
  })
  return reportId
}

function findExport(state: EmulatorState, reportId: unknown): SbomExportState {
  const report = typeof reportId === 'string' ? state.sbomExports.get(reportId) : undefined
  if (!report)
    throw new EmulatedError(
      404,
      'ResourceNotFoundException',
      `Report ${String(reportId)} not found.`,
    )
  return report
}

/** One GetSbomExport poll: count down, then finish as scripted, writing the files. */
function advance(state: EmulatorState, script: InspectorScript, report: SbomExportState): void {
  if (report.status !== 'IN_PROGRESS' || report.outcome === 'NEVER') return
  if (report.pollsLeft > 0) {
    report.pollsLeft -= 1
    return
  }
  const bucket = state.buckets.get(report.destination.bucketName)
  if (!bucket) {
    report.status = 'FAILED'
    report.errorCode = 'BUCKET_NOT_FOUND'
    report.errorMessage = `Bucket ${report.destination.bucketName} does not exist.`
    return
  }
  if (report.outcome === 'FAILED') {
    report.status = 'FAILED'
    report.errorCode = 'INTERNAL_ERROR'
    report.errorMessage = 'The export failed (scripted).'
    return
  }
  const matching = script.resources.filter((resource) => matches(resource, report.filter))
  if (matching.length === 0) {
    report.status = 'FAILED'
    report.errorCode = 'NO_FINDINGS_FOUND'
    report.errorMessage = 'No resources matched the filter criteria.'
    return
  }
  const prefix = (report.destination.keyPrefix ?? '').replace(/\/?$/, '/')
  for (const resource of matching) {
    const key = `${prefix}SBOM/${EMULATED_ACCOUNT}/${resource.resourceId.replace(/[^A-Za-z0-9._-]/g, '_')}.json`
    const document =
      report.format === 'CYCLONEDX_1_4'
        ? resource.cyclonedx
        : (resource.spdx ?? minimalSpdx(resource))
    const body = Buffer.from(JSON.stringify(document))
    const versions = bucket.objects.get(key) ?? []
    const sha256 = createHash('sha256').update(body).digest('base64')
    versions.push({
      key,
      versionId: bucket.versioning === 'Enabled' ? randomUUID().replace(/-/g, '') : 'null',
      body,
      sha256,
      checksum: { algorithm: 'SHA256', value: sha256 },
      upload: { awsChunked: false, checksumIn: 'none' },
      etag: `"${createHash('md5').update(body).digest('hex')}"`,
      contentType: 'application/json',
      metadata: {},
      sse: 'aws:kms',
      kmsKeyId: report.destination.kmsKeyArn,
      lastModified: new Date(Math.floor(Date.now() / 1000) * 1000),
    })
    bucket.objects.set(key, versions)
    report.written.push(key)
  }
  report.status = 'SUCCEEDED'
}

/** The filters Inspector documents for these fields, with EQUALS comparisons. */
function matches(resource: InspectorResource, filter: SbomExportState['filter']): boolean {
  const equals = (name: string, actual: string[]): boolean => {
    const wanted = filter[name]
    if (!wanted || wanted.length === 0) return true
    return wanted.some(
      (f) => (f.comparison ?? 'EQUALS') === 'EQUALS' && actual.includes(f.value ?? ''),
    )
  }
  return (
    equals('resourceId', [resource.resourceId]) &&
    equals('ecrRepositoryName', resource.ecrRepositoryName ? [resource.ecrRepositoryName] : []) &&
    equals('ecrImageTags', resource.ecrImageTags ?? []) &&
    equals('lambdaFunctionName', resource.lambdaFunctionName ? [resource.lambdaFunctionName] : [])
  )
}

function minimalSpdx(resource: InspectorResource): unknown {
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: resource.resourceId,
    documentNamespace: `https://inspector.example/${encodeURIComponent(resource.resourceId)}`,
    creationInfo: {
      creators: ['Tool: Amazon Inspector (emulated)'],
      created: '2026-11-01T10:00:00Z',
    },
    packages: [],
  }
}
