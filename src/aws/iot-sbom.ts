import {
  AssociateSbomWithPackageVersionCommand,
  CreatePackageCommand,
  CreatePackageVersionCommand,
  DisassociateSbomFromPackageVersionCommand,
  GetPackageVersionCommand,
  type GetPackageVersionResponse,
  type IoTClient,
  ListSbomValidationResultsCommand,
  ResourceNotFoundException,
  UpdatePackageVersionCommand,
} from '@aws-sdk/client-iot'
import { AwsError } from '../shared/errors.js'
import type { Logger } from '../shared/logger.js'
import { pollUntil, type Clock } from '../shared/poll.js'
import { awsCall } from './explain-error.js'

export interface PackageVersionRef {
  readonly packageName: string
  readonly versionName: string
}

export interface S3ObjectVersion {
  readonly bucket: string
  readonly key: string
  readonly version: string
}

/** AWS IoT's verdict on an associated SBOM (sbomValidationStatus). */
export type Verdict = 'SUCCEEDED' | 'FAILED' | 'IN_PROGRESS'

/** The SBOM a package version has now, as GetPackageVersion reports it. */
export interface CurrentSbom {
  readonly location: S3ObjectVersion
  readonly status: Verdict
}

export type PackageVersionStatus = 'DRAFT' | 'PUBLISHED' | 'DEPRECATED'

/** What the publish decision needs to know about a package version, read before any upload. */
export interface PackageVersionFacts {
  readonly status: PackageVersionStatus
  readonly sbom: CurrentSbom | undefined
  /** GetPackageVersion's errorReason ("a package version failure during creation or update"). */
  readonly errorReason: string | undefined
}

export interface ValidationFailure {
  readonly fileName: string
  readonly errorCode: string
  readonly errorMessage: string
}

const describe = (ref: PackageVersionRef): string =>
  `package version ${ref.packageName}@${ref.versionName}`

/**
 * Reads the package version. When it does not exist, creates it (as DRAFT) if allowed, otherwise
 * stops with what to do. A concurrent run creating it first is fine.
 */
export async function ensurePackageVersion(
  iot: IoTClient,
  ref: PackageVersionRef,
  creation: { allowed: boolean; description: string; attributes: Record<string, string> },
  log: Logger,
): Promise<PackageVersionFacts> {
  const existing = await readPackageVersion(iot, ref)
  if (existing !== undefined) return existing
  if (!creation.allowed)
    throw new AwsError(`AWS IoT ${describe(ref)} does not exist.`, {
      hint: `Create it first (aws iot create-package --package-name ${ref.packageName}; aws iot create-package-version --package-name ${ref.packageName} --version-name ${ref.versionName}), or set create-package-version: true.`,
    })
  await awsCall(
    { service: 'IoT', operation: 'CreatePackage', target: `package ${ref.packageName}` },
    async () => {
      try {
        await iot.send(new CreatePackageCommand({ packageName: ref.packageName }))
        log.info(`Created IoT software package ${ref.packageName}.`)
      } catch (error) {
        // Already there (made by another run or by hand): fine, the version is what we need.
        if ((error as Error).name !== 'ConflictException') throw error
      }
    },
    iamHint('iot:CreatePackage and iot:GetIndexingConfiguration'),
  )
  await awsCall(
    { service: 'IoT', operation: 'CreatePackageVersion', target: describe(ref) },
    async () => {
      try {
        await iot.send(
          new CreatePackageVersionCommand({
            ...ref,
            description: creation.description,
            attributes: creation.attributes,
          }),
        )
        log.info(`Created ${describe(ref)} (DRAFT).`)
      } catch (error) {
        if ((error as Error).name !== 'ConflictException') throw error
      }
    },
    iamHint('iot:CreatePackageVersion and iot:GetIndexingConfiguration'),
  )
  // Created just now, by this run or a concurrent one: the latter may have attached its SBOM.
  const created = await readPackageVersion(iot, ref)
  if (created === undefined)
    throw new AwsError(`AWS IoT ${describe(ref)} was created but cannot be read back.`, {
      hint: 'It was deleted right after creation (by another run or by hand): re-run the job.',
    })
  return created
}

