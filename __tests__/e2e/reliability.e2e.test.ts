// Re-runs, races, faults and secrets, end to end: the bundled action against the loopback AWS
// emulator through the real AWS SDK (its own retry modes; the action adds no retry layer).
import { mkdir, mkdtemp, symlink, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  startAwsEmulator,
  type AwsEmulator,
  type EmulatorOptions,
  type FaultScript,
} from '../emulator/aws-emulator.ts'
import { DEFAULT_SHA, runAction, workspaceWith, type ActionRun } from './run-action.ts'

const DEMO_SBOM = new URL('../fixtures/demo/thermostat.cdx.json', import.meta.url)
const PACKAGE = 'thermostat-firmware'
const VERSION = 'v2.4.0'
const INPUTS = {
  'package-name': PACKAGE,
  'version-name': VERSION,
  sbom: 'build/sbom.cdx.json',
  's3-bucket': 'acme-sboms',
}
const OTHER_SHA = 'fedcba9876543210fedcba9876543210fedcba98'

let emulator: AwsEmulator | undefined
afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

async function start(options: EmulatorOptions = {}): Promise<AwsEmulator> {
  emulator = await startAwsEmulator({
    buckets: { 'acme-sboms': { versioning: 'Enabled' } },
    packages: { [PACKAGE]: { versions: { [VERSION]: {} } } },
    ...options,
  })
  return emulator
}

async function publish(
  aws: AwsEmulator,
  options: { inputs?: Record<string, string>; env?: Record<string, string> } = {},
): Promise<ActionRun> {
  return runAction({
    workspace: await workspaceWith({ 'build/sbom.cdx.json': DEMO_SBOM }),
    inputs: { ...INPUTS, ...options.inputs },
    env: { ...aws.env, ...options.env },
  })
}

const operations = (aws: AwsEmulator) => aws.requests.map((request) => request.operation)
const count = (aws: AwsEmulator, operation: string) =>
  operations(aws).filter((name) => name === operation).length
const s3Versions = (aws: AwsEmulator) =>
  [...(aws.state.buckets.get('acme-sboms')?.objects.values() ?? [])].flat()
const outputsOf = (run: ActionRun) => {
  // Everything a later step could chain on, minus the local path (a fresh temp dir per run).
  const { 'sbom-file': _path, ...rest } = run.outputs
  return rest
}

describe('re-runs and existing associations', () => {
  it('a re-run of the same commit reuses the object version, skips the association and ends green with the same outputs', async () => {
    const aws = await start()
    const first = await publish(aws)
    expect(first.exitCode, first.stdout).toBe(0)
    expect(first.outputs.reused).toBe('false')
    const second = await publish(aws)
    expect(second.exitCode, second.stdout).toBe(0)
    expect(second.outputs.reused).toBe('true')
    expect(outputsOf(second)).toEqual({ ...outputsOf(first), reused: 'true' })
    expect(s3Versions(aws)).toHaveLength(1)
    expect(count(aws, 'PutObject')).toBe(1)
    expect(count(aws, 'AssociateSbomWithPackageVersion')).toBe(1)
    expect(second.stdout).toMatch(
      /already has s3:\/\/acme-sboms\/.* associated, with the same SHA-256 as this run's artifact; nothing uploaded, not associating again \(validation SUCCEEDED\)/,
    )
  })

  it('stops before uploading when the version has a different SBOM, and replaces it with replace-existing-sbom: true', async () => {
    const aws = await start()
    expect((await publish(aws)).exitCode).toBe(0)
    const otherCommit = { GITHUB_SHA: OTHER_SHA }
    const refused = await publish(aws, { env: otherCommit })
    expect(refused.exitCode).toBe(1)
    expect(refused.errors.join('\n')).toMatch(
      new RegExp(
        `${PACKAGE}@${VERSION} already has a different SBOM associated: s3://acme-sboms/sbom/${PACKAGE}/${VERSION}/${DEFAULT_SHA}.zip.*replace-existing-sbom: true`,
        's',
      ),
    )
    expect(count(aws, 'PutObject')).toBe(1)

    const replaced = await publish(aws, {
      env: otherCommit,
      inputs: { 'replace-existing-sbom': 'true' },
    })
    expect(replaced.exitCode, replaced.stdout).toBe(0)
    expect(count(aws, 'DisassociateSbomFromPackageVersion')).toBe(1)
    expect(aws.state.packages.get(PACKAGE)?.versions.get(VERSION)?.sbom).toMatchObject({
      key: `sbom/${PACKAGE}/${VERSION}/${OTHER_SHA}.zip`,
      version: replaced.outputs['s3-version-id'],
    })
    expect(replaced.outputs['validation-status']).toBe('SUCCEEDED')
  })

  it('two runs of the same commit at once: both green, one S3 object version, one association', async () => {
    // Holding both uploads for a moment makes both runs see an empty key first: a real race.
    const aws = await start({
      validation: { outcome: 'SUCCEEDED', afterPolls: 2 },
      faults: [{ service: 's3', operation: 'PutObject', kind: 'delay', count: 2, delayMs: 1500 }],
    })
    const [a, b] = await Promise.all([publish(aws), publish(aws)])
    expect([a?.exitCode, b?.exitCode], `${a?.stdout}\n${b?.stdout}`).toEqual([0, 0])
    // The create-only upload of the slower run was refused, and it reused the winner's version.
    expect(aws.requests.filter((r) => r.errorCode === 'PreconditionFailed')).toHaveLength(1)
    expect(`${a?.stdout}${b?.stdout}`).toContain(
      'a concurrent run of this commit uploaded this exact artifact first',
    )
    expect(s3Versions(aws)).toHaveLength(1)
    expect(a?.outputs['s3-version-id']).toBe(b?.outputs['s3-version-id'])
    expect(aws.state.associations.filter((r) => r.outcome === 'associated')).toHaveLength(1)
    expect(aws.state.associations.filter((r) => r.outcome === 'rejected')).toHaveLength(0)
    expect(aws.state.packages.get(PACKAGE)?.versions.get(VERSION)?.associations).toBe(1)
  })
})

