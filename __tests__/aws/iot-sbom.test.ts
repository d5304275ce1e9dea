import {
  AssociateSbomWithPackageVersionCommand,
  ConflictException,
  CreatePackageCommand,
  CreatePackageVersionCommand,
  GetPackageVersionCommand,
  IoTClient,
  ListSbomValidationResultsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-iot'
import { mockClient } from 'aws-sdk-client-mock'
import { beforeEach, describe, expect, it } from 'vitest'
import {
  associateSbom,
  ensurePackageVersion,
  failuresOf,
  listValidationResults,
  waitForValidation,
} from '../../src/aws/iot-sbom.ts'
import { AwsError } from '../../src/shared/errors.ts'
import { silentLogger } from '../../src/shared/logger.ts'
import type { Clock } from '../../src/shared/poll.ts'

const iotMock = mockClient(IoTClient)
const iot = new IoTClient({ region: 'eu-west-1' })
const ref = { packageName: 'thermostat', versionName: 'v1' }
const location = { bucket: 'b', key: 'k', version: 'v' }
const token = 'a'.repeat(40)
const notFound = () =>
  new ResourceNotFoundException({ message: 'not found', $metadata: { httpStatusCode: 404 } })

function instantClock(): Clock {
  let now = 0
  return { now: () => now, sleep: async (ms) => void (now += ms) }
}

beforeEach(() => iotMock.reset())

describe('ensurePackageVersion', () => {
  it('leaves an existing version untouched', async () => {
    iotMock.on(GetPackageVersionCommand).resolves({ status: 'DRAFT' })
    await ensurePackageVersion(
      iot,
      ref,
      { allowed: true, description: '', attributes: {} },
      silentLogger,
    )
    expect(iotMock.commandCalls(GetPackageVersionCommand)).toHaveLength(1)
    expect(iotMock.commandCalls(CreatePackageCommand)).toHaveLength(0)
    expect(iotMock.commandCalls(CreatePackageVersionCommand)).toHaveLength(0)
  })

  it('says how to create a missing version when creation is off', async () => {
    iotMock.on(GetPackageVersionCommand).rejects(notFound())
    const error = (await ensurePackageVersion(
      iot,
      ref,
      { allowed: false, description: '', attributes: {} },
      silentLogger,
    ).catch((e: unknown) => e)) as AwsError
    expect(error).toBeInstanceOf(AwsError)
    expect(error.message).toContain('thermostat@v1 does not exist')
    expect(error.hint).toContain('create-package-version: true')
  })

  it('creates package and version when allowed, tolerating an existing package', async () => {
    iotMock.on(GetPackageVersionCommand).rejectsOnce(notFound()).resolves({ status: 'DRAFT' })
    iotMock
      .on(CreatePackageCommand)
      .rejects(new ConflictException({ message: 'exists', $metadata: {}, resourceId: 'x' }))
    iotMock.on(CreatePackageVersionCommand).resolves({ status: 'DRAFT' })
    await ensurePackageVersion(
      iot,
      ref,
      { allowed: true, description: 'made by test', attributes: { commit: 'abc' } },
      silentLogger,
    )
    expect(iotMock.commandCalls(CreatePackageVersionCommand)[0]?.args[0].input).toMatchObject({
      ...ref,
      description: 'made by test',
      attributes: { commit: 'abc' },
    })
  })

  it('tolerates a concurrent run creating the version first, but not other errors', async () => {
    iotMock
      .on(GetPackageVersionCommand)
      .rejectsOnce(notFound())
      .resolvesOnce({ status: 'DRAFT' })
      .rejects(notFound())
    iotMock.on(CreatePackageCommand).resolves({})
    iotMock
      .on(CreatePackageVersionCommand)
      .rejectsOnce(new ConflictException({ message: 'exists', $metadata: {}, resourceId: 'x' }))
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException', $metadata: {} }))
    const creation = { allowed: true, description: '', attributes: {} }
    await expect(ensurePackageVersion(iot, ref, creation, silentLogger)).resolves.toMatchObject({
      status: 'DRAFT',
      sbom: undefined,
    })
    await expect(ensurePackageVersion(iot, ref, creation, silentLogger)).rejects.toThrow(
      /CreatePackageVersion failed.*AccessDeniedException/,
    )
  })
})

describe('associateSbom', () => {
  it('sends the exact object version and the client token', async () => {
    iotMock
      .on(AssociateSbomWithPackageVersionCommand)
      .resolves({ sbomValidationStatus: 'IN_PROGRESS' })
    expect(await associateSbom(iot, ref, location, token, 'DRAFT')).toBe('IN_PROGRESS')
    expect(iotMock.commandCalls(AssociateSbomWithPackageVersionCommand)[0]?.args[0].input).toEqual({
      ...ref,
      sbom: { s3Location: location },
      clientToken: token,
    })
  })

  it('explains a reused token', async () => {
    iotMock.on(AssociateSbomWithPackageVersionCommand).rejects(
      new ConflictException({
        message: 'token reused',
        $metadata: { requestId: 'R1' },
        resourceId: 'x',
      }),
    )
    const error = (await associateSbom(iot, ref, location, token, 'DRAFT').catch(
      (e: unknown) => e,
    )) as AwsError
    expect(error.message).toContain(
      'IoT AssociateSbomWithPackageVersion failed for package version thermostat@v1: ConflictException',
    )
    expect(error.hint).toContain('client-token')
  })
})

describe('waitForValidation', () => {
  it('polls until a final status', async () => {
    iotMock
      .on(GetPackageVersionCommand)
      .resolvesOnce({ sbomValidationStatus: 'IN_PROGRESS' })
      .resolvesOnce({ sbomValidationStatus: 'IN_PROGRESS' })
      .resolves({ sbomValidationStatus: 'FAILED' })
    const outcome = await waitForValidation(
      iot,
      ref,
      { timeoutSeconds: 600, clock: instantClock() },
      silentLogger,
    )
    expect(outcome).toMatchObject({ status: 'FAILED', timedOut: false, polls: 3 })
  })

  it('gives up at the deadline with IN_PROGRESS', async () => {
    iotMock.on(GetPackageVersionCommand).resolves({ sbomValidationStatus: 'IN_PROGRESS' })
    const clock = instantClock()
    const outcome = await waitForValidation(iot, ref, { timeoutSeconds: 30, clock }, silentLogger)
    expect(outcome).toMatchObject({ status: 'IN_PROGRESS', timedOut: true })
    expect(clock.now()).toBe(30_000)
  })
})

describe('listValidationResults', () => {
  it('pages through every file result, both verdicts, and picks the failures out', async () => {
    iotMock
      .on(ListSbomValidationResultsCommand)
      .resolvesOnce({
        validationResultSummaries: [
          {
            fileName: 'a.json',
            validationResult: 'FAILED',
            errorCode: 'INCOMPATIBLE_FORMAT',
            errorMessage: 'bad',
          },
        ],
        nextToken: 'page2',
      })
      .resolves({
        validationResultSummaries: [{ fileName: 'b.json', validationResult: 'SUCCEEDED' }],
      })
    const results = await listValidationResults(iot, ref)
    expect(results).toEqual([
      {
        fileName: 'a.json',
        result: 'FAILED',
        errorCode: 'INCOMPATIBLE_FORMAT',
        errorMessage: 'bad',
      },
      { fileName: 'b.json', result: 'SUCCEEDED', errorCode: undefined, errorMessage: undefined },
    ])
    expect(failuresOf(results)).toEqual([
      { fileName: 'a.json', errorCode: 'INCOMPATIBLE_FORMAT', errorMessage: 'bad' },
    ])
    expect(iotMock.commandCalls(ListSbomValidationResultsCommand)[1]?.args[0].input).toMatchObject({
      nextToken: 'page2',
    })
  })
})
