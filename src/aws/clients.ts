import { Inspector2Client } from '@aws-sdk/client-inspector2'
import { IoTClient } from '@aws-sdk/client-iot'
import { S3Client } from '@aws-sdk/client-s3'
import { ACTION_NAME, ACTION_VERSION } from '../action-info.js'

export interface AwsClients {
  readonly s3: S3Client
  readonly iot: IoTClient
  readonly inspector: Inspector2Client
}

export interface AwsClientOptions {
  readonly region: string
  readonly env?: NodeJS.ProcessEnv
  /** Total attempts per call, including the first. */
  readonly maxAttempts?: number
  /** A request with no bytes moving either way for this long is abandoned (then retried). */
  readonly idleTimeoutSeconds?: number
}

const DEFAULT_IDLE_TIMEOUT_SECONDS = 60
// However busy the socket, one attempt never takes longer than this (a 100 MB upload at 1 MB/s fits).
const MAX_ATTEMPT_MS = 15 * 60_000

/**
 * The one place AWS clients are built. Credentials come from the SDK's default chain (what
 * aws-actions/configure-aws-credentials exports); endpoints from the SDK's own
 * AWS_ENDPOINT_URL[_S3|_IOT] variables, in which case S3 is addressed path-style so loopback
 * emulators and LocalStack work. Retries are the SDK's (adaptive mode: backoff with jitter plus
 * client-side rate limiting under throttling); we add no second retry layer.
 */
export function createAwsClients(options: AwsClientOptions): AwsClients {
  const env = options.env ?? process.env
  const common = {
    region: options.region,
    maxAttempts: options.maxAttempts ?? 5,
    retryMode: 'adaptive',
    customUserAgent: `${ACTION_NAME}/${ACTION_VERSION}`,
    // A request AWS accepted but never answers must not hold a release job until its timeout.
    // The SDK's requestTimeout only logs a warning unless throwOnRequestTimeout is set; the
    // idle (socket) timeout catches the silent case, and both end as a TimeoutError, which the
    // SDK retries like any transient error.
    requestHandler: {
      connectionTimeout: 10_000,
      socketTimeout: (options.idleTimeoutSeconds ?? DEFAULT_IDLE_TIMEOUT_SECONDS) * 1000,
      requestTimeout: MAX_ATTEMPT_MS,
      throwOnRequestTimeout: true,
    },
  } as const
  return {
    s3: new S3Client({
      ...common,
      forcePathStyle: Boolean(env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL),
      // We send our own SHA-256; no extra CRC32 on top of it.
      requestChecksumCalculation: 'WHEN_REQUIRED',
    }),
    iot: new IoTClient(common),
    inspector: new Inspector2Client(common),
  }
}
