// The association strategies' narrow branches (what AWS answers in between), with a mocked IoT
// client; the end-to-end outcomes are in __tests__/e2e/aws-rules.e2e.test.ts.
import {
  AssociateSbomWithPackageVersionCommand,
  ConflictException,
  DisassociateSbomFromPackageVersionCommand,
  GetPackageVersionCommand,
  IoTClient,
  ValidationException,
} from '@aws-sdk/client-iot'
import { mockClient } from 'aws-sdk-client-mock'
import { beforeEach, describe, expect, it } from 'vitest'
import { attachFirstSbom, replaceSbom } from '../../src/aws/association.ts'
import {
  firstAssociationToken,
  otherVersionToken,
  replacementToken,
  type TokenFacts,
} from '../../src/aws/client-token.ts'
import { AwsError } from '../../src/shared/errors.ts'
import type { Logger } from '../../src/shared/logger.ts'

const iotMock = mockClient(IoTClient)
const iot = new IoTClient({ region: 'eu-west-1' })
const ref = { packageName: 'thermostat', versionName: 'v1' }
const SHA = '0123456789abcdef0123456789abcdef01234567'
const facts: TokenFacts = { override: undefined, commitSha: SHA, ref, runId: '77', runAttempt: '1' }
const oldSbom = {
  location: { bucket: 'b', key: 'sbom/thermostat/v1/old.zip', version: 'old' },
  status: 'SUCCEEDED' as const,
}
const newLocation = { bucket: 'b', key: 'sbom/thermostat/v1/new.zip', version: 'new' }
const conflict = () =>
  new ConflictException({
    message: 'conflict',
    $metadata: { httpStatusCode: 409 },
    resourceId: 'x',
  })

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = []
  return {
    lines,
    info: (m) => lines.push(m),
    notice: (m) => lines.push(`notice ${m}`),
    warning: (m) => lines.push(`warning ${m}`),
    debug: () => {},
  }
}

const tokensSent = () =>
  iotMock
    .commandCalls(AssociateSbomWithPackageVersionCommand)
    .map((call) => call.args[0].input.clientToken)

beforeEach(() => iotMock.reset())

describe('client tokens', () => {
  it('fit AWS (\\S{36,64}), differ by what differs, and repeat for the same request', () => {
    const all = [
      firstAssociationToken(facts).value,
      otherVersionToken(facts).value,
      otherVersionToken({ ...facts, ref: { ...ref, versionName: 'v2' } }).value,
      replacementToken(facts, newLocation, 'replace').value,
      replacementToken({ ...facts, runAttempt: '2' }, newLocation, 'replace').value,
      replacementToken(facts, { ...newLocation, version: 'other' }, 'replace').value,
      replacementToken(facts, newLocation, 'after-detach').value,
      replacementToken(facts, newLocation, 'restore').value,
    ]
    for (const token of all) expect(token).toMatch(/^\S{36,64}$/)
    expect(new Set(all).size).toBe(all.length)
    expect(all[0]).toBe(SHA)
    expect(otherVersionToken(facts).value).toBe(all[1])
    expect(replacementToken(facts, newLocation, 'replace').value).toBe(all[3])
  })

  it('client-token overrides the first association and the replacement, not the repairs', () => {
    const given = { ...facts, override: 'x'.repeat(40) }
    expect(firstAssociationToken(given).value).toBe('x'.repeat(40))
    expect(replacementToken(given, newLocation, 'replace').value).toBe('x'.repeat(40))
    expect(replacementToken(given, newLocation, 'restore').value).not.toBe('x'.repeat(40))
  })
})

describe('attachFirstSbom', () => {
  it('uses the commit SHA, and a derived token when AWS says the SHA is taken', async () => {
    iotMock
      .on(AssociateSbomWithPackageVersionCommand)
      .rejectsOnce(conflict())
      .resolves({ sbomValidationStatus: 'IN_PROGRESS' })
    iotMock.on(GetPackageVersionCommand).resolves({ status: 'DRAFT' })
    const log = recordingLogger()
    expect(await attachFirstSbom(iot, ref, newLocation, facts, 'DRAFT', log)).toBe('IN_PROGRESS')
    expect(tokensSent()).toEqual([SHA, otherVersionToken(facts).value])
    expect(log.lines.join('\n')).toContain('SHA-256 of commit, package and version')
  })

  it('takes a concurrent run having attached the same object as success', async () => {
    iotMock.on(AssociateSbomWithPackageVersionCommand).rejects(conflict())
    iotMock.on(GetPackageVersionCommand).resolves({
      status: 'DRAFT',
      sbom: { s3Location: newLocation },
      sbomValidationStatus: 'SUCCEEDED',
    })
    expect(await attachFirstSbom(iot, ref, newLocation, facts, 'DRAFT', recordingLogger())).toBe(
      'SUCCEEDED',
    )
    expect(tokensSent()).toEqual([SHA])
  })

  it('refuses when a concurrent run attached a different SBOM meanwhile', async () => {
    iotMock.on(AssociateSbomWithPackageVersionCommand).rejects(conflict())
    iotMock
      .on(GetPackageVersionCommand)
      .resolves({ status: 'DRAFT', sbom: { s3Location: oldSbom.location } })
    const error = (await attachFirstSbom(
      iot,
      ref,
      newLocation,
      facts,
      'DRAFT',
      recordingLogger(),
    ).catch((e: unknown) => e)) as AwsError
    expect(error.message).toMatch(/already has a different SBOM associated.*concurrent run/s)
    expect(error.hint).toContain('replace-existing-sbom: true')
  })

  it('with client-token given, a conflict is the user’s to resolve: no derived retry', async () => {
    iotMock.on(AssociateSbomWithPackageVersionCommand).rejects(conflict())
    const error = (await attachFirstSbom(
      iot,
      ref,
      newLocation,
      { ...facts, override: 'y'.repeat(40) },
      'DRAFT',
      recordingLogger(),
    ).catch((e: unknown) => e)) as AwsError
    expect(error.awsName).toBe('ConflictException')
    expect(error.hint).toMatch(/already used for a different request.*client-token/s)
    expect(tokensSent()).toEqual(['y'.repeat(40)])
  })
})

