// Re-runs, replacements and the package-version lifecycle under AWS's documented rules, through
// the bundled action and the real AWS SDK, against the emulator at its strictest (client tokens
// account-wide per operation, the documented lifecycle only, IAM denials, owner-only bucket
// reads, bodyless HEAD errors, requests never answered). Where AWS's behaviour is undocumented
// (an SBOM on a PUBLISHED version, associating over an SBOM, token lifetime), both settings run.
import { readFile } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import {
  startAwsEmulator,
  type AwsEmulator,
  type EmulatorOptions,
} from '../emulator/aws-emulator.ts'
import { DEFAULT_SHA, runAction, workspaceWith, type ActionRun } from './run-action.ts'

const DEMO_SBOM = new URL('../fixtures/demo/thermostat.cdx.json', import.meta.url)
const PACKAGE = 'thermostat-firmware'
const VERSION = 'v2.4.0'
const BUCKET = 'acme-sboms'
const KEY = `sbom/${PACKAGE}/${VERSION}/${DEFAULT_SHA}.zip`
const INPUTS = {
  'package-name': PACKAGE,
  'version-name': VERSION,
  sbom: 'build/sbom.cdx.json',
  's3-bucket': BUCKET,
}

let emulator: AwsEmulator | undefined
afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

async function start(options: EmulatorOptions = {}): Promise<AwsEmulator> {
  emulator = await startAwsEmulator({
    buckets: { [BUCKET]: { versioning: 'Enabled' } },
    packages: { [PACKAGE]: { versions: { [VERSION]: {} } } },
    ...options,
  })
  return emulator
}

/** The demo SBOM as the build wrote it; `rebuild` n > 0 gives the same SBOM with other bytes. */
async function sbomText(rebuild = 0): Promise<string> {
  const text = await readFile(DEMO_SBOM, 'utf8')
  if (rebuild === 0) return text
  const document = JSON.parse(text) as { components: { description?: string }[] }
  const first = document.components[0]
  if (first) first.description = `rebuilt ${rebuild}`
  return JSON.stringify(document)
}

async function publish(
  aws: AwsEmulator,
  options: { inputs?: Record<string, string>; env?: Record<string, string>; rebuild?: number } = {},
): Promise<ActionRun> {
  return runAction({
    workspace: await workspaceWith({ 'build/sbom.cdx.json': await sbomText(options.rebuild) }),
    inputs: { ...INPUTS, ...options.inputs },
    env: { ...aws.env, ...options.env },
  })
}

const count = (aws: AwsEmulator, operation: string) =>
  aws.requests.filter((request) => request.operation === operation).length
const objectVersions = (aws: AwsEmulator, key = KEY) =>
  aws.state.buckets.get(BUCKET)?.objects.get(key) ?? []
const versionState = (aws: AwsEmulator, packageName = PACKAGE, versionName = VERSION) =>
  aws.state.packages.get(packageName)?.versions.get(versionName)
const associated = (aws: AwsEmulator) =>
  aws.state.associations.filter((record) => record.outcome === 'associated')
const ok = (run: ActionRun) => expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0)

