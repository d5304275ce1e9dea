// Associating an SBOM with a package version under AWS's token rule: the version's first SBOM,
// and replacing one without ever leaving the version bare unless the error says so.
import type { IoTClient } from '@aws-sdk/client-iot'
import { AwsError, errorMessage } from '../shared/errors.js'
import type { Logger } from '../shared/logger.js'
import {
  firstAssociationToken,
  otherVersionToken,
  replacementToken,
  type ClientToken,
  type TokenFacts,
} from './client-token.js'
import {
  associateSbom,
  describeObjectVersion,
  disassociateSbom,
  readPackageVersion,
  sameObjectVersion,
  type CurrentSbom,
  type PackageVersionRef,
  type PackageVersionStatus,
  type S3ObjectVersion,
  type Verdict,
} from './iot-sbom.js'

async function associateWith(
  iot: IoTClient,
  ref: PackageVersionRef,
  location: S3ObjectVersion,
  token: ClientToken,
  versionStatus: PackageVersionStatus,
  log: Logger,
): Promise<Verdict> {
  const status = await associateSbom(iot, ref, location, token.value, versionStatus)
  log.info(
    `Associated ${describeObjectVersion(location)} with ${ref.packageName}@${ref.versionName}, client token ${token.value} (${token.reason}); validation ${status}.`,
  )
  return status
}

const isConflict = (error: unknown): boolean =>
  error instanceof AwsError && error.awsName === 'ConflictException'

/**
 * The version's first SBOM: the commit SHA as token. When AWS says the SHA is taken (this commit
 * already associated another package or version with it), a token derived from the package and
 * version takes its place; a concurrent run that attached the same object is fine.
 */
export async function attachFirstSbom(
  iot: IoTClient,
  ref: PackageVersionRef,
  location: S3ObjectVersion,
  tokens: TokenFacts,
  versionStatus: PackageVersionStatus,
  log: Logger,
): Promise<Verdict> {
  try {
    return await associateWith(
      iot,
      ref,
      location,
      firstAssociationToken(tokens),
      versionStatus,
      log,
    )
  } catch (error) {
    if (!isConflict(error) || tokens.override) throw error
    const now = await readPackageVersion(iot, ref)
    if (now?.sbom && sameObjectVersion(now.sbom.location, location)) {
      log.info(`A concurrent run associated ${describeObjectVersion(location)} first.`)
      return now.sbom.status
    }
    if (now?.sbom)
      throw refuseReplacing(ref, now.sbom.location, now.sbom.location.key === location.key, true)
    log.info(
      `AWS answered ConflictException for the commit SHA as client token: this commit has most likely used it for another package or version; trying the token derived for this one.`,
    )
    return await associateWith(iot, ref, location, otherVersionToken(tokens), versionStatus, log)
  }
}

/**
 * replace-existing-sbom: the new object version takes the old one's place. One Associate call
 * when AWS allows associating over an SBOM; when it refuses (ConflictException), detach and
 * associate, and if that association fails, put the previous SBOM back before reporting: the
 * version is never left without an SBOM unless the run says so in its error.
 */
export async function replaceSbom(
  iot: IoTClient,
  ref: PackageVersionRef,
  previous: CurrentSbom,
  location: S3ObjectVersion,
  tokens: TokenFacts,
  versionStatus: PackageVersionStatus,
  log: Logger,
): Promise<Verdict> {
  const was = describeObjectVersion(previous.location)
  try {
    const status = await associateWith(
      iot,
      ref,
      location,
      replacementToken(tokens, location, 'replace'),
      versionStatus,
      log,
    )
    log.info(`replace-existing-sbom: ${was} was replaced in one call.`)
    return status
  } catch (error) {
    if (!isConflict(error)) throw error
    log.info(
      `AWS refused to associate over the existing SBOM (ConflictException): detaching ${was} first.`,
    )
  }
  await disassociateSbom(iot, ref, versionStatus)
  log.info(`replace-existing-sbom: detached ${was} from ${ref.packageName}@${ref.versionName}.`)
  try {
    return await associateWith(
      iot,
      ref,
      location,
      replacementToken(tokens, location, 'after-detach'),
      versionStatus,
      log,
    )
  } catch (error) {
    const failure = error instanceof AwsError ? error : new AwsError(errorMessage(error))
    const restore = replacementToken(tokens, previous.location, 'restore')
    try {
      await associateSbom(iot, ref, previous.location, restore.value, versionStatus)
    } catch (restoreError) {
      throw new AwsError(
        `${ref.packageName}@${ref.versionName} has NO SBOM now: ${was} was detached, associating the new one failed (${failure.message}), and putting the previous one back failed too (${errorMessage(restoreError)}).`,
        {
          hint: `Re-run the job, or attach the previous SBOM by hand: aws iot associate-sbom-with-package-version --package-name ${ref.packageName} --version-name ${ref.versionName} --sbom 's3Location={bucket=${previous.location.bucket},key=${previous.location.key},version=${previous.location.version}}'`,
          cause: error,
          awsName: failure.awsName,
        },
      )
    }
    throw new AwsError(
      `${failure.message}\nThe previous SBOM ${was} was associated again (client token ${restore.value}), so ${ref.packageName}@${ref.versionName} is as it was.`,
      { hint: failure.hint, cause: error, awsName: failure.awsName },
    )
  }
}

/** A version holds one SBOM: refuse (before uploading, where possible) to overwrite another. */
export function refuseReplacing(
  ref: PackageVersionRef,
  existing: S3ObjectVersion,
  sameKey: boolean,
  uploaded = false,
): AwsError {
  const what = sameKey
    ? `a different SBOM for this same commit: ${describeObjectVersion(existing)} (the SBOM was built again with different bytes, e.g. a new timestamp)`
    : `a different SBOM associated: ${describeObjectVersion(existing)}`
  return new AwsError(
    `${ref.packageName}@${ref.versionName} already has ${what}. ${uploaded ? 'It was attached by a concurrent run while this one uploaded; nothing was associated.' : 'Nothing was uploaded or associated.'}`,
    {
      hint: 'A package version holds one SBOM. If this run should replace it (e.g. a rebuilt release), set replace-existing-sbom: true; otherwise publish under a new version-name, or make the SBOM build reproducible so a re-run gives the same bytes.',
    },
  )
}
