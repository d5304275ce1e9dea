// A loopback AWS emulator for tests and `npm run demo`: one HTTP server that speaks the wire
// formats the AWS SDK for JavaScript v3 uses for S3 (path-style, XML, versioning, checksums,
// aws-chunked bodies, XML errors) and the AWS IoT software package catalog (restJson1). The real
// SDK talks to it, so signing, serialization, retries and error parsing run for real.
// Requests are routed by the service in the SigV4 credential scope; signatures are not checked.
// Node built-ins only and erasable TypeScript only: Node 24 runs this file directly.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  ACCOUNT,
  handleIot,
  iotOperation,
  iotResourceArn,
  newPackageState,
  newVersionState,
  REGION,
} from './iot.ts'
import { handleS3, s3ErrorBody, s3Operation, splitPath } from './s3.ts'
import {
  handleInspector,
  inspectorOperation,
  type InspectorScript,
  type SbomExportState,
} from './inspector.ts'
import { EmulatedError, readBody, type Answer, type ChecksumAlgorithm } from './wire.ts'

export { decodeAwsChunked, readZip } from './wire.ts'
export { validateSbomObject } from './iot.ts'

export interface ValidationScript {
  /** What AWS finally says once the uploaded files pass the emulator's own checks. */
  outcome: 'SUCCEEDED' | 'FAILED' | 'NEVER'
  /**
   * GetPackageVersion polls after an association that still answer IN_PROGRESS (default 1):
   * with 1, the first poll says IN_PROGRESS and the second the outcome.
   */
  afterPolls?: number
  /** Per-file results added when the outcome is FAILED. */
  failures?: {
    fileName?: string
    errorCode: 'INCOMPATIBLE_FORMAT' | 'FILE_SIZE_LIMIT_EXCEEDED'
    errorMessage: string
  }[]
  /**
   * The version's errorReason (GetPackageVersion) once this validation ends FAILED, whether the
   * script or the emulator's own checks failed it.
   */
  errorReason?: string
}

export interface FaultScript {
  service: Service
  /** SDK operation name, e.g. 'PutObject'; omitted = any operation of the service. */
  operation?: string
  /**
   * throttle: IoT 400 ThrottlingException / S3 503 SlowDown; internal-error: IoT 500
   * InternalServerException / S3 500 InternalError; slow-down: S3 503 SlowDown (IoT: throttle);
   * reset: the socket is destroyed without an answer; delay: answer normally after delayMs;
   * access-denied: IoT 403 AccessDeniedException / S3 403 AccessDenied (not retryable; for a
   * permanent denial see EmulatorOptions.deny); conditional-conflict: S3 PutObject only, 409
   * ConditionalRequestConflict and nothing stored (other requests never take this fault);
   * hang: the request is read and never answered, the connection stays open until the client
   * gives up or close() ends it (recorded with status -2).
   */
  kind:
    | 'throttle'
    | 'internal-error'
    | 'slow-down'
    | 'reset'
    | 'delay'
    | 'access-denied'
    | 'conditional-conflict'
    | 'hang'
  /** How many matching requests get the fault. */
  count: number
  delayMs?: number
}

/**
 * A permanent IAM denial: requests for this SDK operation answer 403 (IoT AccessDeniedException,
 * S3 AccessDenied). With keyPrefix the rule only covers S3 object requests whose key starts
 * with it, like a policy on `arn:aws:s3:::bucket/prefix*`.
 */
export interface DenyRule {
  operation: string
  keyPrefix?: string
}

export type PackageVersionStatus = 'DRAFT' | 'PUBLISHED' | 'DEPRECATED'

export interface PackageVersionOptions {
  /** Default DRAFT. */
  status?: PackageVersionStatus
  /** Returned by GetPackageVersion as errorReason. */
  errorReason?: string
  /** An SBOM already attached when the emulator starts. */
  sbom?: SbomLocation
  /**
   * Its validation status; default SUCCEEDED (with no per-file results). IN_PROGRESS follows
   * the validation script like a fresh association.
   */
  sbomValidationStatus?: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED'
}