describe('re-runs of one commit', () => {
  it('first publish, identical re-run, regenerated SBOM refused before upload, original bytes green again', async () => {
    const aws = await start()
    const first = await publish(aws)
    ok(first)
    expect(associated(aws)).toHaveLength(1)
    expect(associated(aws)[0]?.clientToken).toBe(DEFAULT_SHA)

    const identical = await publish(aws)
    ok(identical)
    expect(identical.outputs).toMatchObject({
      reused: 'true',
      's3-version-id': first.outputs['s3-version-id'],
      'validation-status': 'SUCCEEDED',
    })
    expect(objectVersions(aws)).toHaveLength(1)
    expect(count(aws, 'AssociateSbomWithPackageVersion')).toBe(1)

    const regenerated = await publish(aws, { rebuild: 1 })
    expect(regenerated.exitCode).toBe(1)
    expect(regenerated.errors.join('\n')).toMatch(
      /already has a different SBOM for this same commit.*Nothing was uploaded or associated.*replace-existing-sbom: true/s,
    )
    expect(count(aws, 'PutObject')).toBe(1)
    expect(objectVersions(aws)).toHaveLength(1)

    const originalAgain = await publish(aws)
    ok(originalAgain)
    expect(originalAgain.outputs['s3-version-id']).toBe(first.outputs['s3-version-id'])
    expect(objectVersions(aws)).toHaveLength(1)
    expect(count(aws, 'AssociateSbomWithPackageVersion')).toBe(1)
  })

  it('an identical re-run needs no listing permission at all', async () => {
    const aws = await start()
    ok(await publish(aws))
    aws.script({
      deny: [{ operation: 'ListObjectVersions' }, { operation: 'ListObjectsV2' }],
    })
    const rerun = await publish(aws)
    ok(rerun)
    expect(rerun.outputs.reused).toBe('true')
    expect(objectVersions(aws)).toHaveLength(1)
  })

  for (const associateOverExistingSbom of ['replace', 'conflict'] as const)
    it(`replace-existing-sbom on the same commit (AWS ${associateOverExistingSbom === 'replace' ? 'associates over an SBOM' : 'needs a detach first'}): the new object version is associated, never a bare version`, async () => {
      const aws = await start({ associateOverExistingSbom })
      const first = await publish(aws)
      ok(first)
      const replaced = await publish(aws, {
        rebuild: 1,
        inputs: { 'replace-existing-sbom': 'true' },
        env: { GITHUB_RUN_ID: '5000', GITHUB_RUN_ATTEMPT: '1' },
      })
      ok(replaced)
      expect(replaced.outputs['s3-version-id']).not.toBe(first.outputs['s3-version-id'])
      expect(versionState(aws)?.sbom).toEqual({
        bucket: BUCKET,
        key: KEY,
        version: replaced.outputs['s3-version-id'],
      })
      expect(replaced.outputs['validation-status']).toBe('SUCCEEDED')
      // The commit SHA is spent on the first association: the replacement carries its own token.
      const tokens = aws.state.associations.map((record) => record.clientToken)
      expect(tokens[0]).toBe(DEFAULT_SHA)
      expect(tokens.slice(1).every((token) => /^[0-9a-f]{64}$/.test(token ?? ''))).toBe(true)
      expect(replaced.stdout).toMatch(
        /client token [0-9a-f]{64} \(SHA-256 of commit, package, version, S3 object version, run 5000 attempt 1/,
      )
      expect(count(aws, 'DisassociateSbomFromPackageVersion')).toBe(
        associateOverExistingSbom === 'replace' ? 0 : 1,
      )
      expect(aws.state.associations.filter((r) => r.outcome === 'rejected')).toHaveLength(
        associateOverExistingSbom === 'replace' ? 0 : 1,
      )

      // Back and forth (v1 → v2 → v1) in later runs: each replacement is a new request.
      const back = await publish(aws, {
        inputs: { 'replace-existing-sbom': 'true' },
        env: { GITHUB_RUN_ID: '5001', GITHUB_RUN_ATTEMPT: '1' },
      })
      ok(back)
      // The key's latest version held v2, so v1's bytes become a new object version.
      expect(versionState(aws)?.sbom?.version).toBe(back.outputs['s3-version-id'])
      expect(objectVersions(aws).at(-1)?.sha256).toBe(objectVersions(aws)[0]?.sha256)
      expect(associated(aws)).toHaveLength(3)
      expect(new Set(associated(aws).map((record) => record.clientToken)).size).toBe(3)
    })
})

describe('one commit, several package versions', () => {
  for (const clientTokenLifetimeMs of [undefined, 0])
    it(`rc then final on the same commit: both green, each with its SBOM (tokens ${clientTokenLifetimeMs === undefined ? 'kept forever' : 'forgotten at once'})`, async () => {
      const aws = await start({
        clientTokenLifetimeMs,
        packages: { [PACKAGE]: { versions: { '2.0.0-rc1': {}, '2.0.0': {} } } },
      })
      const rc = await publish(aws, { inputs: { 'version-name': '2.0.0-rc1' } })
      ok(rc)
      const final = await publish(aws, { inputs: { 'version-name': '2.0.0' } })
      ok(final)
      for (const [name, run] of [
        ['2.0.0-rc1', rc],
        ['2.0.0', final],
      ] as const)
        expect(versionState(aws, PACKAGE, name)?.sbom).toMatchObject({
          key: `sbom/${PACKAGE}/${name}/${DEFAULT_SHA}.zip`,
          version: run.outputs['s3-version-id'],
        })
      const tokens = associated(aws).map((record) => record.clientToken)
      expect(tokens[0]).toBe(DEFAULT_SHA)
      if (clientTokenLifetimeMs === undefined) {
        expect(tokens[1]).toMatch(/^[0-9a-f]{64}$/)
        expect(final.stdout).toContain(
          'this commit has most likely used it for another package or version',
        )
      } else expect(tokens[1]).toBe(DEFAULT_SHA)
      // A re-run of the final release replays nothing and changes nothing.
      ok(await publish(aws, { inputs: { 'version-name': '2.0.0' } }))
      expect(associated(aws)).toHaveLength(2)
    })

  it('three packages of one commit in a matrix, at once: all green, each with its own SBOM', async () => {
    const names = ['gateway-fw', 'sensor-fw', 'display-fw']
    const aws = await start({
      packages: Object.fromEntries(names.map((name) => [name, { versions: { [VERSION]: {} } }])),
      validation: { outcome: 'SUCCEEDED', afterPolls: 2 },
    })
    const runs = await Promise.all(
      names.map((name) => publish(aws, { inputs: { 'package-name': name } })),
    )
    runs.forEach(ok)
    names.forEach((name, index) =>
      expect(versionState(aws, name)?.sbom).toMatchObject({
        key: `sbom/${name}/${VERSION}/${DEFAULT_SHA}.zip`,
        version: runs[index]?.outputs['s3-version-id'],
      }),
    )
    const tokens = associated(aws).map((record) => record.clientToken)
    expect(tokens).toHaveLength(3)
    expect(new Set(tokens).size).toBe(3)
    expect(tokens).toContain(DEFAULT_SHA)
  })
})

describe('the package-version lifecycle', () => {
  it('PUBLISHED + publish-package-version: no PUBLISH call, it says so', async () => {
    const aws = await start()
    ok(await publish(aws, { inputs: { 'publish-package-version': 'true' } }))
    expect(versionState(aws)?.status).toBe('PUBLISHED')
    expect(count(aws, 'UpdatePackageVersion')).toBe(1)
    const rerun = await publish(aws, { inputs: { 'publish-package-version': 'true' } })
    ok(rerun)
    expect(count(aws, 'UpdatePackageVersion')).toBe(1)
    expect(rerun.stdout).toContain(`${PACKAGE}@${VERSION} is already PUBLISHED: no PUBLISH call`)
  })

  for (const sbomOnPublishedVersion of ['accept', 'refuse'] as const)
    it(`a PUBLISHED version without an SBOM, where AWS would ${sbomOnPublishedVersion} one`, async () => {
      const aws = await start({
        sbomOnPublishedVersion,
        packages: { [PACKAGE]: { versions: { [VERSION]: { status: 'PUBLISHED' } } } },
      })
      const run = await publish(aws, { inputs: { 'publish-package-version': 'true' } })
      expect(count(aws, 'UpdatePackageVersion')).toBe(0)
      if (sbomOnPublishedVersion === 'accept') {
        ok(run)
        expect(versionState(aws)?.sbom?.key).toBe(KEY)
      } else {
        expect(run.exitCode).toBe(1)
        expect(run.errors.join('\n')).toMatch(
          /ConflictException.*is PUBLISHED\. AWS does not document whether a PUBLISHED version takes a new SBOM/s,
        )
        expect(versionState(aws)?.sbom).toBeUndefined()
      }
    })

  it('DEPRECATED: refused before anything is uploaded, never re-published', async () => {
    const aws = await start({
      packages: { [PACKAGE]: { versions: { [VERSION]: { status: 'DEPRECATED' } } } },
    })
    const run = await publish(aws, { inputs: { 'publish-package-version': 'true' } })
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(/is DEPRECATED.*Nothing was uploaded or associated/s)
    expect(count(aws, 'PutObject')).toBe(0)
    expect(count(aws, 'AssociateSbomWithPackageVersion')).toBe(0)
    expect(count(aws, 'UpdatePackageVersion')).toBe(0)
    expect(versionState(aws)?.status).toBe('DEPRECATED')
  })

  it('DEPRECATED with this very SBOM: left as it is, with a warning', async () => {
    const aws = await start({ sbomOnPublishedVersion: 'accept' })
    ok(await publish(aws, { inputs: { 'publish-package-version': 'true' } }))
    const version = versionState(aws)
    if (version) version.status = 'DEPRECATED'
    const rerun = await publish(aws, { inputs: { 'publish-package-version': 'true' } })
    ok(rerun)
    expect(rerun.warnings.join('\n')).toContain('is DEPRECATED; it already holds this SBOM')
    expect(versionState(aws)?.status).toBe('DEPRECATED')
    expect(count(aws, 'UpdatePackageVersion')).toBe(1)
  })

  it("shows AWS's errorReason for the version, and with a FAILED verdict", async () => {
    const aws = await start({
      packages: { [PACKAGE]: { versions: { [VERSION]: { errorReason: 'Artifact missing' } } } },
      validation: {
        outcome: 'FAILED',
        errorReason: 'SBOM validation failed',
        failures: [{ errorCode: 'INCOMPATIBLE_FORMAT', errorMessage: 'not CycloneDX' }],
      },
    })
    const run = await publish(aws)
    expect(run.exitCode).toBe(1)
    expect(run.warnings.join('\n')).toContain('Artifact missing')
    expect(run.errors.join('\n')).toContain("AWS's error reason: SBOM validation failed")
  })
})

describe('permissions and odd answers', () => {
  it('an OCSF prefix the role may not write: the SBOM is associated first, the OCSF failure reported after', async () => {
    const aws = await start({ deny: [{ operation: 'PutObject', keyPrefix: 'ocsf/' }] })
    const run = await publish(aws, {
      inputs: { 'ocsf-output': 'reports/sbom.ocsf.json', 'ocsf-s3-key-prefix': 'ocsf/' },
    })
    expect(run.exitCode).toBe(1)
    expect(versionState(aws)?.sbom?.key).toBe(KEY)
    expect(run.outputs['validation-status']).toBe('SUCCEEDED')
    const order = aws.requests.map((r) => `${r.operation}${r.errorCode ? `:${r.errorCode}` : ''}`)
    expect(order.indexOf('PutObject:AccessDenied')).toBeGreaterThan(
      order.indexOf('AssociateSbomWithPackageVersion'),
    )
    expect(run.errors.join('\n')).toMatch(
      /The SBOM is associated, but the OCSF event could not be uploaded.*AccessDenied.*Re-running the job is safe/s,
    )
  })

  it('a bucket of another account (GetBucketVersioning is owner-only): publishes with a warning', async () => {
    const aws = await start({ buckets: { [BUCKET]: { versioning: 'Enabled', owner: 'other' } } })
    const run = await publish(aws)
    ok(run)
    expect(run.warnings.join('\n')).toContain('only the bucket owner may call GetBucketVersioning')
    expect(run.outputs['s3-version-id']).toMatch(/\S{20,}/)
  })

  it('a bucket of another account with versioning suspended: stopped by the missing version id', async () => {
    const aws = await start({
      buckets: { [BUCKET]: { versioning: 'Suspended', owner: 'other' } },
    })
    const run = await publish(aws)
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(/without a version id.*put-bucket-versioning/s)
    expect(count(aws, 'AssociateSbomWithPackageVersion')).toBe(0)
  })

  it('a denied ListSbomValidationResults does not fail a SUCCEEDED validation', async () => {
    const aws = await start({ deny: [{ operation: 'ListSbomValidationResults' }] })
    const run = await publish(aws)
    ok(run)
    expect(run.outputs['validation-status']).toBe('SUCCEEDED')
    expect(run.warnings.join('\n')).toMatch(
      /per-file results could not be listed.*iot:ListSbomValidationResults/s,
    )
  })

  it('a HEAD denied (403 without a body) names the permission, not "UnknownError"', async () => {
    const aws = await start()
    ok(await publish(aws))
    aws.script({ deny: [{ operation: 'HeadObject' }] })
    const run = await publish(aws)
    expect(run.exitCode).toBe(1)
    const errors = run.errors.join('\n')
    expect(errors).toMatch(/S3 HeadObject failed .*AccessDenied: HTTP 403 without an error body/)
    expect(errors).toContain('s3:GetObjectVersion')
    expect(errors).not.toContain('UnknownError')
  })

  it('S3 409 ConditionalRequestConflict once: green, one object version', async () => {
    const aws = await start({
      faults: [{ service: 's3', operation: 'PutObject', kind: 'conditional-conflict', count: 1 }],
    })
    const run = await publish(aws)
    ok(run)
    expect(aws.requests.filter((r) => r.errorCode === 'ConditionalRequestConflict')).toHaveLength(1)
    expect(objectVersions(aws)).toHaveLength(1)
  })

  it('an IoT request accepted and never answered: abandoned after the idle timeout and retried', async () => {
    const aws = await start({
      faults: [
        { service: 'iot', operation: 'AssociateSbomWithPackageVersion', kind: 'hang', count: 1 },
      ],
    })
    const run = await publish(aws, { inputs: { 'aws-request-timeout-seconds': '1' } })
    ok(run)
    expect(aws.requests.filter((r) => r.status === -2)).toHaveLength(1)
    // The retry carries the same token: one association, not two.
    expect(associated(aws)).toHaveLength(1)
    expect(aws.state.associations.map((r) => r.outcome)).toEqual(['associated'])
  })

  it('an S3 request never answered, every time: fails in bounded time naming the operation', async () => {
    const aws = await start({
      faults: [{ service: 's3', operation: 'HeadObject', kind: 'hang', count: 100 }],
    })
    const started = Date.now()
    const run = await publish(aws, { inputs: { 'aws-request-timeout-seconds': '1' } })
    const seconds = (Date.now() - started) / 1000
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(/S3 HeadObject failed .*TimeoutError.*5 attempts/s)
    expect(run.errors.join('\n')).toContain('did not answer HeadObject in time')
    expect(aws.requests.filter((r) => r.status === -2)).toHaveLength(5)
    // 5 attempts of 1 s idle each plus the SDK's backoff; nowhere near the job's timeout.
    expect(seconds).toBeLessThan(60)
    expect(count(aws, 'PutObject')).toBe(0)
  })
})