/** The version's status, SBOM and error reason; undefined when it does not exist. */
export async function readPackageVersion(
  iot: IoTClient,
  ref: PackageVersionRef,
): Promise<PackageVersionFacts | undefined> {
  const answer = await getPackageVersion(iot, ref)
  if (answer === undefined) return undefined
  return {
    status: (answer.status ?? 'DRAFT') as PackageVersionStatus,
    sbom: currentSbomOf(answer),
    errorReason: answer.errorReason || undefined,
  }
}

function currentSbomOf(version: GetPackageVersionResponse): CurrentSbom | undefined {
  const location = version.sbom?.s3Location
  if (!location?.bucket || !location.key) return undefined
  return {
    location: { bucket: location.bucket, key: location.key, version: location.version ?? '' },
    status: (version.sbomValidationStatus ?? 'IN_PROGRESS') as Verdict,
  }
}

export function sameObjectVersion(a: S3ObjectVersion, b: S3ObjectVersion): boolean {
  return a.bucket === b.bucket && a.key === b.key && a.version === b.version
}

export function describeObjectVersion(location: S3ObjectVersion): string {
  return `s3://${location.bucket}/${location.key} (version ${location.version || 'none'})`
}

/** replace-existing-sbom: true — detach the SBOM the version has, so another can be attached. */
export async function disassociateSbom(
  iot: IoTClient,
  ref: PackageVersionRef,
  versionStatus: PackageVersionStatus,
): Promise<void> {
  await awsCall(
    { service: 'IoT', operation: 'DisassociateSbomFromPackageVersion', target: describe(ref) },
    // No client token: detaching twice detaches once.
    () => iot.send(new DisassociateSbomFromPackageVersionCommand({ ...ref })),
    {
      ...iamHint('iot:DisassociateSbomFromPackageVersion'),
      ConflictException: stateHint(ref, versionStatus),
    },
  )
}

/** AWS's ConflictException means "conflicts with the current state of the resource". */
function stateHint(ref: PackageVersionRef, versionStatus: PackageVersionStatus): string {
  return versionStatus === 'DRAFT'
    ? `AWS says the request conflicts with the current state of ${describe(ref)}: another run may be changing it; re-run the job.`
    : `${describe(ref)} is ${versionStatus}. AWS does not document whether a ${versionStatus} version takes a new SBOM; here it did not. Attach SBOMs while the version is DRAFT (create-package-version and publish-package-version in one run), or publish under a new version-name.`
}

async function getPackageVersion(
  iot: IoTClient,
  ref: PackageVersionRef,
): Promise<GetPackageVersionResponse | undefined> {
  return await awsCall(
    { service: 'IoT', operation: 'GetPackageVersion', target: describe(ref) },
    async () => {
      try {
        return await iot.send(new GetPackageVersionCommand(ref))
      } catch (error) {
        if (error instanceof ResourceNotFoundException) return undefined
        throw error
      }
    },
    iamHint('iot:GetPackageVersion'),
  )
}

/**
 * Attaches the exact S3 object version. The token makes a retried call a replay at AWS: the same
 * token with the same parameters associates once; with other parameters it is a conflict.
 */
export async function associateSbom(
  iot: IoTClient,
  ref: PackageVersionRef,
  location: S3ObjectVersion,
  clientToken: string,
  versionStatus: PackageVersionStatus,
): Promise<Verdict> {
  const answer = await awsCall(
    { service: 'IoT', operation: 'AssociateSbomWithPackageVersion', target: describe(ref) },
    () =>
      iot.send(
        new AssociateSbomWithPackageVersionCommand({
          ...ref,
          sbom: { s3Location: { ...location } },
          clientToken,
        }),
      ),
    {
      ...iamHint(
        'iot:AssociateSbomWithPackageVersion (and s3:GetObjectVersion on the SBOM object, plus kms:Decrypt for SSE-KMS)',
      ),
      ConflictException:
        versionStatus === 'DRAFT'
          ? `AWS says the request conflicts with the current state of ${describe(ref)}: the client token ${clientToken} was already used for a different request (AWS keeps a token with its first request), or the version changed meanwhile. Leave client-token empty to let the action derive a token per association, or give each association its own (at most 64 characters).`
          : stateHint(ref, versionStatus),
      ValidationException: `AWS refused the association. If the message is about the S3 object, check that the caller can read s3://${location.bucket}/${location.key} (s3:GetObjectVersion, kms:Decrypt). If it is about the version's state (e.g. already PUBLISHED), attach SBOMs before publishing.`,
      ResourceNotFoundException: `Create the package version first, or set create-package-version: true.`,
    },
  )
  return (answer.sbomValidationStatus ?? 'IN_PROGRESS') as Verdict
}

