// The AWS IoT software package catalog half of the loopback AWS emulator (restJson1): packages,
// package versions, SBOM association with idempotency tokens, and a fake SBOM validation that
// reads the associated S3 object version (a zip of JSON files, or one JSON file).
import type {
  AssociationRecord,
  EmulatorSettings,
  EmulatorState,
  PackageState,
  PackageVersionState,
  PackageVersionStatus,
  SbomLocation,
  SbomValidationResult,
  StoredVersion,
} from './aws-emulator.ts'
import { EmulatedError, jsonAnswer, readZip, type Answer } from './wire.ts'

export const REGION = 'us-east-1'
export const ACCOUNT = '123456789012'

/** The SDK operation a package-catalog request stands for. */
export function iotOperation(method: string, url: URL): string {
  const parts = url.pathname.split('/').filter(Boolean)
  if (parts[0] !== 'packages') return `${method} ${url.pathname}`
  const byMethod = (operations: Record<string, string>): string =>
    operations[method] ?? `${method} ${url.pathname}`
  if (parts.length === 2) return byMethod({ PUT: 'CreatePackage', GET: 'GetPackage' })
  if (parts.length === 4 && parts[2] === 'versions')
    return byMethod({
      PUT: 'CreatePackageVersion',
      GET: 'GetPackageVersion',
      PATCH: 'UpdatePackageVersion',
    })
  if (parts.length === 5 && parts[4] === 'sbom')
    return byMethod({
      PUT: 'AssociateSbomWithPackageVersion',
      DELETE: 'DisassociateSbomFromPackageVersion',
    })
  if (parts.length === 5 && parts[4] === 'sbom-validation-results')
    return byMethod({ GET: 'ListSbomValidationResults' })
  return `${method} ${url.pathname}`
}

export function packageArn(packageName: string): string {
  return `arn:aws:iot:${REGION}:${ACCOUNT}:package/${packageName}`
}

export function packageVersionArn(packageName: string, versionName: string): string {
  return `${packageArn(packageName)}/version/${versionName}`
}

/** The ARN an IAM decision on this request is about, for access-denied messages. */
export function iotResourceArn(url: URL): string {
  const [root, packageName, , versionName] = url.pathname
    .split('/')
    .filter(Boolean)
    .map(decodeURIComponent)
  if (root !== 'packages' || packageName === undefined) return `arn:aws:iot:${REGION}:${ACCOUNT}:*`
  return versionName === undefined
    ? packageArn(packageName)
    : packageVersionArn(packageName, versionName)
}

export function newPackageState(): PackageState {
  const now = new Date()
  return {
    description: undefined,
    defaultVersionName: undefined,
    creationDate: now,
    lastModifiedDate: now,
    versions: new Map(),
  }
}

export function newVersionState(status: PackageVersionStatus): PackageVersionState {
  const now = new Date()
  return {
    status,
    errorReason: undefined,
    description: undefined,
    attributes: {},
    sbom: undefined,
    sbomValidationStatus: undefined,
    validationResults: [],
    pendingPolls: 0,
    pendingOutcome: 'SUCCEEDED',
    pendingErrorReason: undefined,
    associations: 0,
    creationDate: now,
    lastModifiedDate: now,
  }
}

const epoch = (date: Date): number => Math.floor(date.getTime() / 1000)

/** The package-version lifecycle of the AWS IoT developer guide: action → from → to. */
const TRANSITIONS: Record<
  'PUBLISH' | 'DEPRECATE',
  Partial<Record<PackageVersionStatus, PackageVersionStatus>>
> = {
  PUBLISH: { DRAFT: 'PUBLISHED', DEPRECATED: 'PUBLISHED' },
  DEPRECATE: { PUBLISHED: 'DEPRECATED' },
}

const conflict = (message: string, resourceId: string): EmulatedError =>
  new EmulatedError(409, 'ConflictException', message, { resourceId })

const validationError = (field: string, value: string, constraint: string): EmulatedError =>
  new EmulatedError(
    400,
    'ValidationException',
    `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: ${constraint}`,
  )

function checkName(field: 'packageName' | 'versionName', value: string): void {
  const max = field === 'packageName' ? 128 : 64
  if (value.length < 1 || value.length > max)
    throw validationError(
      field,
      value,
      `Member must have length less than or equal to ${max} and greater than or equal to 1`,
    )
  if (!/^[a-zA-Z0-9-_.]+$/.test(value))
    throw validationError(
      field,
      value,
      'Member must satisfy regular expression pattern: [a-zA-Z0-9-_.]+',
    )
}