describe('faults', () => {
  it('rides through IoT throttling, S3 503 SlowDown and 500s, a connection reset and slow answers with the SDK retry', async () => {
    const faults: FaultScript[] = [
      { service: 'iot', operation: 'GetPackageVersion', kind: 'reset', count: 1 },
      { service: 'iot', operation: 'AssociateSbomWithPackageVersion', kind: 'throttle', count: 3 },
      { service: 's3', operation: 'PutObject', kind: 'slow-down', count: 2 },
      { service: 's3', operation: 'GetBucketVersioning', kind: 'internal-error', count: 1 },
      { service: 's3', operation: 'HeadObject', kind: 'delay', count: 1, delayMs: 1500 },
    ]
    const aws = await start({ faults })
    const run = await publish(aws)
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.outputs['validation-status']).toBe('SUCCEEDED')
    const faulted = aws.requests
      .filter((request) => request.fault)
      .map((r) => `${r.operation}:${r.fault}`)
    expect(faulted).toEqual(
      expect.arrayContaining([
        'GetPackageVersion:reset',
        'AssociateSbomWithPackageVersion:throttle',
        'PutObject:slow-down',
        'GetBucketVersioning:internal-error',
        'HeadObject:delay',
      ]),
    )
    expect(faulted).toHaveLength(8)
    expect(s3Versions(aws)).toHaveLength(1)
  })

  it('does not retry access denied, and names service, operation and request id', async () => {
    const aws = await start({
      faults: [
        {
          service: 'iot',
          operation: 'AssociateSbomWithPackageVersion',
          kind: 'access-denied',
          count: 5,
        },
      ],
    })
    const run = await publish(aws)
    expect(run.exitCode).toBe(1)
    expect(count(aws, 'AssociateSbomWithPackageVersion')).toBe(1)
    expect(run.errors.join('\n')).toMatch(
      /IoT AssociateSbomWithPackageVersion failed for package version thermostat-firmware@v2.4.0: AccessDeniedException: .*HTTP 403, request id [0-9A-F]{16}/,
    )
    expect(run.errors.join('\n')).toContain('iot:AssociateSbomWithPackageVersion')
  })

  it('ends a persistent failure after the SDK attempts, naming what failed', async () => {
    const aws = await start({
      faults: [
        { service: 'iot', operation: 'GetPackageVersion', kind: 'internal-error', count: 1000 },
      ],
    })
    const run = await publish(aws)
    expect(run.exitCode).toBe(1)
    // maxAttempts 5, adaptive retry: a bounded number of calls, then a clear error.
    expect(count(aws, 'GetPackageVersion')).toBe(5)
    expect(run.errors.join('\n')).toMatch(
      /IoT GetPackageVersion failed .*InternalServerException.*HTTP 500, request id [0-9A-F]{16}, 5 attempts/,
    )
    expect(count(aws, 'PutObject')).toBe(0)
  })
})