export interface WaitOptions {
  readonly timeoutSeconds: number
  readonly clock: Clock
  readonly initialDelayMs?: number
  readonly maxDelayMs?: number
}

export interface WaitOutcome {
  readonly status: Verdict
  readonly timedOut: boolean
  readonly polls: number
  /** GetPackageVersion's errorReason on the last poll, when AWS gave one. */
  readonly errorReason: string | undefined
}

/** Polls GetPackageVersion until the validation is final or the deadline passes (no SDK waiter exists). */
export async function waitForValidation(
  iot: IoTClient,
  ref: PackageVersionRef,
  options: WaitOptions,
  log: Logger,
): Promise<WaitOutcome> {
  const result = await pollUntil(
    async () => {
      const answer = await getPackageVersion(iot, ref)
      if (answer === undefined)
        throw new AwsError(
          `AWS IoT ${describe(ref)} disappeared while its SBOM was being validated.`,
          {
            hint: 'It was deleted during the run: create it again and re-run the job.',
          },
        )
      log.debug(`Validation status of ${describe(ref)}: ${answer.sbomValidationStatus ?? 'none'}`)
      return answer
    },
    (answer) =>
      answer.sbomValidationStatus === 'SUCCEEDED' || answer.sbomValidationStatus === 'FAILED',
    {
      timeoutMs: options.timeoutSeconds * 1000,
      initialDelayMs: options.initialDelayMs ?? 2_000,
      maxDelayMs: options.maxDelayMs ?? 15_000,
      clock: options.clock,
    },
  )
  const status = (result.value.sbomValidationStatus ?? 'IN_PROGRESS') as Verdict
  return {
    status,
    timedOut: result.timedOut,
    polls: result.attempts,
    errorReason: result.value.errorReason || undefined,
  }
}

/** One file's verdict, as ListSbomValidationResults reports it. */
export interface FileResult {
  readonly fileName: string
  readonly result: 'SUCCEEDED' | 'FAILED'
  readonly errorCode: string | undefined
  readonly errorMessage: string | undefined
}

/** Every per-file result AWS recorded (both verdicts), across all pages. */
export async function listValidationResults(
  iot: IoTClient,
  ref: PackageVersionRef,
): Promise<FileResult[]> {
  const results: FileResult[] = []
  let nextToken: string | undefined
  do {
    const page = await awsCall(
      { service: 'IoT', operation: 'ListSbomValidationResults', target: describe(ref) },
      () => iot.send(new ListSbomValidationResultsCommand({ ...ref, maxResults: 50, nextToken })),
      iamHint('iot:ListSbomValidationResults'),
    )
    for (const summary of page.validationResultSummaries ?? [])
      results.push({
        fileName: summary.fileName ?? '(whole SBOM)',
        result: summary.validationResult === 'SUCCEEDED' ? 'SUCCEEDED' : 'FAILED',
        errorCode: summary.errorCode,
        errorMessage: summary.errorMessage,
      })
    nextToken = page.nextToken
  } while (nextToken)
  return results
}

/** The failed ones, in the shape annotations and the summary use. */
export function failuresOf(results: readonly FileResult[]): ValidationFailure[] {
  return results
    .filter((result) => result.result === 'FAILED')
    .map((result) => ({
      fileName: result.fileName,
      errorCode: result.errorCode ?? 'UNKNOWN',
      errorMessage: result.errorMessage ?? 'no message',
    }))
}

/** DRAFT → PUBLISHED, after AWS accepted the SBOM (the caller checks the status first). */
export async function publishPackageVersion(iot: IoTClient, ref: PackageVersionRef): Promise<void> {
  await awsCall(
    { service: 'IoT', operation: 'UpdatePackageVersion', target: describe(ref) },
    () => iot.send(new UpdatePackageVersionCommand({ ...ref, action: 'PUBLISH' })),
    iamHint('iot:UpdatePackageVersion and iot:GetIndexingConfiguration'),
  )
}

function iamHint(permission: string): Record<string, string> {
  const hint = `The role lacks ${permission}: see the minimal IAM policy in the README.`
  return { AccessDeniedException: hint, AccessDenied: hint }
}