export function handleIot(
  state: EmulatorState,
  settings: EmulatorSettings,
  operation: string,
  url: URL,
  raw: Buffer,
): Answer {
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent)
  const packageName = parts[1] ?? ''
  const versionName = parts[3]
  checkName('packageName', packageName)
  if (versionName !== undefined) checkName('versionName', versionName)
  let input: Record<string, unknown> = {}
  if (raw.length > 0) {
    try {
      const parsed: unknown = JSON.parse(raw.toString('utf8'))
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
        input = parsed as Record<string, unknown>
      else throw new Error('not an object')
    } catch {
      throw new EmulatedError(
        400,
        'SerializationException',
        'The request body is not a JSON object',
      )
    }
  }
  const query = url.searchParams
  const version = (): PackageVersionState => findVersion(state, packageName, versionName ?? '')
  const text = (value: unknown): string | undefined =>
    typeof value === 'string' ? value : undefined
  const idempotentCall = (parameters: unknown, run: () => unknown): Answer =>
    idempotent(state, settings, operation, query, parameters, run)

  switch (operation) {
    case 'CreatePackage':
      return idempotentCall({ packageName, input }, () => {
        if (state.packages.has(packageName))
          throw new EmulatedError(
            409,
            'ConflictException',
            `Package ${packageName} already exists.`,
            { resourceId: packageName },
          )
        const created = newPackageState()
        created.description = text(input.description)
        state.packages.set(packageName, created)
        return {
          packageName,
          packageArn: packageArn(packageName),
          description: created.description,
        }
      })
    case 'GetPackage': {
      const pkg = findPackage(state, packageName)
      return jsonAnswer({
        packageName,
        packageArn: packageArn(packageName),
        description: pkg.description,
        defaultVersionName: pkg.defaultVersionName,
        creationDate: epoch(pkg.creationDate),
        lastModifiedDate: epoch(pkg.lastModifiedDate),
      })
    }
    case 'CreatePackageVersion':
      return idempotentCall({ packageName, versionName, input }, () => {
        const pkg = findPackage(state, packageName)
        const name = versionName ?? ''
        if (pkg.versions.has(name))
          throw new EmulatedError(
            409,
            'ConflictException',
            `Package version ${packageName}/${name} already exists.`,
            { resourceId: `${packageName}/${name}` },
          )
        const created = newVersionState('DRAFT')
        created.description = text(input.description)
        created.attributes = stringRecord(input.attributes)
        pkg.versions.set(name, created)
        return {
          packageVersionArn: packageVersionArn(packageName, name),
          packageName,
          versionName: name,
          description: created.description,
          attributes: created.attributes,
          status: created.status,
        }
      })
    case 'GetPackageVersion': {
      const found = version()
      advanceValidation(found)
      return jsonAnswer({
        packageVersionArn: packageVersionArn(packageName, versionName ?? ''),
        packageName,
        versionName,
        description: found.description,
        attributes: found.attributes,
        status: found.status,
        errorReason: found.errorReason,
        sbom: found.sbom ? { s3Location: { ...found.sbom } } : undefined,
        sbomValidationStatus: found.sbomValidationStatus,
        creationDate: epoch(found.creationDate),
        lastModifiedDate: epoch(found.lastModifiedDate),
      })
    }
    case 'UpdatePackageVersion':
      return idempotentCall({ packageName, versionName, input }, () => {
        const found = version()
        const action = input.action
        if (action !== undefined && action !== 'PUBLISH' && action !== 'DEPRECATE')
          throw validationError(
            'action',
            String(action),
            'Member must satisfy enum value set: [DEPRECATE, PUBLISH]',
          )
        const resourceId = `${packageName}/${versionName ?? ''}`
        const next = action === undefined ? found.status : TRANSITIONS[action][found.status]
        if (next === undefined)
          throw conflict(
            `Package version ${resourceId} is ${found.status}: action ${String(action)} is not allowed (PUBLISH takes DRAFT or DEPRECATED to PUBLISHED, DEPRECATE takes PUBLISHED to DEPRECATED).`,
            resourceId,
          )
        // The status before this update decides, so PUBLISH with attributes works on a DRAFT.
        if (
          (input.description !== undefined || input.attributes !== undefined) &&
          found.status !== 'DRAFT'
        )
          throw conflict(
            `Package version ${resourceId} is ${found.status}: its description and attributes can only be changed while DRAFT.`,
            resourceId,
          )
        found.status = next
        if (input.description !== undefined) found.description = text(input.description)
        if (input.attributes !== undefined) found.attributes = stringRecord(input.attributes)
        found.lastModifiedDate = new Date()
        return {}
      })
    case 'AssociateSbomWithPackageVersion':
      return associate(state, settings, packageName, versionName ?? '', query, input)
    case 'DisassociateSbomFromPackageVersion':
      return idempotentCall({ packageName, versionName }, () => {
        const found = version()
        refuseSbomChangeUnlessAllowed(settings, found, packageName, versionName ?? '')
        found.sbom = undefined
        found.sbomValidationStatus = undefined
        found.validationResults = []
        found.errorReason = undefined
        found.lastModifiedDate = new Date()
        return {}
      })
    case 'ListSbomValidationResults':
      return listValidationResults(version(), query)
    default:
      throw new EmulatedError(
        404,
        'UnknownOperationException',
        `The emulator does not implement IoT ${operation}`,
      )
  }
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {}
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  )
}

