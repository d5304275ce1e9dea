// generator: inspector — Amazon Inspector exports the SBOMs of the resources it scanned (container
// images, Lambda functions…) into S3; the action reads them back for normalization.
import {
  CancelSbomExportCommand,
  CreateSbomExportCommand,
  GetSbomExportCommand,
  type GetSbomExportResponse,
  type Inspector2Client,
  type ResourceFilterCriteria,
} from '@aws-sdk/client-inspector2'
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3'
import { AwsError } from '../shared/errors.js'
import type { Logger } from '../shared/logger.js'
import { pollUntil, type Clock } from '../shared/poll.js'
import { awsCall } from '../aws/explain-error.js'
import { createAwsClients } from '../aws/clients.js'
import type { SbomSource } from './collect-sboms.js'

/** generator: inspector, as the inputs give it. */
export interface InspectorSource {
  /** Inspector's resourceFilterCriteria: field → [{comparison, value[, key]}]. */
  readonly filter: Readonly<
    Record<string, readonly { readonly comparison: string; readonly value: string }[]>
  >
  readonly reportFormat: 'CYCLONEDX_1_4' | 'SPDX_2_3'
  readonly kmsKeyArn: string
  readonly bucket: string
  /** Base prefix; a part unique to the run is added below it. */
  readonly keyPrefix: string
  readonly timeoutSeconds: number
  readonly region: string
}

/**
 * The Inspector source: exports under a prefix of this run's own
 * (`<prefix><package>/<commit>/<run>-<attempt>/`), so only this export's files are read back.
 */
export async function readInspectorSboms(
  settings: InspectorSource,
  run: {
    readonly packageName: string
    readonly commitSha: string
    /** `<run id>-<attempt>` on a runner; unique per call elsewhere. */
    readonly runLabel: string
    readonly maxBytes: number
    readonly requestTimeoutSeconds: number
  },
  env: NodeJS.ProcessEnv,
  clock: Clock,
  log: Logger,
): Promise<SbomSource[]> {
  const { inspector, s3 } = createAwsClients({
    region: settings.region,
    env,
    idleTimeoutSeconds: run.requestTimeoutSeconds,
  })
  const exported = await exportInspectorSboms(
    { inspector, s3 },
    {
      // The comparison names are AWS's to check (it answers with a clear ValidationException);
      // the SDK's enum type is narrower than the JSON input.
      filter: settings.filter as ResourceFilterCriteria,
      reportFormat: settings.reportFormat,
      kmsKeyArn: settings.kmsKeyArn,
      bucket: settings.bucket,
      timeoutSeconds: settings.timeoutSeconds,
      keyPrefix: `${settings.keyPrefix}${run.packageName}/${run.commitSha}/${run.runLabel}/`,
      maxBytes: run.maxBytes,
      clock,
    },
    log,
  )
  return exported.map((file) => ({ displayPath: file.key, content: file.content }))
}

export interface InspectorExportRequest {
  readonly filter: ResourceFilterCriteria
  readonly reportFormat: 'CYCLONEDX_1_4' | 'SPDX_2_3'
  readonly kmsKeyArn: string
  readonly bucket: string
  /** Unique to this run, so only this export's files are read back. */
  readonly keyPrefix: string
  readonly timeoutSeconds: number
  /** Exported files above it are refused without being downloaded. */
  readonly maxBytes: number
  readonly clock: Clock
}

export interface ExportedSbom {
  readonly key: string
  readonly content: Buffer
}

const FAILURE_HINTS: Record<string, string> = {
  NO_FINDINGS_FOUND:
    'No resource Inspector scans matched the filter: check the repository, tag or function name, and that Inspector scans it (Inspector console → Resources coverage).',
  INVALID_PERMISSIONS:
    'Inspector could not write to the bucket or use the key: the bucket policy must let inspector2.amazonaws.com put objects, and the KMS key policy must let it use the key (see the README).',
  BUCKET_NOT_FOUND:
    'The destination bucket does not exist: check inspector-s3-bucket (or s3-bucket).',
  INCOMPATIBLE_BUCKET_REGION:
    'The destination bucket must be in the region the action runs Inspector in (aws-region).',
  MALFORMED_KMS_KEY: 'inspector-kms-key-arn is not a usable KMS key ARN for this region.',
}