/** Who the emulator says is calling, in access-denied messages. */
const CALLER_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/github/run`

export interface EmulatorOptions {
  /** Default 0 (ephemeral); the server listens on 127.0.0.1. */
  port?: number
  /**
   * Default versioning: 'Enabled'. owner 'other' (default 'self'): the bucket belongs to another
   * account, so GetBucketVersioning, which only the owner may call, answers 403 AccessDenied.
   */
  buckets?: Record<
    string,
    { versioning?: 'Enabled' | 'Suspended' | 'never'; owner?: 'self' | 'other' }
  >
  packages?: Record<string, { versions: Record<string, PackageVersionOptions> }>
  /** Default { outcome: 'SUCCEEDED', afterPolls: 1 }. Applies to associations made after it is set. */
  validation?: ValidationScript
  /** CycloneDX specVersions the fake validation accepts; default 1.4, 1.5, 1.6. */
  acceptedSpecVersions?: string[]
  /** Per SBOM file; default 50 MiB, above it FILE_SIZE_LIMIT_EXCEEDED. */
  maxSbomFileBytes?: number
  faults?: FaultScript[]
  /** Resources Amazon Inspector has scanned and how its SBOM exports behave. */
  inspector?: InspectorScript
  /**
   * How long IoT remembers a client token after its first successful use; undefined = forever,
   * 0 = not at all. AWS documents no lifetime, so a reuse after it runs as a new request.
   */
  clientTokenLifetimeMs?: number
  /**
   * Whether AssociateSbomWithPackageVersion and DisassociateSbomFromPackageVersion work on a
   * PUBLISHED or DEPRECATED version (AWS does not document it). Default 'refuse': 409
   * ConflictException unless the version is DRAFT.
   */
  sbomOnPublishedVersion?: 'accept' | 'refuse'
  /**
   * What AssociateSbomWithPackageVersion does when the version already has an SBOM at another
   * S3 location (AWS does not document it). Default 'conflict': 409 ConflictException until it
   * is disassociated; 'replace' overwrites it. The identical location is accepted either way.
   */
  associateOverExistingSbom?: 'replace' | 'conflict'
  /** Permanent IAM denials, checked before faults (a denied request uses up no fault). */
  deny?: DenyRule[]
}

export type Service = 's3' | 'iot' | 'inspector2'

export interface EmulatorSettings {
  validation: ValidationScript
  acceptedSpecVersions: string[]
  maxSbomFileBytes: number
  /** Remaining faults; each matching request decrements `count`. */
  faults: FaultScript[]
  inspector: InspectorScript
  clientTokenLifetimeMs: number | undefined
  sbomOnPublishedVersion: 'accept' | 'refuse'
  associateOverExistingSbom: 'replace' | 'conflict'
  deny: DenyRule[]
}

export interface StoredVersion {
  key: string
  /** 'null' when the bucket is not versioning-enabled, like S3. */
  versionId: string
  body: Buffer
  /** Base64 SHA-256 of the body, always computed (for test assertions). */
  sha256: string
  /** The checksum S3 keeps: the one the client sent, or CRC64NVME when none came. */
  checksum: { algorithm: ChecksumAlgorithm; value: string }
  /** How the PUT arrived: aws-chunked framing or plain; where its checksum was (none: S3 made one). */
  upload: { awsChunked: boolean; checksumIn: 'header' | 'trailer' | 'none' }
  /** Quoted hex MD5, like S3's ETag of a single-part upload. */
  etag: string
  contentType: string
  /** x-amz-meta-* values, names without the prefix, lower-cased. */
  metadata: Record<string, string>
  /** x-amz-server-side-encryption as sent (S3 itself then defaults to AES256). */
  sse: string | undefined
  /** x-amz-server-side-encryption-aws-kms-key-id as sent. */
  kmsKeyId: string | undefined
  lastModified: Date
}

export interface BucketState {
  versioning: 'Enabled' | 'Suspended' | 'never'
  /** 'other': owned by another account, so owner-only calls are refused. */
  owner: 'self' | 'other'
  /** key → versions, oldest first (the last one is the latest). */
  objects: Map<string, StoredVersion[]>
}

export interface SbomLocation {
  bucket: string
  key: string
  version?: string
}

export interface SbomValidationResult {
  fileName: string
  validationResult: 'FAILED' | 'SUCCEEDED'
  errorCode?: 'INCOMPATIBLE_FORMAT' | 'FILE_SIZE_LIMIT_EXCEEDED'
  errorMessage?: string
}

export interface PackageVersionState {
  status: PackageVersionStatus
  /** GetPackageVersion's errorReason; a new association or a disassociation clears it. */
  errorReason: string | undefined
  description: string | undefined
  attributes: Record<string, string>
  sbom: SbomLocation | undefined
  sbomValidationStatus: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | undefined
  /** Per-file results, listed by ListSbomValidationResults once the validation is final. */
  validationResults: SbomValidationResult[]
  /** GetPackageVersion polls left before `pendingOutcome` shows. */
  pendingPolls: number
  pendingOutcome: 'SUCCEEDED' | 'FAILED' | 'NEVER'
  /** errorReason to set if the pending validation ends FAILED. */
  pendingErrorReason: string | undefined
  /** Successful associations so far. */
  associations: number
  creationDate: Date
  lastModifiedDate: Date
}

export interface PackageState {
  description: string | undefined
  defaultVersionName: string | undefined
  creationDate: Date
  lastModifiedDate: Date
  versions: Map<string, PackageVersionState>
}

/** Every AssociateSbomWithPackageVersion call, in order. */
export interface AssociationRecord {
  packageName: string
  versionName: string
  clientToken: string | undefined
  s3Location: Partial<SbomLocation>
  /** associated: new association; replayed: same token and parameters, same answer again. */
  outcome: 'associated' | 'replayed' | 'rejected'
  errorCode: string | undefined
}

export interface EmulatorState {
  buckets: Map<string, BucketState>
  packages: Map<string, PackageState>
  associations: AssociationRecord[]
  /** Amazon Inspector SBOM exports by report id. */
  sbomExports: Map<string, SbomExportState>
  /**
   * `${operation} ${token}` → the first successful call of that operation with that token (AWS
   * scopes tokens per operation, account-wide). `storedAt` (ms) drives clientTokenLifetimeMs.
   */
  clientTokens: Map<string, ClientTokenRecord>
}

export interface ClientTokenRecord {
  operation: string
  /** The request parameters, serialized: a reuse with others is a ConflictException. */
  fingerprint: string
  response: unknown
  storedAt: number
}

export interface RecordedRequest {
  service: Service
  /** SDK operation name ('Unsigned' when there was no SigV4 Authorization header). */
  operation: string
  method: string
  /** Path and query string as received. */
  path: string
  /** HTTP status answered; -1 when the connection was reset by a fault, -2 when hung by one. */
  status: number
  /** Error code answered, if any. */
  errorCode?: string
  /** The fault applied to this request, if any. */
  fault?: FaultScript['kind']
}

export interface AwsEmulator {
  endpoint: string
  env: Record<string, string>
  state: EmulatorState
  requests: RecordedRequest[]
  /**
   * Changes settings while running. A key that is present replaces the setting (for
   * clientTokenLifetimeMs, an explicit undefined means forever again).
   */
  script(
    update: Partial<
      Pick<
        EmulatorOptions,
        | 'validation'
        | 'acceptedSpecVersions'
        | 'faults'
        | 'maxSbomFileBytes'
        | 'clientTokenLifetimeMs'
        | 'sbomOnPublishedVersion'
        | 'associateOverExistingSbom'
        | 'deny'
      >
    >,
  ): void
  close(): Promise<void>
}

export async function startAwsEmulator(options: EmulatorOptions = {}): Promise<AwsEmulator> {
  const settings: EmulatorSettings = {
    validation: options.validation ?? { outcome: 'SUCCEEDED', afterPolls: 1 },
    acceptedSpecVersions: options.acceptedSpecVersions ?? ['1.4', '1.5', '1.6'],
    maxSbomFileBytes: options.maxSbomFileBytes ?? 50 * 1024 * 1024,
    faults: (options.faults ?? []).map((fault) => ({ ...fault })),
    inspector: options.inspector ?? { resources: [] },
    clientTokenLifetimeMs: options.clientTokenLifetimeMs,
    sbomOnPublishedVersion: options.sbomOnPublishedVersion ?? 'refuse',
    associateOverExistingSbom: options.associateOverExistingSbom ?? 'conflict',
    deny: (options.deny ?? []).map((rule) => ({ ...rule })),
  }
  const state: EmulatorState = {
    sbomExports: new Map(),
    buckets: new Map(),
    packages: new Map(),
    associations: [],
    clientTokens: new Map(),
  }
  for (const [name, bucket] of Object.entries(options.buckets ?? {}))
    state.buckets.set(name, {
      versioning: bucket.versioning ?? 'Enabled',
      owner: bucket.owner ?? 'self',
      objects: new Map(),
    })
  for (const [name, pkg] of Object.entries(options.packages ?? {})) {
    const created = newPackageState()
    for (const [version, versionOptions] of Object.entries(pkg.versions))
      created.versions.set(version, seededVersion(versionOptions, settings.validation))
    state.packages.set(name, created)
  }
  const requests: RecordedRequest[] = []

  const server = createServer((request, response) => {
    // Only reachable if reading the request or writing the answer failed (client went away).
    handle(request, response).catch(() => request.socket.destroy())
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET'
    const url = new URL(request.url ?? '/', 'http://emulator')
    const signedFor = serviceOf(request)
    const service = signedFor ?? (url.pathname.startsWith('/packages') ? 'iot' : 's3')
    const body = await readBody(request)
    const requestId = randomBytes(8).toString('hex').toUpperCase()
    const record: RecordedRequest = {
      service,
      operation: 'Unsigned',
      method,
      path: `${url.pathname}${url.search}`,
      status: 0,
    }
    requests.push(record)
    let answer: Answer
    try {
      if (signedFor === undefined)
        throw new EmulatedError(
          403,
          service === 's3' ? 'AccessDenied' : 'AccessDeniedException',
          'Access Denied: the request carries no AWS Signature Version 4 Authorization header.',
        )
      record.operation =
        service === 's3'
          ? s3Operation(method, url)
          : service === 'iot'
            ? iotOperation(method, url)
            : inspectorOperation(method, url)
      if (isDenied(service, record.operation, url))
        throw accessDenied(service, record.operation, url)
      const fault = takeFault(service, record.operation)
      if (fault) record.fault = fault.kind
      if (fault?.kind === 'reset') {
        record.status = -1
        request.socket.destroy()
        return
      }
      if (fault?.kind === 'hang') {
        // Nothing pending is left behind: close() destroys the socket and that is the end of it.
        record.status = -2
        return
      }
      if (fault?.kind === 'delay') {
        await delayUnlessClosed(response, fault.delayMs ?? 1000)
        // The client gave up or close() ended the connection meanwhile: nobody to answer.
        if (request.socket.destroyed) return
      } else if (fault) throw faultError(service, fault.kind)
      answer =
        service === 's3'
          ? handleS3(state, record.operation, request, url, body)
          : service === 'iot'
            ? handleIot(state, settings, record.operation, url, body)
            : handleInspector(state, settings.inspector, record.operation, body)
    } catch (error) {
      const failure =
        error instanceof EmulatedError
          ? error
          : new EmulatedError(
              500,
              service === 's3' ? 'InternalError' : 'InternalServerException',
              `Emulator failure: ${error instanceof Error ? error.message : String(error)}`,
            )
      record.errorCode = failure.code
      answer = errorAnswer(service, failure, requestId)
    }
    record.status = answer.status
    const ids: Record<string, string> =
      service === 's3'
        ? { 'x-amz-request-id': requestId, 'x-amz-id-2': randomBytes(24).toString('base64') }
        : { 'x-amzn-RequestId': requestId }
    response.writeHead(answer.status, { ...ids, ...answer.headers })
    response.end(method === 'HEAD' ? undefined : answer.body)
  }

  function isDenied(service: Service, operation: string, url: URL): boolean {
    const key = service === 's3' ? splitPath(url.pathname)[1] : ''
    return settings.deny.some(
      (rule) =>
        rule.operation === operation &&
        (rule.keyPrefix === undefined || (key !== '' && key.startsWith(rule.keyPrefix))),
    )
  }

  function takeFault(service: Service, operation: string): FaultScript | undefined {
    const fault = settings.faults.find(
      (candidate) =>
        candidate.service === service &&
        (candidate.operation === undefined || candidate.operation === operation) &&
        // Only an S3 PutObject can meet a conflicting conditional write.
        (candidate.kind !== 'conditional-conflict' ||
          (service === 's3' && operation === 'PutObject')) &&
        candidate.count > 0,
    )
    if (fault) fault.count -= 1
    return fault
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    endpoint,
    env: {
      AWS_ENDPOINT_URL_S3: endpoint,
      AWS_ENDPOINT_URL_IOT: endpoint,
      AWS_ENDPOINT_URL_INSPECTOR2: endpoint,
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: 'AKIAEMULATOREXAMPLE0',
      AWS_SECRET_ACCESS_KEY: 'emulator-secret-access-key-not-a-real-one',
      AWS_EC2_METADATA_DISABLED: 'true',
    },
    state,
    requests,
    script(update) {
      if (update.validation) settings.validation = update.validation
      if (update.acceptedSpecVersions) settings.acceptedSpecVersions = update.acceptedSpecVersions
      if (update.maxSbomFileBytes !== undefined) settings.maxSbomFileBytes = update.maxSbomFileBytes
      if (update.faults) settings.faults = update.faults.map((fault) => ({ ...fault }))
      if ('clientTokenLifetimeMs' in update)
        settings.clientTokenLifetimeMs = update.clientTokenLifetimeMs
      if (update.sbomOnPublishedVersion)
        settings.sbomOnPublishedVersion = update.sbomOnPublishedVersion
      if (update.associateOverExistingSbom)
        settings.associateOverExistingSbom = update.associateOverExistingSbom
      if (update.deny) settings.deny = update.deny.map((rule) => ({ ...rule }))
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}

/** The service in the credential scope of a SigV4 Authorization header. */
function serviceOf(request: IncomingMessage): Service | undefined {
  const scope = /Credential=[^/,\s]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(
    String(request.headers.authorization ?? ''),
  )
  const name = scope?.[1]
  return name === 's3' || name === 'iot' || name === 'inspector2' ? name : undefined
}

/** A package version as EmulatorOptions.packages describes it. */
function seededVersion(
  options: PackageVersionOptions,
  validation: ValidationScript,
): PackageVersionState {
  const seeded = newVersionState(options.status ?? 'DRAFT')
  seeded.errorReason = options.errorReason
  if (options.sbom) {
    seeded.sbom = { ...options.sbom }
    seeded.sbomValidationStatus = options.sbomValidationStatus ?? 'SUCCEEDED'
    if (seeded.sbomValidationStatus === 'IN_PROGRESS') {
      seeded.pendingOutcome = validation.outcome
      seeded.pendingPolls = Math.max(0, validation.afterPolls ?? 1)
      seeded.pendingErrorReason = validation.errorReason
    }
  }
  return seeded
}

/** Waits, but not past the connection closing (so close() leaves no timer behind). */
function delayUnlessClosed(response: ServerResponse, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer)
      response.off('close', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    response.once('close', done)
  })
}

/** The 403 an IAM denial gives: the caller's role ARN and the action, as AWS words it. */
function accessDenied(service: Service, operation: string, url: URL): EmulatedError {
  if (service === 's3') return new EmulatedError(403, 'AccessDenied', 'Access Denied')
  const action = `${service}:${operation}`
  const resource = service === 'iot' ? iotResourceArn(url) : '*'
  return new EmulatedError(
    403,
    'AccessDeniedException',
    `User: ${CALLER_ARN} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
  )
}