function clientTokenOf(query: URLSearchParams): string | undefined {
  const token = query.get('clientToken')
  if (token === null) return undefined
  if (!/^\S{36,64}$/.test(token))
    throw validationError(
      'clientToken',
      token,
      'Member must satisfy regular expression pattern: \\S{36,64}',
    )
  return token
}

/**
 * Client-token semantics: the first successful call of an operation with a token is remembered
 * (per operation, account-wide); the same operation, token and parameters get the same answer
 * again without side effects, other parameters a ConflictException. Failed calls do not use up
 * the token; a token older than clientTokenLifetimeMs is forgotten.
 */
function idempotent(
  state: EmulatorState,
  settings: EmulatorSettings,
  operation: string,
  query: URLSearchParams,
  parameters: unknown,
  run: () => unknown,
): Answer {
  const token = clientTokenOf(query)
  const fingerprint = JSON.stringify(parameters)
  // AWS scopes a token to the operation it was sent with.
  const key = `${operation} ${token ?? ''}`
  if (token !== undefined) {
    const earlier = state.clientTokens.get(key)
    const lifetime = settings.clientTokenLifetimeMs
    if (
      earlier !== undefined &&
      lifetime !== undefined &&
      Date.now() - earlier.storedAt >= lifetime
    )
      state.clientTokens.delete(key)
    else if (earlier !== undefined) {
      if (earlier.fingerprint === fingerprint) return jsonAnswer(earlier.response)
      throw conflict(
        `The client token ${token} was already used with different request parameters.`,
        token,
      )
    }
  }
  const response = run()
  if (token !== undefined)
    state.clientTokens.set(key, { operation, fingerprint, response, storedAt: Date.now() })
  return jsonAnswer(response)
}

/** The sbomOnPublishedVersion switch: AWS does not say if a released version's SBOM may change. */
function refuseSbomChangeUnlessAllowed(
  settings: EmulatorSettings,
  version: PackageVersionState,
  packageName: string,
  versionName: string,
): void {
  if (settings.sbomOnPublishedVersion === 'accept' || version.status === 'DRAFT') return
  throw conflict(
    `Package version ${packageName}/${versionName} is ${version.status}: its SBOM can only be changed while DRAFT (emulator setting sbomOnPublishedVersion)`,
    `${packageName}/${versionName}`,
  )
}

const sameLocation = (a: SbomLocation, b: SbomLocation): boolean =>
  a.bucket === b.bucket && a.key === b.key && a.version === b.version

const describeLocation = (location: SbomLocation): string =>
  `s3://${location.bucket}/${location.key}${location.version === undefined ? '' : ` (version ${location.version})`}`

function findPackage(state: EmulatorState, name: string): PackageState {
  const pkg = state.packages.get(name)
  if (!pkg)
    throw new EmulatedError(404, 'ResourceNotFoundException', `The package ${name} does not exist.`)
  return pkg
}

