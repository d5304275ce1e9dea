import { AwsError, errorMessage } from '../shared/errors.js'

export interface AwsOperation {
  readonly service: 'S3' | 'IoT' | 'Inspector'
  readonly operation: string
  /** What the call was about, e.g. "bucket acme-sboms" or "package thermostat@v2.4.0". */
  readonly target: string
}

/** Hints for specific error names of one call, on top of the general ones below. */
export type ErrorHints = Readonly<Record<string, string>>

interface SdkErrorShape {
  name?: string
  message?: string
  code?: string
  $metadata?: {
    requestId?: string
    extendedRequestId?: string
    httpStatusCode?: number
    attempts?: number
  }
}

const GENERAL_HINTS: ErrorHints = {
  CredentialsProviderError:
    'No AWS credentials were found. Add aws-actions/configure-aws-credentials (OIDC, with id-token: write) before this step, or use mode: validate for runs without AWS access.',
  ExpiredToken:
    'The AWS session expired: configure credentials with a longer role-duration-seconds.',
  ExpiredTokenException:
    'The AWS session expired: configure credentials with a longer role-duration-seconds.',
  InvalidAccessKeyId: 'The AWS credentials are not valid for this account or region.',
  UnrecognizedClientException: 'The AWS credentials are not valid for this account or region.',
  AccessDenied: 'The role lacks a permission: see the minimal IAM policy in the README.',
  AccessDeniedException: 'The role lacks a permission: see the minimal IAM policy in the README.',
  ThrottlingException:
    'AWS kept throttling after several retries: retry the job later, or lower concurrency across workflows.',
  SlowDown: 'S3 kept asking to slow down after several retries: retry the job later.',
  InternalServerException:
    'AWS reported an internal error after several retries: retry the job later.',
  InternalError: 'AWS reported an internal error after several retries: retry the job later.',
  ServiceQuotaExceededException:
    'An AWS IoT quota is exhausted: see Service Quotas for AWS IoT Device Management software package catalog.',
}

/**
 * Runs one AWS call and turns its failure into an AwsError that names the service, operation,
 * target and request id, and says what to do. The SDK has already retried what is retryable.
 */
export async function awsCall<T>(
  what: AwsOperation,
  call: () => Promise<T>,
  hints: ErrorHints = {},
): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw explainAwsError(what, error, hints)
  }
}

export function explainAwsError(
  what: AwsOperation,
  error: unknown,
  hints: ErrorHints = {},
): AwsError {
  const sdkError = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape
  const status = sdkError.$metadata?.httpStatusCode
  const name = bodylessErrorName(sdkError.name, status) ?? sdkError.name ?? 'Error'
  const requestId = sdkError.$metadata?.requestId
  const attempts = sdkError.$metadata?.attempts
  const facts = [
    status === undefined ? undefined : `HTTP ${status}`,
    requestId ? `request id ${requestId}` : undefined,
    attempts !== undefined && attempts > 1 ? `${attempts} attempts` : undefined,
  ].filter((fact) => fact !== undefined)
  const given = errorMessage(error)
  const detail =
    given && given !== 'UnknownError'
      ? given
      : status === undefined
        ? sdkError.code || 'no message'
        : `HTTP ${status} without an error body (HEAD answers carry none)`
  const message =
    `${what.service} ${what.operation} failed for ${what.target}: ${name}: ${detail}` +
    (facts.length > 0 ? ` (${facts.join(', ')})` : '')
  const hint =
    hints[name] ??
    (sdkError.code ? hints[sdkError.code] : undefined) ??
    GENERAL_HINTS[name] ??
    networkHint(sdkError, what)
  return new AwsError(message, { hint, cause: error, awsName: name })
}

/**
 * S3 HEAD errors have no body, so the SDK can only say "Unknown"/"Forbidden"/"NotFound": name
 * them by their status, so a bare 403 gets the same IAM hint as AccessDenied.
 */
function bodylessErrorName(
  name: string | undefined,
  status: number | undefined,
): string | undefined {
  if (name !== undefined && !['Unknown', 'UnknownError', 'Forbidden', '403', '404'].includes(name))
    return undefined
  if (status === 403) return 'AccessDenied'
  if (status === 404) return 'NotFound'
  return undefined
}

function networkHint(error: SdkErrorShape, what: AwsOperation): string | undefined {
  if (error.name === 'TimeoutError' || error.code === 'ETIMEDOUT')
    return `${what.service} did not answer ${what.operation} in time, on every attempt (each attempt is abandoned after aws-request-timeout-seconds without traffic). Check the network, proxies and AWS status, then re-run: the run is idempotent.`
  const code = error.code ?? ''
  if (['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'EAI_AGAIN', 'ETIMEDOUT'].includes(code))
    return `The AWS endpoint could not be reached (${code}). Check AWS_ENDPOINT_URL* variables, proxies and the region.`
  return undefined
}
