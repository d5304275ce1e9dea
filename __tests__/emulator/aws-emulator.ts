// A loopback AWS emulator for tests and `npm run demo`: one HTTP server that speaks the wire
// formats the AWS SDK for JavaScript v3 uses for S3 (path-style, XML, versioning, SHA-256
// checksums, aws-chunked bodies) and the AWS IoT software package catalog (restJson1). The real
// SDK talks to it, so signing, serialization, retries and error parsing run for real.
// Node built-ins only and erasable TypeScript only: Node 24 runs this file directly.
import { createHash, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { inflateRawSync } from 'node:zlib'

export interface ValidationScript {
  /** What AWS finally says once the uploaded files pass the emulator's own checks. */
  outcome: 'SUCCEEDED' | 'FAILED' | 'NEVER'
  /** GetPackageVersion polls after an association that still answer IN_PROGRESS (default 1). */
  afterPolls?: number
  failures?: {
    fileName?: string
    errorCode: 'INCOMPATIBLE_FORMAT' | 'FILE_SIZE_LIMIT_EXCEEDED'
    errorMessage: string
  }[]
}

export interface FaultScript {
  service: 's3' | 'iot'
  /** SDK operation name; omitted = any operation of the service. */
  operation?: string
  kind: 'throttle' | 'internal-error' | 'slow-down' | 'reset' | 'delay'
  /** How many matching requests get the fault. */
  count: number
  delayMs?: number
}

export interface EmulatorOptions {
  port?: number
  buckets?: Record<string, { versioning?: 'Enabled' | 'Suspended' | 'never' }>
  packages?: Record<
    string,
    { versions: Record<string, { status?: 'DRAFT' | 'PUBLISHED' | 'DEPRECATED' }> }
  >
  validation?: ValidationScript
  /** CycloneDX specVersions the fake validation accepts. */
  acceptedSpecVersions?: string[]
  maxSbomFileBytes?: number
  faults?: FaultScript[]
}

export interface StoredVersion {
  versionId: string
  body: Buffer
  sha256: string
  etag: string
  contentType: string
  metadata: Record<string, string>
  sse: string | undefined
  kmsKeyId: string | undefined
  lastModified: Date
}

interface SbomLocation {
  bucket: string
  key: string
  version: string
}

interface PackageVersionState {
  status: 'DRAFT' | 'PUBLISHED' | 'DEPRECATED'
  description: string | undefined
  attributes: Record<string, string>
  sbom: SbomLocation | undefined
  sbomValidationStatus: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | undefined
  pollsUntilFinal: number
  finalStatus: 'SUCCEEDED' | 'FAILED' | 'NEVER'
  results: {
    fileName: string
    validationResult: 'FAILED' | 'SUCCEEDED'
    errorCode?: string
    errorMessage?: string
  }[]
  created: Date
}

export interface EmulatorState {
  buckets: Map<
    string,
    { versioning: 'Enabled' | 'Suspended' | 'never'; objects: Map<string, StoredVersion[]> }
  >
  packages: Map<string, { versions: Map<string, PackageVersionState>; created: Date }>
  /** clientToken → the associate request it was first used with. */
  clientTokens: Map<string, string>
}

export interface RecordedRequest {
  service: 's3' | 'iot'
  operation: string
  method: string
  path: string
  status: number
}

export interface AwsEmulator {
  endpoint: string
  env: Record<string, string>
  state: EmulatorState
  requests: RecordedRequest[]
  script(
    update: Partial<
      Pick<EmulatorOptions, 'validation' | 'acceptedSpecVersions' | 'faults' | 'maxSbomFileBytes'>
    >,
  ): void
  close(): Promise<void>
}

const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/'
const REGION = 'us-east-1'
const ACCOUNT = '123456789012'

class EmulatedError extends Error {
  readonly status: number
  readonly code: string
  constructor(status: number, code: string, message: string) {
    super(message)
    this.status = status
    this.code = code
  }
}

export async function startAwsEmulator(options: EmulatorOptions = {}): Promise<AwsEmulator> {
  const settings = {
    validation: options.validation ?? { outcome: 'SUCCEEDED', afterPolls: 1 },
    acceptedSpecVersions: options.acceptedSpecVersions ?? ['1.4', '1.5', '1.6'],
    maxSbomFileBytes: options.maxSbomFileBytes ?? 50 * 1024 * 1024,
    faults: [...(options.faults ?? [])].map((fault) => ({ ...fault })),
  }
  const now = new Date()
  const state: EmulatorState = { buckets: new Map(), packages: new Map(), clientTokens: new Map() }
  for (const [name, bucket] of Object.entries(options.buckets ?? {}))
    state.buckets.set(name, { versioning: bucket.versioning ?? 'Enabled', objects: new Map() })
  for (const [name, pkg] of Object.entries(options.packages ?? {}))
    state.packages.set(name, {
      created: now,
      versions: new Map(
        Object.entries(pkg.versions).map(([version, v]) => [
          version,
          newVersionState(v.status ?? 'DRAFT'),
        ]),
      ),
    })
  const requests: RecordedRequest[] = []
  const sockets = new Set<Socket>()

  const server = createServer((request, response) => {
    void handle(request, response)
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://emulator')
    const service = serviceOf(request)
    const body = await readBody(request)
    const requestId = randomBytes(8).toString('hex').toUpperCase()
    const record = {
      service: service ?? 's3',
      operation: 'Unknown',
      method: request.method ?? 'GET',
      path: `${url.pathname}${url.search}`,
      status: 0,
    }
    requests.push(record)
    try {
      if (service === undefined)
        throw new EmulatedError(
          403,
          'AccessDenied',
          'Request is not signed (no AWS4 Authorization header)',
        )
      record.operation =
        service === 's3'
          ? s3Operation(request.method ?? '', url)
          : iotOperation(request.method ?? '', url)
      const fault = takeFault(service, record.operation)
      if (fault?.kind === 'reset') {
        record.status = -1
        request.socket.destroy()
        return
      }
      if (fault?.kind === 'delay')
        await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000))
      if (fault && fault.kind !== 'delay') throw faultError(service, fault.kind)
      const answer =
        service === 's3'
          ? s3Handle(record.operation, request, url, body)
          : iotHandle(record.operation, url, body)
      record.status = answer.status
      response.writeHead(answer.status, {
        'x-amz-request-id': requestId,
        'x-amzn-RequestId': requestId,
        ...answer.headers,
      })
      response.end(request.method === 'HEAD' ? undefined : answer.body)
    } catch (error) {
      const failure =
        error instanceof EmulatedError
          ? error
          : new EmulatedError(500, 'InternalError', String(error))
      record.status = failure.status
      if (service === 'iot')
        response.writeHead(failure.status, {
          'content-type': 'application/json',
          'x-amzn-ErrorType': failure.code,
          'x-amzn-RequestId': requestId,
        })
      else
        response.writeHead(failure.status, {
          'content-type': 'application/xml',
          'x-amz-request-id': requestId,
        })
      const payload =
        service === 'iot'
          ? JSON.stringify({ message: failure.message })
          : `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${failure.code}</Code><Message>${xml(failure.message)}</Message><RequestId>${requestId}</RequestId></Error>`
      response.end(request.method === 'HEAD' ? undefined : payload)
    }
  }

  function takeFault(service: 's3' | 'iot', operation: string): FaultScript | undefined {
    const fault = settings.faults.find(
      (f) =>
        f.service === service &&
        (f.operation === undefined || f.operation === operation) &&
        f.count > 0,
    )
    if (fault) fault.count -= 1
    return fault
  }

  // ---------------------------------------------------------------- S3

  function s3Handle(operation: string, request: IncomingMessage, url: URL, raw: Buffer): Answer {
    const [bucketName, key] = splitPath(url.pathname)
    const bucket = state.buckets.get(bucketName)
    if (!bucket) throw new EmulatedError(404, 'NoSuchBucket', 'The specified bucket does not exist')
    switch (operation) {
      case 'GetBucketVersioning': {
        const status = bucket.versioning === 'never' ? '' : `<Status>${bucket.versioning}</Status>`
        return xmlAnswer(
          `<VersioningConfiguration xmlns="${S3_NAMESPACE}">${status}</VersioningConfiguration>`,
        )
      }
      case 'ListObjectVersions': {
        const prefix = url.searchParams.get('prefix') ?? ''
        const entries = [...bucket.objects.entries()]
          .filter(([name]) => name.startsWith(prefix))
          .sort(([a], [b]) => a.localeCompare(b))
          .flatMap(([name, versions]) =>
            [...versions]
              .reverse()
              .map(
                (version, index) =>
                  `<Version><Key>${xml(name)}</Key><VersionId>${version.versionId}</VersionId><IsLatest>${index === 0}</IsLatest><LastModified>${version.lastModified.toISOString()}</LastModified><ETag>${version.etag}</ETag><Size>${version.body.length}</Size><StorageClass>STANDARD</StorageClass></Version>`,
              ),
          )
        return xmlAnswer(
          `<ListVersionsResult xmlns="${S3_NAMESPACE}"><Name>${bucketName}</Name><Prefix>${xml(prefix)}</Prefix><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>${entries.join('')}</ListVersionsResult>`,
        )
      }
      case 'PutObject':
        return putObject(bucket, key, request, raw)
      case 'HeadObject':
      case 'GetObject': {
        const version = findVersion(bucket, key, url.searchParams.get('versionId'))
        const headers: Record<string, string> = {
          'content-type': version.contentType,
          'content-length': String(version.body.length),
          etag: version.etag,
          'last-modified': version.lastModified.toUTCString(),
          ...(bucket.versioning === 'never' ? {} : { 'x-amz-version-id': version.versionId }),
        }
        for (const [name, value] of Object.entries(version.metadata))
          headers[`x-amz-meta-${name}`] = value
        if (request.headers['x-amz-checksum-mode'] === 'ENABLED')
          headers['x-amz-checksum-sha256'] = version.sha256
        if (version.sse) headers['x-amz-server-side-encryption'] = version.sse
        return { status: 200, headers, body: operation === 'GetObject' ? version.body : undefined }
      }
      default:
        throw new EmulatedError(
          501,
          'NotImplemented',
          `The emulator does not implement S3 ${operation}`,
        )
    }
  }

  function putObject(
    bucket: { versioning: string; objects: Map<string, StoredVersion[]> },
    key: string,
    request: IncomingMessage,
    raw: Buffer,
  ): Answer {
    const chunked = String(request.headers['content-encoding'] ?? '').includes('aws-chunked')
    const { body, trailers } = chunked
      ? decodeAwsChunked(raw)
      : { body: raw, trailers: {} as Record<string, string> }
    const sha256 = createHash('sha256').update(body).digest('base64')
    const sentSha = header(request, 'x-amz-checksum-sha256') ?? trailers['x-amz-checksum-sha256']
    if (sentSha !== undefined && sentSha !== sha256)
      throw new EmulatedError(
        400,
        'BadDigest',
        'The SHA256 you specified did not match the calculated checksum.',
      )
    const md5 = header(request, 'content-md5')
    if (md5 !== undefined && md5 !== createHash('md5').update(body).digest('base64'))
      throw new EmulatedError(
        400,
        'BadDigest',
        'The Content-MD5 you specified did not match what we received.',
      )
    const versioned = bucket.versioning === 'Enabled'
    const metadata: Record<string, string> = {}
    for (const [name, value] of Object.entries(request.headers))
      if (name.startsWith('x-amz-meta-') && typeof value === 'string')
        metadata[name.slice('x-amz-meta-'.length)] = value
    const stored: StoredVersion = {
      versionId: versioned ? randomBytes(16).toString('base64url') : 'null',
      body,
      sha256,
      etag: `"${createHash('md5').update(body).digest('hex')}"`,
      contentType: header(request, 'content-type') ?? 'binary/octet-stream',
      metadata,
      sse: header(request, 'x-amz-server-side-encryption'),
      kmsKeyId: header(request, 'x-amz-server-side-encryption-aws-kms-key-id'),
      lastModified: new Date(),
    }
    const versions = bucket.objects.get(key) ?? []
    // Without versioning a PUT replaces the object (the "null" version).
    bucket.objects.set(
      key,
      versioned
        ? [...versions, stored]
        : [...versions.filter((v) => v.versionId !== 'null'), stored],
    )
    const headers: Record<string, string> = { etag: stored.etag }
    if (versioned) headers['x-amz-version-id'] = stored.versionId
    if (sentSha !== undefined) headers['x-amz-checksum-sha256'] = sha256
    if (stored.sse) headers['x-amz-server-side-encryption'] = stored.sse
    return { status: 200, headers, body: undefined }
  }

  function findVersion(
    bucket: { objects: Map<string, StoredVersion[]> },
    key: string,
    versionId: string | null,
  ): StoredVersion {
    const versions = bucket.objects.get(key) ?? []
    const version =
      versionId === null ? versions.at(-1) : versions.find((v) => v.versionId === versionId)
    if (!version)
      throw new EmulatedError(
        404,
        versionId === null ? 'NoSuchKey' : 'NoSuchVersion',
        'The specified key does not exist.',
      )
    return version
  }

  // ---------------------------------------------------------------- IoT package catalog

  function iotHandle(operation: string, url: URL, raw: Buffer): Answer {
    const parts = url.pathname.split('/').map(decodeURIComponent)
    const packageName = parts[2] ?? ''
    const versionName = parts[4] ?? ''
    const input =
      raw.length > 0 ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {}
    const arn = `arn:aws:iot:${REGION}:${ACCOUNT}:package/${packageName}${versionName ? `/version/${versionName}` : ''}`
    switch (operation) {
      case 'CreatePackage': {
        if (state.packages.has(packageName))
          throw new EmulatedError(409, 'ConflictException', `Package ${packageName} already exists`)
        state.packages.set(packageName, { versions: new Map(), created: new Date() })
        return jsonAnswer({ packageName, packageArn: arn, description: input.description })
      }
      case 'GetPackage': {
        const pkg = findPackage(packageName)
        return jsonAnswer({
          packageName,
          packageArn: arn,
          versionCount: pkg.versions.size,
          creationDate: epoch(pkg.created),
        })
      }
      case 'CreatePackageVersion': {
        const pkg = findPackage(packageName)
        if (pkg.versions.has(versionName))
          throw new EmulatedError(409, 'ConflictException', `Version ${versionName} already exists`)
        const created = newVersionState('DRAFT')
        created.description = typeof input.description === 'string' ? input.description : undefined
        created.attributes = (input.attributes as Record<string, string> | undefined) ?? {}
        pkg.versions.set(versionName, created)
        return jsonAnswer({
          packageVersionArn: arn,
          packageName,
          versionName,
          description: created.description,
          attributes: created.attributes,
          status: 'DRAFT',
        })
      }
      case 'GetPackageVersion': {
        const version = findVersionState(packageName, versionName)
        advanceValidation(version)
        return jsonAnswer({
          packageVersionArn: arn,
          packageName,
          versionName,
          description: version.description,
          attributes: version.attributes,
          status: version.status,
          sbom: version.sbom ? { s3Location: version.sbom } : undefined,
          sbomValidationStatus: version.sbomValidationStatus,
          creationDate: epoch(version.created),
          lastModifiedDate: epoch(version.created),
        })
      }
      case 'UpdatePackageVersion': {
        const version = findVersionState(packageName, versionName)
        if (input.action === 'PUBLISH') version.status = 'PUBLISHED'
        if (input.action === 'DEPRECATE') version.status = 'DEPRECATED'
        return jsonAnswer({})
      }
      case 'AssociateSbomWithPackageVersion':
        return associate(packageName, versionName, url, input)
      case 'DisassociateSbomFromPackageVersion': {
        const version = findVersionState(packageName, versionName)
        version.sbom = undefined
        version.sbomValidationStatus = undefined
        version.results = []
        return jsonAnswer({})
      }
      case 'ListSbomValidationResults': {
        const version = findVersionState(packageName, versionName)
        const wanted = url.searchParams.get('validationResult')
        const results = version.results.filter(
          (result) => wanted === null || result.validationResult === wanted,
        )
        const maxResults = Number(url.searchParams.get('maxResults') ?? 50)
        const start = Number(url.searchParams.get('nextToken') ?? 0)
        const page = results.slice(start, start + maxResults)
        const next = start + maxResults < results.length ? String(start + maxResults) : undefined
        return jsonAnswer({ validationResultSummaries: page, nextToken: next })
      }
      default:
        throw new EmulatedError(
          404,
          'UnknownOperationException',
          `The emulator does not implement IoT ${operation}`,
        )
    }
  }

  function associate(
    packageName: string,
    versionName: string,
    url: URL,
    input: Record<string, unknown>,
  ): Answer {
    const version = findVersionState(packageName, versionName)
    const clientToken = url.searchParams.get('clientToken')
    if (clientToken !== null && !/^\S{36,64}$/.test(clientToken))
      throw new EmulatedError(
        400,
        'ValidationException',
        "1 validation error detected: Value at 'clientToken' failed to satisfy constraint: Member must satisfy regular expression pattern: \\S{36,64}",
      )
    const location = (input.sbom as { s3Location?: Partial<SbomLocation> } | undefined)?.s3Location
    if (!location?.bucket || !location.key)
      throw new EmulatedError(
        400,
        'ValidationException',
        'sbom.s3Location.bucket and key are required',
      )
    const fingerprint = JSON.stringify({ packageName, versionName, location })
    if (clientToken !== null) {
      const earlier = state.clientTokens.get(clientToken)
      if (earlier !== undefined && earlier !== fingerprint)
        throw new EmulatedError(
          409,
          'ConflictException',
          'The client token was already used with different request parameters',
        )
      if (earlier === fingerprint && version.sbom !== undefined)
        // Idempotent replay: same answer, no second validation.
        return jsonAnswer({
          packageName,
          versionName,
          packageVersionArn: arnOf(packageName, versionName),
          sbom: { s3Location: version.sbom },
          sbomValidationStatus: version.sbomValidationStatus,
        })
    }
    const bucket = state.buckets.get(location.bucket)
    const stored = bucket?.objects
      .get(location.key)
      ?.find((v) => location.version === undefined || v.versionId === location.version)
    if (!stored)
      throw new EmulatedError(
        400,
        'ValidationException',
        `The S3 object s3://${location.bucket}/${location.key} (version ${location.version ?? 'latest'}) could not be read`,
      )
    if (clientToken !== null) state.clientTokens.set(clientToken, fingerprint)
    version.sbom = { bucket: location.bucket, key: location.key, version: stored.versionId }
    version.sbomValidationStatus = 'IN_PROGRESS'
    version.results = validateSbomObject(stored.body, location.key)
    const scripted = settings.validation
    const ownChecksFailed = version.results.some((result) => result.validationResult === 'FAILED')
    version.finalStatus = ownChecksFailed ? 'FAILED' : scripted.outcome
    if (!ownChecksFailed && scripted.outcome === 'FAILED')
      for (const failure of scripted.failures ?? [])
        version.results.push({
          fileName: failure.fileName ?? location.key,
          validationResult: 'FAILED',
          errorCode: failure.errorCode,
          errorMessage: failure.errorMessage,
        })
    version.pollsUntilFinal = scripted.afterPolls ?? 1
    return jsonAnswer({
      packageName,
      versionName,
      packageVersionArn: arnOf(packageName, versionName),
      sbom: { s3Location: version.sbom },
      sbomValidationStatus: 'IN_PROGRESS',
    })
  }

  /** The fake validation reads what was uploaded, so a broken upload cannot pass. */
  function validateSbomObject(body: Buffer, key: string): PackageVersionState['results'] {
    const files =
      body.subarray(0, 2).toString('latin1') === 'PK'
        ? readZip(body)
        : [{ name: key.slice(key.lastIndexOf('/') + 1), content: body }]
    if (files.length === 0)
      return [
        {
          fileName: key,
          validationResult: 'FAILED',
          errorCode: 'INCOMPATIBLE_FORMAT',
          errorMessage: 'The archive holds no SBOM file',
        },
      ]
    return files.map(({ name, content }) => {
      if (content.length > settings.maxSbomFileBytes)
        return {
          fileName: name,
          validationResult: 'FAILED' as const,
          errorCode: 'FILE_SIZE_LIMIT_EXCEEDED',
          errorMessage: `File is ${content.length} bytes; the limit is ${settings.maxSbomFileBytes}`,
        }
      let document: Record<string, unknown>
      try {
        document = JSON.parse(content.toString('utf8')) as Record<string, unknown>
      } catch {
        return {
          fileName: name,
          validationResult: 'FAILED' as const,
          errorCode: 'INCOMPATIBLE_FORMAT',
          errorMessage: 'File is not valid JSON',
        }
      }
      if (
        document.bomFormat !== 'CycloneDX' ||
        !settings.acceptedSpecVersions.includes(String(document.specVersion))
      )
        return {
          fileName: name,
          validationResult: 'FAILED' as const,
          errorCode: 'INCOMPATIBLE_FORMAT',
          errorMessage: `Unsupported SBOM format: ${String(document.bomFormat)} ${String(document.specVersion)}; supported CycloneDX versions: ${settings.acceptedSpecVersions.join(', ')}`,
        }
      return { fileName: name, validationResult: 'SUCCEEDED' as const }
    })
  }

  function advanceValidation(version: PackageVersionState): void {
    if (version.sbomValidationStatus !== 'IN_PROGRESS' || version.finalStatus === 'NEVER') return
    if (version.pollsUntilFinal > 0) {
      version.pollsUntilFinal -= 1
      return
    }
    version.sbomValidationStatus = version.finalStatus
  }

  function findPackage(name: string) {
    const pkg = state.packages.get(name)
    if (!pkg) throw new EmulatedError(404, 'ResourceNotFoundException', `Package ${name} not found`)
    return pkg
  }

  function findVersionState(packageName: string, versionName: string): PackageVersionState {
    const version = findPackage(packageName).versions.get(versionName)
    if (!version)
      throw new EmulatedError(
        404,
        'ResourceNotFoundException',
        `Package version ${packageName}@${versionName} not found`,
      )
    return version
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    endpoint,
    env: {
      AWS_ENDPOINT_URL_S3: endpoint,
      AWS_ENDPOINT_URL_IOT: endpoint,
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: 'AKIAEMULATOREXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'emulator-secret-not-a-real-key',
      AWS_EC2_METADATA_DISABLED: 'true',
    },
    state,
    requests,
    script(update) {
      if (update.validation) settings.validation = update.validation
      if (update.acceptedSpecVersions) settings.acceptedSpecVersions = update.acceptedSpecVersions
      if (update.maxSbomFileBytes !== undefined) settings.maxSbomFileBytes = update.maxSbomFileBytes
      if (update.faults) settings.faults = update.faults.map((fault) => ({ ...fault }))
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

// ---------------------------------------------------------------- wire helpers

interface Answer {
  status: number
  headers: Record<string, string>
  body: Buffer | string | undefined
}

function xmlAnswer(body: string): Answer {
  return {
    status: 200,
    headers: { 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?>${body}`,
  }
}

function jsonAnswer(body: unknown): Answer {
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }
}

function newVersionState(status: PackageVersionState['status']): PackageVersionState {
  return {
    status,
    description: undefined,
    attributes: {},
    sbom: undefined,
    sbomValidationStatus: undefined,
    pollsUntilFinal: 0,
    finalStatus: 'SUCCEEDED',
    results: [],
    created: new Date(),
  }
}

function arnOf(packageName: string, versionName: string): string {
  return `arn:aws:iot:${REGION}:${ACCOUNT}:package/${packageName}/version/${versionName}`
}

function epoch(date: Date): number {
  return Math.floor(date.getTime() / 1000)
}

/** The credential scope of a SigV4 Authorization header names the service. */
function serviceOf(request: IncomingMessage): 's3' | 'iot' | undefined {
  const scope = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(
    String(request.headers.authorization ?? ''),
  )
  return scope?.[1] === 's3' ? 's3' : scope?.[1] === 'iot' ? 'iot' : undefined
}

function s3Operation(method: string, url: URL): string {
  const [, key] = splitPath(url.pathname)
  const query = url.searchParams
  if (key === '') {
    if (method === 'GET' && query.has('versioning')) return 'GetBucketVersioning'
    if (method === 'GET' && query.has('versions')) return 'ListObjectVersions'
    return `${method} bucket`
  }
  if (method === 'PUT') return 'PutObject'
  if (method === 'HEAD') return 'HeadObject'
  if (method === 'GET') return 'GetObject'
  return `${method} object`
}

function iotOperation(method: string, url: URL): string {
  const parts = url.pathname.split('/').filter(Boolean)
  if (parts[0] !== 'packages') return `${method} ${url.pathname}`
  if (parts.length === 2)
    return method === 'PUT'
      ? 'CreatePackage'
      : method === 'GET'
        ? 'GetPackage'
        : `${method} package`
  if (parts.length === 4)
    return (
      (
        {
          PUT: 'CreatePackageVersion',
          GET: 'GetPackageVersion',
          PATCH: 'UpdatePackageVersion',
        } as Record<string, string>
      )[method] ?? `${method} version`
    )
  if (parts.length === 5 && parts[4] === 'sbom')
    return method === 'PUT'
      ? 'AssociateSbomWithPackageVersion'
      : method === 'DELETE'
        ? 'DisassociateSbomFromPackageVersion'
        : `${method} sbom`
  if (parts.length === 5 && parts[4] === 'sbom-validation-results')
    return 'ListSbomValidationResults'
  return `${method} ${url.pathname}`
}

function faultError(service: 's3' | 'iot', kind: FaultScript['kind']): EmulatedError {
  if (service === 'iot')
    return kind === 'throttle' || kind === 'slow-down'
      ? new EmulatedError(400, 'ThrottlingException', 'Rate exceeded')
      : new EmulatedError(500, 'InternalServerException', 'Internal failure (injected)')
  return kind === 'internal-error'
    ? new EmulatedError(500, 'InternalError', 'We encountered an internal error. Please try again.')
    : new EmulatedError(503, 'SlowDown', 'Please reduce your request rate.')
}

function splitPath(pathname: string): [string, string] {
  const [, bucket = '', ...rest] = pathname.split('/')
  return [decodeURIComponent(bucket), rest.map(decodeURIComponent).join('/')]
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name]
  return typeof value === 'string' ? value : undefined
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })
}

/** `hex-size[;chunk-signature=…]\r\n data \r\n … 0\r\n trailer: value\r\n\r\n` */
export function decodeAwsChunked(raw: Buffer): { body: Buffer; trailers: Record<string, string> } {
  const chunks: Buffer[] = []
  let offset = 0
  for (;;) {
    const lineEnd = raw.indexOf('\r\n', offset)
    if (lineEnd < 0) throw new EmulatedError(400, 'IncompleteBody', 'aws-chunked body ended early')
    const size = Number.parseInt(
      raw.subarray(offset, lineEnd).toString('latin1').split(';')[0] ?? '',
      16,
    )
    if (Number.isNaN(size))
      throw new EmulatedError(400, 'InvalidRequest', 'bad aws-chunked chunk size')
    offset = lineEnd + 2
    if (size === 0) break
    chunks.push(raw.subarray(offset, offset + size))
    offset += size + 2
  }
  const trailers: Record<string, string> = {}
  for (const line of raw.subarray(offset).toString('latin1').split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon > 0)
      trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return { body: Buffer.concat(chunks), trailers }
}

/** Reads a zip's central directory; stored and deflated entries. */
export function readZip(zip: Buffer): { name: string; content: Buffer }[] {
  const endOfDirectory = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  if (endOfDirectory < 0)
    throw new EmulatedError(400, 'ValidationException', 'SBOM archive is not a readable zip')
  const entries = zip.readUInt16LE(endOfDirectory + 10)
  let offset = zip.readUInt32LE(endOfDirectory + 16)
  const files: { name: string; content: Buffer }[] = []
  for (let index = 0; index < entries; index += 1) {
    const method = zip.readUInt16LE(offset + 10)
    const compressedSize = zip.readUInt32LE(offset + 20)
    const nameLength = zip.readUInt16LE(offset + 28)
    const extraLength = zip.readUInt16LE(offset + 30)
    const commentLength = zip.readUInt16LE(offset + 32)
    const localHeader = zip.readUInt32LE(offset + 42)
    const name = zip.subarray(offset + 46, offset + 46 + nameLength).toString('utf8')
    const dataStart =
      localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28)
    const data = zip.subarray(dataStart, dataStart + compressedSize)
    files.push({ name, content: method === 8 ? inflateRawSync(data) : Buffer.from(data) })
    offset += 46 + nameLength + extraLength + commentLength
  }
  return files
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