function findVersion(state: EmulatorState, packageName: string, name: string): PackageVersionState {
  const found = findPackage(state, packageName).versions.get(name)
  if (!found)
    throw new EmulatedError(
      404,
      'ResourceNotFoundException',
      `The package version ${packageName}/${name} does not exist.`,
    )
  return found
}

function associate(
  state: EmulatorState,
  settings: EmulatorSettings,
  packageName: string,
  versionName: string,
  query: URLSearchParams,
  input: Record<string, unknown>,
): Answer {
  const location = (input.sbom as { s3Location?: Partial<SbomLocation> } | undefined)?.s3Location
  const record: AssociationRecord = {
    packageName,
    versionName,
    clientToken: query.get('clientToken') ?? undefined,
    s3Location: { ...location },
    outcome: 'rejected',
    errorCode: undefined,
  }
  state.associations.push(record)
  // Set only when the call runs; a replay answers from the token without running it.
  let ran = false
  try {
    // Order of checks: the token (inside idempotent), the version, its status, its current
    // SBOM, then the S3 object.
    const answer = idempotent(
      state,
      settings,
      'AssociateSbomWithPackageVersion',
      query,
      { packageName, versionName, location },
      () => {
        ran = true
        const target = findVersion(state, packageName, versionName)
        if (typeof location?.bucket !== 'string' || typeof location.key !== 'string')
          throw new EmulatedError(
            400,
            'ValidationException',
            'sbom.s3Location must name a bucket and a key.',
          )
        const sbom: SbomLocation = {
          bucket: location.bucket,
          key: location.key,
          ...(location.version !== undefined ? { version: location.version } : {}),
        }
        refuseSbomChangeUnlessAllowed(settings, target, packageName, versionName)
        if (
          settings.associateOverExistingSbom === 'conflict' &&
          target.sbom !== undefined &&
          !sameLocation(target.sbom, sbom)
        )
          throw conflict(
            `Package version ${packageName}/${versionName} already has an SBOM associated; disassociate it first (it is ${describeLocation(target.sbom)}; emulator setting associateOverExistingSbom)`,
            `${packageName}/${versionName}`,
          )
        const stored = findObject(state, location.bucket, location.key, location.version)
        target.sbom = sbom
        target.sbomValidationStatus = 'IN_PROGRESS'
        target.errorReason = undefined
        target.associations += 1
        target.lastModifiedDate = new Date()
        const results = validateSbomObject(stored.body, location.key, settings)
        const ownChecksFailed = results.some((result) => result.validationResult === 'FAILED')
        const scripted = settings.validation
        if (!ownChecksFailed && scripted.outcome === 'FAILED')
          for (const failure of scripted.failures ?? [])
            results.push({
              fileName: failure.fileName ?? results[0]?.fileName ?? baseName(location.key),
              validationResult: 'FAILED',
              errorCode: failure.errorCode,
              errorMessage: failure.errorMessage,
            })
        target.validationResults = results
        target.pendingOutcome = ownChecksFailed ? 'FAILED' : scripted.outcome
        target.pendingPolls = Math.max(0, scripted.afterPolls ?? 1)
        target.pendingErrorReason = scripted.errorReason
        return {
          packageName,
          versionName,
          sbom: { s3Location: sbom },
          sbomValidationStatus: 'IN_PROGRESS',
        }
      },
    )
    record.outcome = ran ? 'associated' : 'replayed'
    return answer
  } catch (error) {
    if (error instanceof EmulatedError) record.errorCode = error.code
    throw error
  }
}

function findObject(
  state: EmulatorState,
  bucket: string,
  key: string,
  versionId: string | undefined,
): StoredVersion {
  const versions = state.buckets.get(bucket)?.objects.get(key) ?? []
  const stored =
    versionId === undefined ? versions.at(-1) : versions.find((v) => v.versionId === versionId)
  if (!stored)
    throw new EmulatedError(
      400,
      'ValidationException',
      `Unable to access the SBOM file in S3 (bucket ${bucket}, key ${key}${
        versionId === undefined ? '' : `, version ${versionId}`
      }): the object version does not exist or the caller is not allowed to read it.`,
    )
  return stored
}

function baseName(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1)
}

/**
 * The emulator's own check of what was uploaded, so a broken upload cannot pass: a zip (PK
 * header) is opened and each .json file in it checked; anything else is one JSON file.
 */