/** CreateSbomExport → wait (cancel at the deadline) → the exported JSON files. */
export async function exportInspectorSboms(
  clients: { readonly inspector: Inspector2Client; readonly s3: S3Client },
  request: InspectorExportRequest,
  log: Logger,
): Promise<ExportedSbom[]> {
  const { inspector } = clients
  const destination = `s3://${request.bucket}/${request.keyPrefix}`
  const created = await awsCall(
    { service: 'Inspector', operation: 'CreateSbomExport', target: destination },
    () =>
      inspector.send(
        new CreateSbomExportCommand({
          reportFormat: request.reportFormat,
          resourceFilterCriteria: request.filter,
          s3Destination: {
            bucketName: request.bucket,
            keyPrefix: request.keyPrefix,
            kmsKeyArn: request.kmsKeyArn,
          },
        }),
      ),
    { AccessDeniedException: 'The role lacks inspector2:CreateSbomExport (see the README).' },
  )
  const reportId = created.reportId ?? ''
  log.info(
    `Inspector SBOM export ${reportId} started (${request.reportFormat}) into ${destination}.`,
  )

  const outcome = await pollUntil(
    () =>
      awsCall(
        { service: 'Inspector', operation: 'GetSbomExport', target: `report ${reportId}` },
        () => inspector.send(new GetSbomExportCommand({ reportId })),
      ),
    (answer: GetSbomExportResponse) => answer.status !== 'IN_PROGRESS',
    {
      timeoutMs: request.timeoutSeconds * 1000,
      initialDelayMs: 2_000,
      maxDelayMs: 15_000,
      clock: request.clock,
    },
  )
  const status = outcome.value.status
  if (outcome.timedOut) {
    await awsCall(
      { service: 'Inspector', operation: 'CancelSbomExport', target: `report ${reportId}` },
      () => inspector.send(new CancelSbomExportCommand({ reportId })),
    )
    throw new AwsError(
      `Inspector SBOM export ${reportId} was still IN_PROGRESS after ${request.timeoutSeconds} s; it was cancelled.`,
      { hint: 'Raise inspector-timeout-seconds, or narrow the resource filter.' },
    )
  }
  if (status !== 'SUCCEEDED') {
    const code = outcome.value.errorCode
    throw new AwsError(
      `Inspector SBOM export ${reportId} ended ${status}${code ? ` (${code})` : ''}: ${outcome.value.errorMessage ?? 'no message'}.`,
      {
        hint:
          (code && FAILURE_HINTS[code]) || 'Check the export in the Inspector console, then retry.',
      },
    )
  }
  const files = await readExportedFiles(clients.s3, request)
  if (files.length === 0)
    throw new AwsError(
      `Inspector SBOM export ${reportId} succeeded but wrote no SBOM under ${destination}.`,
      {
        hint: FAILURE_HINTS.NO_FINDINGS_FOUND,
      },
    )
  log.info(`Inspector exported ${files.length} SBOM file(s): ${files.map((f) => f.key).join(', ')}`)
  return files
}

async function readExportedFiles(
  s3: S3Client,
  request: InspectorExportRequest,
): Promise<ExportedSbom[]> {
  const keys: { key: string; size: number }[] = []
  let token: string | undefined
  do {
    const page = await awsCall(
      {
        service: 'S3',
        operation: 'ListObjectsV2',
        target: `s3://${request.bucket}/${request.keyPrefix}`,
      },
      () =>
        s3.send(
          new ListObjectsV2Command({
            Bucket: request.bucket,
            Prefix: request.keyPrefix,
            ContinuationToken: token,
          }),
        ),
      {
        AccessDenied: `The role may not list s3://${request.bucket}/${request.keyPrefix}: allow s3:ListBucket.`,
      },
    )
    for (const object of page.Contents ?? [])
      if (object.Key?.endsWith('.json')) keys.push({ key: object.Key, size: object.Size ?? 0 })
    token = page.NextContinuationToken
  } while (token)
  const files: ExportedSbom[] = []
  for (const { key, size } of keys.sort((a, b) => a.key.localeCompare(b.key))) {
    if (size > request.maxBytes)
      throw new AwsError(
        `Inspector exported s3://${request.bucket}/${key} of ${size} bytes, over max-sbom-size-mb.`,
        {
          hint: 'Raise max-sbom-size-mb, or narrow the resource filter.',
        },
      )
    const object = await awsCall(
      { service: 'S3', operation: 'GetObject', target: `s3://${request.bucket}/${key}` },
      () => s3.send(new GetObjectCommand({ Bucket: request.bucket, Key: key })),
      {
        AccessDenied: `The role may not read s3://${request.bucket}/${key}: allow s3:GetObject (and kms:Decrypt on the export key).`,
      },
    )
    files.push({ key, content: Buffer.from((await object.Body?.transformToByteArray()) ?? []) })
  }
  return files
}
