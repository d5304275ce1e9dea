// Which idempotency token an AssociateSbomWithPackageVersion request carries.
//
// AWS keeps a client token with the request it first came with ("Don't reuse this client token
// if a new idempotent request is required"), and may keep it account-wide. The full commit SHA
// is the token of a commit's first association of a package version. Every other association
// request the same commit has to make gets a token derived from the commit and what makes the
// request different: never random, so a retried or re-run job sends the same token again and
// AWS answers from its record instead of associating twice.
import { createHash } from 'node:crypto'
import type { PackageVersionRef, S3ObjectVersion } from './iot-sbom.js'

export interface ClientToken {
  readonly value: string
  /** Why this token, for the log. */
  readonly reason: string
}

export interface TokenFacts {
  /** client-token as given: the token of the first association and of a replacement. */
  readonly override: string | undefined
  readonly commitSha: string
  readonly ref: PackageVersionRef
  /** GITHUB_RUN_ID and GITHUB_RUN_ATTEMPT: what tells one run's replacement from another's. */
  readonly runId: string
  readonly runAttempt: string
}

/** 64 hex characters: fits AWS's `\S{36,64}`. */
function derive(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex')
}

/** A version without an SBOM gets its first one: the commit SHA, the product's promise. */
export function firstAssociationToken(facts: TokenFacts): ClientToken {
  if (facts.override) return { value: facts.override, reason: 'client-token input' }
  return { value: facts.commitSha, reason: 'the commit SHA' }
}

/**
 * The commit SHA was already spent on another association of this commit (another package or
 * version: an rc and a final release of one commit, or a matrix of packages).
 */
export function otherVersionToken(facts: TokenFacts): ClientToken {
  return {
    value: derive(
      'iot-sbom-action/package-version',
      facts.commitSha,
      facts.ref.packageName,
      facts.ref.versionName,
    ),
    reason: `SHA-256 of commit, package and version: the commit SHA already names another association request of commit ${facts.commitSha}`,
  }
}

/**
 * Replacing the version's SBOM is a new request even when it names an object that was
 * associated before (v1 → v2 → v1): the run and attempt make it new, so a retry inside this run
 * replays it and a later run does not. `step` tells apart the requests of one replacement
 * (the direct attempt, the one after detaching, the restore of the previous SBOM).
 */
export function replacementToken(
  facts: TokenFacts,
  location: S3ObjectVersion,
  step: 'replace' | 'after-detach' | 'restore',
): ClientToken {
  if (facts.override && step === 'replace')
    return { value: facts.override, reason: 'client-token input' }
  return {
    value: derive(
      `iot-sbom-action/${step}`,
      facts.commitSha,
      facts.ref.packageName,
      facts.ref.versionName,
      location.bucket,
      location.key,
      location.version,
      facts.runId,
      facts.runAttempt,
    ),
    reason: `SHA-256 of commit, package, version, S3 object version, run ${facts.runId || '(none)'} attempt ${facts.runAttempt} (${step === 'replace' ? 'a replacement is a new request' : step === 'after-detach' ? 'associating after detaching' : 'restoring the previous SBOM'})`,
  }
}