export function validateSbomObject(
  body: Buffer,
  key: string,
  settings: Pick<EmulatorSettings, 'acceptedSpecVersions' | 'maxSbomFileBytes'>,
): SbomValidationResult[] {
  const failed = (
    fileName: string,
    errorCode: SbomValidationResult['errorCode'],
    errorMessage: string,
  ) => ({ fileName, validationResult: 'FAILED', errorCode, errorMessage }) as SbomValidationResult
  let files: { name: string; content: Buffer }[]
  if (body.subarray(0, 2).toString('latin1') === 'PK') {
    try {
      files = readZip(body).filter((entry) => entry.name.toLowerCase().endsWith('.json'))
    } catch (error) {
      return [
        failed(
          baseName(key),
          'INCOMPATIBLE_FORMAT',
          `The SBOM archive cannot be read: ${(error as Error).message}`,
        ),
      ]
    }
    if (files.length === 0)
      return [failed(baseName(key), 'INCOMPATIBLE_FORMAT', 'The SBOM archive holds no .json file.')]
  } else files = [{ name: baseName(key), content: body }]

  return files.map(({ name, content }) => {
    if (content.length > settings.maxSbomFileBytes)
      return failed(
        name,
        'FILE_SIZE_LIMIT_EXCEEDED',
        `The file is ${content.length} bytes; the limit is ${settings.maxSbomFileBytes} bytes.`,
      )
    let document: unknown
    try {
      document = JSON.parse(content.toString('utf8'))
    } catch {
      return failed(name, 'INCOMPATIBLE_FORMAT', 'The file is not valid JSON.')
    }
    const { bomFormat, specVersion } = (
      typeof document === 'object' && document !== null ? document : {}
    ) as { bomFormat?: unknown; specVersion?: unknown }
    if (bomFormat !== 'CycloneDX' || !settings.acceptedSpecVersions.includes(String(specVersion)))
      return failed(
        name,
        'INCOMPATIBLE_FORMAT',
        `Unsupported SBOM format: ${String(bomFormat)} ${String(specVersion)}; supported: CycloneDX ${settings.acceptedSpecVersions.join(', ')}.`,
      )
    return { fileName: name, validationResult: 'SUCCEEDED' }
  })
}

/** Called on every GetPackageVersion: the verdict becomes visible after the scripted polls. */
function advanceValidation(version: PackageVersionState): void {
  if (version.sbomValidationStatus !== 'IN_PROGRESS' || version.pendingOutcome === 'NEVER') return
  if (version.pendingPolls > 0) {
    version.pendingPolls -= 1
    return
  }
  version.sbomValidationStatus = version.pendingOutcome
  if (version.pendingOutcome === 'FAILED' && version.pendingErrorReason !== undefined)
    version.errorReason = version.pendingErrorReason
  version.lastModifiedDate = new Date()
}

function listValidationResults(version: PackageVersionState, query: URLSearchParams): Answer {
  const wanted = query.get('validationResult')
  if (wanted !== null && wanted !== 'FAILED' && wanted !== 'SUCCEEDED')
    throw validationError(
      'validationResult',
      wanted,
      'Member must satisfy enum value set: [FAILED, SUCCEEDED]',
    )
  const maxText = query.get('maxResults')
  const maxResults = maxText === null ? 50 : Number(maxText)
  // AWS's documented range for this operation.
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100)
    throw validationError(
      'maxResults',
      String(maxText),
      'Member must have value less than or equal to 100 and greater than or equal to 1',
    )
  // Per-file results exist once the validation has finished.
  const visible =
    version.sbomValidationStatus === 'SUCCEEDED' || version.sbomValidationStatus === 'FAILED'
      ? version.validationResults
      : []
  const results = visible.filter((result) => wanted === null || result.validationResult === wanted)
  const scope = `${version.associations}:${wanted ?? ''}`
  let start = 0
  const token = query.get('nextToken')
  if (token !== null) {
    const [tokenScope, offset] = Buffer.from(token, 'base64url').toString('utf8').split('|')
    start = Number(offset)
    if (tokenScope !== scope || !Number.isInteger(start) || start < 0 || start > results.length)
      throw new EmulatedError(400, 'ValidationException', 'The nextToken is not valid.')
  }
  const end = start + maxResults
  return jsonAnswer({
    validationResultSummaries: results.slice(start, end),
    nextToken:
      end < results.length ? Buffer.from(`${scope}|${end}`).toString('base64url') : undefined,
  })
}