describe('secrets', () => {
  const secrets = {
    AWS_ACCESS_KEY_ID: 'AKIAFAKESECRETCHECK01',
    AWS_SECRET_ACCESS_KEY: 'fake/secret+access+key+that+must+never+be+printed0',
    AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEFAKEsessionTOKENthatMustNotLeak0123456789',
  }
  const githubToken = 'ghs_FakeGitHubTokenThatMustNotLeak0123'

  function expectNoSecrets(run: ActionRun): void {
    const everything = [run.stdout, run.stderr, run.summary, JSON.stringify(run.outputs)]
      // The runner hides what ::add-mask:: registers; that line itself is how it learns it.
      .join('\n')
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n')
    for (const secret of [...Object.values(secrets), githubToken])
      expect(everything).not.toContain(secret)
  }

  it.each([
    ['success', {}],
    ['validation failure', { validation: { outcome: 'FAILED' as const, afterPolls: 0 } }],
    [
      'AWS error',
      { faults: [{ service: 'iot' as const, kind: 'access-denied' as const, count: 99 }] },
    ],
  ])('never prints credentials or tokens (%s)', async (_case, options: EmulatorOptions) => {
    const aws = await start(options)
    const run = await runAction({
      workspace: await workspaceWith({ 'build/sbom.cdx.json': DEMO_SBOM }),
      inputs: { ...INPUTS, 'github-token': githubToken },
      env: { ...aws.env, ...secrets, ACTIONS_STEP_DEBUG: 'true', RUNNER_DEBUG: '1' },
    })
    expect(run.stdout.length).toBeGreaterThan(0)
    expectNoSecrets(run)
  })
})

describe('hostile input through the bundle: refused before any AWS call', () => {
  async function refused(
    inputs: Record<string, string>,
    prepare?: (workspace: string) => Promise<void>,
  ) {
    const aws = await start()
    const workspace = await workspaceWith({ 'build/sbom.cdx.json': DEMO_SBOM })
    await prepare?.(workspace)
    const run = await runAction({ workspace, inputs: { ...INPUTS, ...inputs }, env: aws.env })
    expect(run.exitCode).toBe(1)
    expect(aws.requests).toHaveLength(0)
    return run.errors.join('\n')
  }

  it('a path that climbs out of the workspace', async () => {
    expect(await refused({ sbom: '../../etc/passwd' })).toMatch(
      /sbom file "..\/..\/etc\/passwd" (resolves to .*outside the workspace|does not exist)/,
    )
  })

  it('a symlink inside the workspace that points outside it', async () => {
    const message = await refused({ sbom: 'build/link.json' }, async (workspace) => {
      const outside = join(await mkdtemp(join(tmpdir(), 'outside-')), 'secret.json')
      await writeFile(outside, '{}')
      await symlink(outside, join(workspace, 'build/link.json'))
    })
    expect(message).toMatch(/sbom file "build\/link.json" resolves to .*, outside the workspace/)
  })

  it('a directory', async () => {
    const message = await refused({ sbom: 'build/dir' }, (workspace) =>
      mkdir(join(workspace, 'build/dir')).then(() => undefined),
    )
    expect(message).toMatch(/sbom "build\/dir" is not a regular file/)
  })

  it('a file over max-sbom-size-mb (default 100), refused by its size without reading it', async () => {
    const message = await refused({ sbom: 'build/huge.json' }, async (workspace) => {
      await writeFile(join(workspace, 'build/huge.json'), '')
      // Sparse: 101 MiB on paper, nothing on disk; only the size is ever looked at.
      await truncate(join(workspace, 'build/huge.json'), 101 * 1024 * 1024)
    })
    expect(message).toMatch(
      /build\/huge.json: is 101.0 MB, over max-sbom-size-mb \(100.0 MB\); it was not read/,
    )
  })

  it('a version name that would climb out of the S3 key prefix', async () => {
    expect(await refused({ 'version-name': 'v1/../../x' })).toMatch(
      /version-name "v1\/..\/..\/x" is not a valid IoT package version name/,
    )
  })
})
