import { describe, expect, it } from 'vitest'
import { awsCall, explainAwsError } from '../../src/aws/explain-error.ts'
import { AwsError } from '../../src/shared/errors.ts'

const what = {
  service: 'IoT',
  operation: 'GetPackageVersion',
  target: 'package version p@v',
} as const

describe('explainAwsError', () => {
  it('names service, operation, target, status, request id and attempts', () => {
    const error = Object.assign(new Error('Rate exceeded'), {
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 400, requestId: 'abc-123', attempts: 5 },
    })
    const explained = explainAwsError(what, error)
    expect(explained).toBeInstanceOf(AwsError)
    expect(explained.message).toBe(
      'IoT GetPackageVersion failed for package version p@v: ThrottlingException: Rate exceeded (HTTP 400, request id abc-123, 5 attempts)',
    )
    expect(explained.hint).toMatch(/throttling/)
    expect(explained.cause).toBe(error)
  })

  it('prefers the call-specific hint over the general one', () => {
    const error = Object.assign(new Error('denied'), {
      name: 'AccessDeniedException',
      $metadata: {},
    })
    expect(
      explainAwsError(what, error, { AccessDeniedException: 'allow iot:GetPackageVersion' }).hint,
    ).toBe('allow iot:GetPackageVersion')
  })

  it('explains missing credentials and unreachable endpoints', () => {
    const credentials = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    })
    expect(explainAwsError(what, credentials).hint).toMatch(/configure-aws-credentials/)
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
      code: 'ECONNREFUSED',
    })
    expect(explainAwsError(what, refused).hint).toMatch(/AWS_ENDPOINT_URL/)
  })

  it('passes results through and wraps non-Error throws', async () => {
    expect(await awsCall(what, async () => 42)).toBe(42)
    await expect(awsCall(what, () => Promise.reject('plain string'))).rejects.toThrow(
      /: Error: plain string/,
    )
  })
})