describe('replaceSbom', () => {
  it('replaces in one call where AWS allows associating over an SBOM', async () => {
    iotMock
      .on(AssociateSbomWithPackageVersionCommand)
      .resolves({ sbomValidationStatus: 'IN_PROGRESS' })
    const log = recordingLogger()
    await replaceSbom(iot, ref, oldSbom, newLocation, facts, 'DRAFT', log)
    expect(iotMock.commandCalls(DisassociateSbomFromPackageVersionCommand)).toHaveLength(0)
    expect(tokensSent()).toEqual([replacementToken(facts, newLocation, 'replace').value])
    expect(log.lines.join('\n')).toContain('replaced in one call')
  })

  it('detaches first where AWS refuses, then associates with its own token', async () => {
    iotMock
      .on(AssociateSbomWithPackageVersionCommand)
      .rejectsOnce(conflict())
      .resolves({ sbomValidationStatus: 'IN_PROGRESS' })
    await replaceSbom(iot, ref, oldSbom, newLocation, facts, 'DRAFT', recordingLogger())
    expect(iotMock.commandCalls(DisassociateSbomFromPackageVersionCommand)).toHaveLength(1)
    expect(tokensSent()).toEqual([
      replacementToken(facts, newLocation, 'replace').value,
      replacementToken(facts, newLocation, 'after-detach').value,
    ])
  })

  it('puts the previous SBOM back when the new one cannot be associated after detaching', async () => {
    iotMock
      .on(AssociateSbomWithPackageVersionCommand)
      .rejectsOnce(conflict())
      .rejectsOnce(
        new ValidationException({ message: 'Unable to access the SBOM file', $metadata: {} }),
      )
      .resolves({ sbomValidationStatus: 'SUCCEEDED' })
    const error = (await replaceSbom(
      iot,
      ref,
      oldSbom,
      newLocation,
      facts,
      'DRAFT',
      recordingLogger(),
    ).catch((e: unknown) => e)) as AwsError
    expect(error).toBeInstanceOf(AwsError)
    expect(error.message).toMatch(
      /Unable to access the SBOM file.*previous SBOM .*old\.zip.* associated again/s,
    )
    const restore = iotMock.commandCalls(AssociateSbomWithPackageVersionCommand)[2]?.args[0].input
    expect(restore?.sbom?.s3Location).toEqual(oldSbom.location)
    expect(restore?.clientToken).toBe(replacementToken(facts, oldSbom.location, 'restore').value)
  })

  it('says plainly, with the command that repairs it, when the version is left without an SBOM', async () => {
    iotMock
      .on(AssociateSbomWithPackageVersionCommand)
      .rejectsOnce(conflict())
      .rejects(new ValidationException({ message: 'refused', $metadata: {} }))
    const error = (await replaceSbom(
      iot,
      ref,
      oldSbom,
      newLocation,
      facts,
      'DRAFT',
      recordingLogger(),
    ).catch((e: unknown) => e)) as AwsError
    expect(error.message).toMatch(/thermostat@v1 has NO SBOM now/)
    expect(error.hint).toContain(
      "aws iot associate-sbom-with-package-version --package-name thermostat --version-name v1 --sbom 's3Location={bucket=b,key=sbom/thermostat/v1/old.zip,version=old}'",
    )
  })

  it('leaves the SBOM in place when detaching is refused (e.g. a PUBLISHED version)', async () => {
    iotMock.on(AssociateSbomWithPackageVersionCommand).rejects(conflict())
    iotMock.on(DisassociateSbomFromPackageVersionCommand).rejects(conflict())
    const error = (await replaceSbom(
      iot,
      ref,
      oldSbom,
      newLocation,
      facts,
      'PUBLISHED',
      recordingLogger(),
    ).catch((e: unknown) => e)) as AwsError
    expect(error.message).toContain('DisassociateSbomFromPackageVersion failed')
    expect(error.hint).toMatch(/is PUBLISHED.*DRAFT/)
    expect(iotMock.commandCalls(AssociateSbomWithPackageVersionCommand)).toHaveLength(1)
  })
})