function faultError(service: Service, kind: FaultScript['kind']): EmulatedError {
  if (kind === 'access-denied')
    return service !== 's3'
      ? new EmulatedError(
          403,
          'AccessDeniedException',
          'User is not authorized to perform this action (injected).',
        )
      : new EmulatedError(403, 'AccessDenied', 'Access Denied')
  if (kind === 'conditional-conflict')
    return new EmulatedError(
      409,
      'ConditionalRequestConflict',
      'A conflicting operation occurred. If using PutObject you can retry the request.',
    )
  if (service !== 's3')
    return kind === 'internal-error'
      ? new EmulatedError(500, 'InternalServerException', 'Internal failure (injected).')
      : new EmulatedError(400, 'ThrottlingException', 'Rate exceeded')
  return kind === 'internal-error'
    ? new EmulatedError(500, 'InternalError', 'We encountered an internal error. Please try again.')
    : new EmulatedError(503, 'SlowDown', 'Please reduce your request rate.')
}

function errorAnswer(service: Service, failure: EmulatedError, requestId: string): Answer {
  if (service !== 's3')
    return {
      status: failure.status,
      headers: { 'content-type': 'application/json', 'x-amzn-ErrorType': failure.code },
      body: JSON.stringify({ message: failure.message, ...failure.fields }),
    }
  return {
    status: failure.status,
    headers: { 'content-type': 'application/xml' },
    body: s3ErrorBody(failure.code, failure.message, requestId),
  }
}
