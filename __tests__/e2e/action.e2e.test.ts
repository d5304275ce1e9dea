// End to end: the bundled dist/index.mjs, spawned like a runner spawns it, against the loopback
// AWS emulator through the real AWS SDK.
import { readFile } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import {
  readZip,
  startAwsEmulator,
  type AwsEmulator,
  type EmulatorOptions,
} from '../emulator/aws-emulator.ts'
import { ocsfProblems } from '../report/ocsf-schema.ts'
import { AWS_SDK_GLOBAL, runProbed } from './probe.ts'
import {
  DEFAULT_SHA,
  runAction,
  workspaceWith as workspaceWithFiles,
  type RunOptions,
} from './run-action.ts'

const DEMO_SBOM = new URL('../fixtures/demo/thermostat.cdx.json', import.meta.url)
const SPDX_SBOM = new URL('../fixtures/spdx/dependency-graph.spdx.json', import.meta.url)
const XML_SBOM = new URL('../fixtures/xml/thermostat.cdx.xml', import.meta.url)
const LOCKFILE = new URL('../fixtures/lockfiles/express-5.1.0/package-lock.json', import.meta.url)
const PACKAGE = 'thermostat-firmware'
const VERSION = 'v2.4.0'
const BASE_INPUTS = {
  'package-name': PACKAGE,
  'version-name': VERSION,
  sbom: 'build/sbom.cdx.json',
  's3-bucket': 'acme-sboms',
}

let emulator: AwsEmulator | undefined
afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

function workspaceWith(
  files: Record<string, string | URL> = { 'build/sbom.cdx.json': DEMO_SBOM },
): Promise<string> {
  return workspaceWithFiles(files)
}

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
  options: Partial<RunOptions> & { inputs?: Record<string, string> } = {},
) {
  return runAction({
    workspace: options.workspace ?? (await workspaceWith()),
    inputs: { ...BASE_INPUTS, ...options.inputs },
    env: { ...aws.env, ...options.env },
    ...(options.event ? { event: options.event } : {}),
  })
}

function operations(aws: AwsEmulator): string[] {
  return aws.requests.map((request) => request.operation)
}

describe('publish mode', () => {
  it('normalizes, uploads a versioned zip, associates it with the commit SHA and waits for SUCCEEDED', async () => {
    const aws = await start({ validation: { outcome: 'SUCCEEDED', afterPolls: 1 } })
    const run = await publish(aws)
    expect(run.stderr).not.toMatch(/Error/)
    expect(run.exitCode).toBe(0)
    // AWS's verdict per file, as ListSbomValidationResults gave it.
    expect(run.summary).toContain('| sbom.cdx.json | ✅ SUCCEEDED |  |  |')
    const key = `sbom/${PACKAGE}/${VERSION}/${DEFAULT_SHA}.zip`
    expect(run.outputs).toMatchObject({
      's3-uri': `s3://acme-sboms/${key}`,
      's3-key': key,
      reused: 'false',
      'validation-status': 'SUCCEEDED',
      // The four libraries and the input's root, now a component the package depends on.
      'component-count': '5',
    })
    expect(run.outputs['s3-version-id']).toMatch(/\S+/)
    expect(run.outputs['sbom-sha256']).toMatch(/^[0-9a-f]{64}$/)

    const artifact = await readFile(run.outputs['sbom-file'] as string)
    expect(artifact.subarray(0, 2).toString()).toBe('PK')
    const association = aws.requests.find(
      (request) => request.operation === 'AssociateSbomWithPackageVersion',
    )
    expect(association?.path).toContain(`clientToken=${DEFAULT_SHA}`)
    expect(operations(aws)).toEqual(
      expect.arrayContaining([
        'GetBucketVersioning',
        'PutObject',
        'AssociateSbomWithPackageVersion',
        'GetPackageVersion',
      ]),
    )
    expect(run.summary).toContain('SUCCEEDED')
    expect(run.summary).toContain(run.outputs['s3-version-id'])
  })

  it('uploads plain JSON at the requested spec version when asked', async () => {
    const aws = await start({ acceptedSpecVersions: ['1.6'] })
    const run = await publish(aws, {
      inputs: { 'sbom-archive': 'json', 'cyclonedx-spec-version': '1.6' },
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs['s3-key']).toMatch(/\.cdx\.json$/)
    const uploaded = JSON.parse(
      await readFile(run.outputs['sbom-file'] as string, 'utf8'),
    ) as Record<string, unknown>
    expect(uploaded).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6' })
  })

  it('publishes a CycloneDX and an SPDX 2.3 SBOM together: one zip, one normalized file each, validated per file', async () => {
    const aws = await start()
    const workspace = await workspaceWith({
      'build/firmware.cdx.json': DEMO_SBOM,
      'build/companion.spdx.json': SPDX_SBOM,
    })
    const run = await publish(aws, {
      workspace,
      inputs: { sbom: 'build/firmware.cdx.json\nbuild/*.spdx.json' },
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs['validation-status']).toBe('SUCCEEDED')
    // Each input's root is a component now: 4 + 1 and 2 + 1.
    expect(run.outputs['component-count']).toBe('8')
    const files = readZip(await readFile(run.outputs['sbom-file'] as string))
    expect(files.map((file) => file.name)).toEqual(['companion.spdx.cdx.json', 'firmware.cdx.json'])
    const fromSpdx = JSON.parse(files[0]?.content.toString() ?? '{}') as {
      specVersion: string
      components: { purl: string }[]
    }
    expect(fromSpdx.specVersion).toBe('1.4')
    expect(fromSpdx.components.map((c) => c.purl).sort()).toEqual([
      'pkg:github/acme/thermostat-companion@main',
      'pkg:npm/mqtt@5.10.1',
      'pkg:npm/ws@8.18.0',
    ])
    expect(run.summary).toContain('| build/companion.spdx.json | SPDX JSON SPDX-2.3 |')
  })

  it('merges several SBOMs into one plain JSON with merge: true', async () => {
    const aws = await start()
    const workspace = await workspaceWith({
      'build/firmware.cdx.json': DEMO_SBOM,
      'build/companion.spdx.json': SPDX_SBOM,
    })
    const run = await publish(aws, {
      workspace,
      inputs: { sbom: 'build/*.json', merge: 'true', 'sbom-archive': 'json' },
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs['component-count']).toBe('8')
    const merged = JSON.parse(await readFile(run.outputs['sbom-file'] as string, 'utf8')) as {
      metadata: { component: Record<string, string> }
      dependencies: { ref: string; dependsOn?: string[] }[]
    }
    expect(merged.metadata.component).toEqual({
      type: 'firmware',
      name: PACKAGE,
      version: VERSION,
      'bom-ref': `iot-package:${PACKAGE}@${VERSION}`,
    })
    // Each input's root is a component the package depends on.
    expect(
      merged.dependencies.find((d) => d.ref === `iot-package:${PACKAGE}@${VERSION}`)?.dependsOn,
    ).toEqual(['SPDXRef-com.github.acme-thermostat-companion', 'thermostat-firmware'])
    expect(run.stdout).toContain('merged 2 SBOMs into one')
  })

  it('stores the object with its SHA-256, content type, commit metadata and the requested SSE-KMS key', async () => {
    const aws = await start()
    const run = await publish(aws, { inputs: { 's3-kms-key-id': 'alias/sbom-key' } })
    expect(run.exitCode).toBe(0)
    const [stored] =
      aws.state.buckets.get('acme-sboms')?.objects.get(run.outputs['s3-key'] as string) ?? []
    expect(stored).toMatchObject({
      versionId: run.outputs['s3-version-id'],
      contentType: 'application/zip',
      sse: 'aws:kms',
      kmsKeyId: 'alias/sbom-key',
      metadata: {
        'commit-sha': DEFAULT_SHA,
        repository: 'acme/thermostat',
        'package-name': PACKAGE,
        'version-name': VERSION,
      },
    })
    expect(Buffer.from(stored?.sha256 ?? '', 'base64').toString('hex')).toBe(
      run.outputs['sbom-sha256'],
    )
  })

  it('fails the job on FAILED and annotates every reason AWS gives', async () => {
    // The emulator's validation reads the object: 1.4 is not accepted here.
    const aws = await start({ acceptedSpecVersions: ['1.6'] })
    const run = await publish(aws)
    expect(run.exitCode).toBe(1)
    expect(run.outputs['validation-status']).toBe('FAILED')
    expect(run.errors.some((error) => error.includes('INCOMPATIBLE_FORMAT'))).toBe(true)
    expect(run.stdout).toMatch(
      /::error title=AWS IoT SBOM validation failed for sbom\.cdx\.json::INCOMPATIBLE_FORMAT: Unsupported SBOM format: CycloneDX 1\.4/,
    )
    expect(run.errors.join('\n')).toMatch(
      /validation of the SBOM for thermostat-firmware@v2.4.0 FAILED/,
    )
    expect(run.summary).toContain('INCOMPATIBLE_FORMAT')
  })

  it('reports scripted failures and only warns with fail-on-validation-failure: false', async () => {
    const aws = await start({
      validation: {
        outcome: 'FAILED',
        afterPolls: 1,
        failures: [
          {
            fileName: 'sbom.cdx.json',
            errorCode: 'FILE_SIZE_LIMIT_EXCEEDED',
            errorMessage: 'too large for the test',
          },
        ],
      },
    })
    const run = await publish(aws, { inputs: { 'fail-on-validation-failure': 'false' } })
    expect(run.exitCode).toBe(0)
    expect(run.outputs['validation-status']).toBe('FAILED')
    expect(
      run.errors.some((error) =>
        error.includes('FILE_SIZE_LIMIT_EXCEEDED: too large for the test'),
      ),
    ).toBe(true)
    expect(run.warnings.join('\n')).toContain('fail-on-validation-failure is false')
  })

  it('stops at the deadline saying the validation is still IN_PROGRESS', async () => {
    const aws = await start({ validation: { outcome: 'NEVER' } })
    const run = await publish(aws, { inputs: { 'validation-timeout-seconds': '3' } })
    expect(run.exitCode).toBe(1)
    expect(run.outputs['validation-status']).toBe('IN_PROGRESS')
    expect(run.errors.join('\n')).toMatch(
      /still IN_PROGRESS after 3 s.*aws iot get-package-version/s,
    )
    // Polling stopped at the deadline: a handful of polls, not a loop that kept going.
    const polls = aws.requests.filter((r) => r.operation === 'GetPackageVersion').length
    expect(polls).toBeGreaterThanOrEqual(2)
    expect(polls).toBeLessThanOrEqual(6)
  })

  it('only warns at the deadline with fail-on-validation-failure: false', async () => {
    const aws = await start({ validation: { outcome: 'NEVER' } })
    const run = await publish(aws, {
      inputs: { 'validation-timeout-seconds': '2', 'fail-on-validation-failure': 'false' },
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs['validation-status']).toBe('IN_PROGRESS')
    expect(run.warnings.join('\n')).toMatch(/still IN_PROGRESS after 2 s.*get-package-version/s)
  })

  it('returns right after associating with wait-for-validation: false', async () => {
    const aws = await start({ validation: { outcome: 'NEVER' } })
    const run = await publish(aws, { inputs: { 'wait-for-validation': 'false' } })
    expect(run.exitCode).toBe(0)
    expect(run.outputs['validation-status']).toBe('IN_PROGRESS')
  })

  it('refuses an unversioned bucket before uploading anything', async () => {
    const aws = await start({ buckets: { 'acme-sboms': { versioning: 'never' } } })
    const run = await publish(aws)
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(
      /acme-sboms does not keep object versions.*put-bucket-versioning/s,
    )
    expect(operations(aws)).not.toContain('PutObject')
    expect(operations(aws)).not.toContain('AssociateSbomWithPackageVersion')
  })

  it('says how to create a missing package version, and creates it when allowed', async () => {
    const aws = await start({ packages: {} })
    const refused = await publish(aws)
    expect(refused.exitCode).toBe(1)
    expect(refused.errors.join('\n')).toMatch(/does not exist.*create-package-version: true/s)
    expect(operations(aws)).not.toContain('PutObject')

    const created = await publish(aws, {
      inputs: { 'create-package-version': 'true', 'publish-package-version': 'true' },
    })
    expect(created.exitCode).toBe(0)
    expect(operations(aws)).toEqual(
      expect.arrayContaining(['CreatePackage', 'CreatePackageVersion', 'UpdatePackageVersion']),
    )
    expect(created.summary).toContain('Published')
    const version = aws.state.packages.get(PACKAGE)?.versions.get(VERSION)
    expect(version?.status).toBe('PUBLISHED')
    expect(version?.attributes).toEqual({
      commit: DEFAULT_SHA,
      repository: 'acme/thermostat',
      run: 'https://github.com/acme/thermostat/actions/runs/4242',
    })
  })

  it("release automation: a tag push publishes to the tag's version, with version-name-strip-prefix", async () => {
    const aws = await start({ packages: { [PACKAGE]: { versions: { '2.4.0': {} } } } })
    const { 'version-name': _, ...inputs } = BASE_INPUTS
    const run = await runAction({
      workspace: await workspaceWith(),
      inputs: { ...inputs, 'version-name-strip-prefix': 'v' },
      env: { ...aws.env, GITHUB_REF: 'refs/tags/v2.4.0' },
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.outputs['s3-key']).toBe(`sbom/${PACKAGE}/2.4.0/${DEFAULT_SHA}.zip`)
    expect(aws.state.packages.get(PACKAGE)?.versions.get('2.4.0')?.sbomValidationStatus).toBe(
      'SUCCEEDED',
    )
  })

  it("shows what changed since the package's previous SBOM in the job summary, and groups the log by stage", async () => {
    const aws = await start({
      packages: { [PACKAGE]: { versions: { 'v2.3.0': {}, [VERSION]: {} } } },
    })
    const first = await publish(aws, {
      inputs: { 'version-name': 'v2.3.0' },
      env: { GITHUB_SHA: 'b'.repeat(40) },
    })
    expect(first.exitCode, first.stdout).toBe(0)
    expect(first.stdout).toContain(
      'No earlier SBOM under s3://acme-sboms/sbom/thermostat-firmware/',
    )
    const demo = JSON.parse(await readFile(DEMO_SBOM, 'utf8')) as {
      components: { name: string; version?: string; 'bom-ref'?: string }[]
      dependencies: { ref: string; dependsOn?: string[] }[]
    }
    demo.components[0]!.version = '9.9.9'
    // A component taken out of the build, with the edges to it: an edge left pointing at nothing
    // would be a lost dependency edge, which stops the run.
    const removed = demo.components.pop()?.['bom-ref']
    for (const dependency of demo.dependencies)
      dependency.dependsOn = dependency.dependsOn?.filter((ref) => ref !== removed)
    const second = await publish(aws, {
      workspace: await workspaceWith({ 'build/sbom.cdx.json': JSON.stringify(demo) }),
    })
    expect(second.exitCode, second.stdout).toBe(0)
    expect(second.summary).toContain('### Changes since v2.3.0')
    // Each quality element's coverage then and now (the default profile, ntia-2021).
    expect(second.summary).toContain('| Quality element | Then | Now |')
    expect(second.summary).toMatch(
      /\| Component version \| \d+ of \d+ \(\d+ %\) \| \d+ of \d+ \(\d+ %\)/,
    )
    expect(second.summary).toMatch(
      /\*\*0\*\* added, \*\*1\*\* removed, \*\*1\*\* changed version, 3 unchanged/,
    )
    expect(second.summary).toContain(`→ 9.9.9`)
    expect(second.stdout).toMatch(/^::group::Build the SBOM artifact$/m)
    expect(second.stdout).toMatch(/^::group::Publish to S3 and AWS IoT$/m)
  })

  it('writes an OCSF Software Inventory Info event, valid for OCSF 1.7.0, and uploads it next to the SBOM', async () => {
    const aws = await start()
    const run = await publish(aws, {
      inputs: { 'ocsf-output': 'reports/sbom.ocsf.json', 'ocsf-s3-key-prefix': 'ocsf/' },
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.outputs['ocsf-file']).toMatch(/reports\/sbom\.ocsf\.json$/)
    const event = JSON.parse(await readFile(run.outputs['ocsf-file'] ?? '', 'utf8')) as {
      device: unknown
      sbom: {
        package: unknown
        software_components: { name: string; related_component?: string }[]
        uid: string
      }
    }
    expect(ocsfProblems(event)).toEqual([])
    expect(event.sbom.package).toMatchObject({ name: PACKAGE, version: VERSION })
    // The product, not the runner.
    expect(event.device).toMatchObject({ type_id: 7, type: 'IOT', name: `${PACKAGE}@${VERSION}` })
    // The four libraries and the input's root, listed once per dependency (OCSF relates one).
    const components = event.sbom.software_components
    expect(new Set(components.map((c) => c.name)).size).toBe(5)
    expect(components.filter((c) => c.related_component !== undefined).length).toBeGreaterThan(0)
    const uploaded = aws.state.buckets
      .get('acme-sboms')
      ?.objects.get(`ocsf/${PACKAGE}/${VERSION}/${DEFAULT_SHA}.ocsf.json`)
    expect(JSON.parse(uploaded?.[0]?.body.toString() ?? '{}')).toEqual(event)
  })

  it('reuses the identical object version on a re-run of the same commit', async () => {
    const aws = await start()
    const workspace = await workspaceWith()
    const first = await publish(aws, { workspace })
    const second = await publish(aws, { workspace })
    expect(first.exitCode).toBe(0)
    expect(second.exitCode).toBe(0)
    expect(second.outputs['reused']).toBe('true')
    expect(second.outputs['s3-version-id']).toBe(first.outputs['s3-version-id'])
    expect(second.outputs['sbom-sha256']).toBe(first.outputs['sbom-sha256'])
    expect(operations(aws).filter((operation) => operation === 'PutObject')).toHaveLength(1)
  })

  it('uses the PR head SHA as client token on pull_request events', async () => {
    const aws = await start()
    const head = 'feedface'.repeat(5)
    const run = await publish(aws, {
      event: { name: 'pull_request', payload: { pull_request: { head: { sha: head } } } },
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs['s3-key']).toContain(head)
    expect(
      aws.requests.find((request) => request.operation === 'AssociateSbomWithPackageVersion')?.path,
    ).toContain(`clientToken=${head}`)
  })

  it('explains a reused client token (ConflictException): one token for two package versions', async () => {
    const aws = await start({
      packages: { [PACKAGE]: { versions: { [VERSION]: {}, 'v2.4.0-debug': {} } } },
    })
    const first = await publish(aws, {
      workspace: await workspaceWith(),
      inputs: { 'client-token': 'x'.repeat(40) },
    })
    expect(first.exitCode).toBe(0)
    const second = await publish(aws, {
      inputs: { 'client-token': 'x'.repeat(40), 'version-name': 'v2.4.0-debug' },
    })
    expect(second.exitCode).toBe(1)
    expect(second.errors.join('\n')).toMatch(/ConflictException.*client-token/s)
  })
})

describe('bad input', () => {
  it('lists every bad input at once and calls nothing', async () => {
    const aws = await start()
    const run = await publish(aws, {
      inputs: {
        'package-name': 'no spaces allowed',
        'client-token': 'abc1234',
        'wait-for-validation': 'yes',
      },
    })
    expect(run.exitCode).toBe(1)
    const message = run.errors.join('\n')
    expect(message).toContain('Invalid action inputs')
    expect(message).toContain('package-name "no spaces allowed"')
    expect(message).toContain('short commit SHA')
    expect(message).toContain('wait-for-validation "yes"')
    expect(aws.requests).toHaveLength(0)
    expect(run.summary).toContain('Invalid inputs')
  })

  it('names a missing SBOM file', async () => {
    const aws = await start()
    const run = await publish(aws, { inputs: { sbom: 'build/missing.json' } })
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toContain('build/missing.json')
    expect(aws.requests).toHaveLength(0)
  })

  it('refuses a file outside the workspace', async () => {
    const aws = await start()
    const run = await publish(aws, { inputs: { sbom: '../../../../etc/passwd' } })
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(/outside the workspace/)
  })

  it('rejects a schema-invalid SBOM with the bundled validator (input-validation: strict), naming file and JSON path', async () => {
    const aws = await start()
    // The e-mail breaks the schema's idn-email format: the bundled validator must see it.
    const invalid = JSON.parse(await readFile(DEMO_SBOM, 'utf8')) as {
      metadata: { authors?: unknown[] }
    }
    invalid.metadata.authors = [{ name: 'Release Bot', email: 'not an e-mail address' }]
    const run = await publish(aws, {
      workspace: await workspaceWith({ 'build/sbom.cdx.json': JSON.stringify(invalid) }),
      inputs: { 'input-validation': 'strict' },
    })
    expect(run.exitCode).toBe(1)
    const message = run.errors.join('\n')
    expect(message).toContain('build/sbom.cdx.json')
    expect(message).toMatch(/the input is not valid CycloneDX 1\.5 JSON/)
    expect(message).toContain('/metadata/authors/0/email: must match format "idn-email"')
    expect(aws.requests).toHaveLength(0)
  })
})

describe('input validation and lossy normalization', () => {
  it('removes an output value of the wrong format, found by the bundled validator, and reports it', async () => {
    const input = JSON.parse(await readFile(DEMO_SBOM, 'utf8')) as {
      metadata: { authors?: unknown[] }
    }
    input.metadata.authors = [{ name: 'Release Bot', email: 'not an e-mail address' }]
    const run = await runAction({
      workspace: await workspaceWith({ 'build/sbom.cdx.json': JSON.stringify(input) }),
      inputs: {
        mode: 'validate',
        'package-name': PACKAGE,
        'version-name': VERSION,
        sbom: 'build/sbom.cdx.json',
      },
    })
    expect(run.exitCode).toBe(0)
    expect(run.warnings.join('\n')).toMatch(
      /\$\.metadata\.authors\[\]\.email not carried over: value "not an e-mail address" removed: must match format "idn-email"/,
    )
  })

  const validateInputs = {
    mode: 'validate',
    'package-name': PACKAGE,
    'version-name': VERSION,
    sbom: 'build/sbom.cdx.json',
  }

  async function offSchemaWorkspace(): Promise<string> {
    // A 1.5 document with a property the 1.5 schema does not allow, and a pedigree the library cannot model.
    const input = JSON.parse(await readFile(DEMO_SBOM, 'utf8')) as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
    input.components[0].unexpectedField = true
    input.components[1].pedigree = { notes: 'patched for CVE-2026-0001' }
    return workspaceWith({ 'build/sbom.cdx.json': JSON.stringify(input) })
  }

  it('warns about schema problems of the input and about dropped data, and writes the report file', async () => {
    const run = await runAction({ workspace: await offSchemaWorkspace(), inputs: validateInputs })
    expect(run.exitCode).toBe(0)
    expect(run.warnings.join('\n')).toMatch(/unexpectedField|additional properties/)
    expect(run.warnings.join('\n')).toContain('$.components[].pedigree')
    const reportPath = (run.outputs['sbom-file'] as string).replace(/\.zip$/, '.normalization.json')
    const [report] = JSON.parse(await readFile(reportPath, 'utf8')) as {
      dropped: { path: string }[]
      inputProblems: unknown[]
    }[]
    expect(report?.dropped.map((entry) => entry.path)).toContain('$.components[].pedigree')
    expect(report?.inputProblems.length).toBeGreaterThan(0)
  })

  it('fails on schema problems of the input with input-validation: strict', async () => {
    const run = await runAction({
      workspace: await offSchemaWorkspace(),
      inputs: { ...validateInputs, 'input-validation': 'strict' },
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(/the input is not valid CycloneDX 1\.5 JSON/)
  })

  it('fails on dropped data with strict-normalization: true, before any upload', async () => {
    const aws = await start()
    const run = await publish(aws, {
      workspace: await offSchemaWorkspace(),
      inputs: { 'strict-normalization': 'true' },
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(
      /strict-normalization is on .*\$\.components\[\d\]\.pedigree/s,
    )
    expect(operations(aws)).not.toContain('PutObject')
  })
})

describe('CycloneDX XML input', () => {
  const inputs = {
    mode: 'validate',
    'package-name': PACKAGE,
    'version-name': VERSION,
    sbom: 'build/sbom.cdx.xml',
  }

  it('reads XML through the bundle into the same normalized SBOM as the JSON twin', async () => {
    const fromXml = await runAction({
      workspace: await workspaceWith({ 'build/sbom.cdx.xml': XML_SBOM }),
      inputs,
    })
    const fromJson = await runAction({
      workspace: await workspaceWith(),
      inputs: { ...inputs, sbom: 'build/sbom.cdx.json' },
    })
    expect(fromXml.exitCode).toBe(0)
    expect(fromXml.outputs['component-count']).toBe('5')
    expect(fromXml.outputs['sbom-sha256']).toBe(fromJson.outputs['sbom-sha256'])
  })

  it('checks XML input against the bundled XSD with the bundled xmllint WebAssembly worker', async () => {
    const invalid = (await readFile(XML_SBOM, 'utf8')).replace(
      'type="library" bom-ref="pkg:generic/lwip@2.2.0"',
      'type="bogus" bom-ref="pkg:generic/lwip@2.2.0"',
    )
    const run = await runAction({
      workspace: await workspaceWith({ 'build/sbom.cdx.xml': invalid }),
      inputs: { ...inputs, 'input-validation': 'strict' },
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(
      /the input is not valid CycloneDX 1\.5 XML:\n {2}- line \d+: Element 'component', attribute 'type': .*'bogus'/,
    )
  })

  it('refuses XML with a DTD (XXE) before parsing it', async () => {
    const hostile =
      '<?xml version="1.0"?><!DOCTYPE bom [<!ENTITY x SYSTEM "file:///etc/passwd">]><bom xmlns="http://cyclonedx.org/schema/bom/1.4"/>'
    const run = await runAction({
      workspace: await workspaceWith({ 'build/sbom.cdx.xml': hostile }),
      inputs,
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(/build\/sbom\.cdx\.xml: is XML with a DTD/)
    expect(run.stdout).not.toContain('root:')
  })
})

describe('validate mode', () => {
  it('needs no AWS at all and reports the would-be artifact', async () => {
    const run = await runAction({
      workspace: await workspaceWith(),
      inputs: {
        mode: 'validate',
        'package-name': PACKAGE,
        'version-name': VERSION,
        sbom: 'build/*.json',
      },
      // Unreachable endpoints and no credentials: any AWS call would fail the run.
      env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_REGION: '' },
    })
    expect(run.exitCode).toBe(0)
    // Nothing on stderr: no stray deprecation warnings from bundled dependencies.
    expect(run.stderr).toBe('')
    expect(run.outputs['validation-status']).toBe('SKIPPED')
    expect(run.outputs['component-count']).toBe('5')
    expect(run.outputs['s3-uri']).toBeUndefined()
    expect(run.summary).toContain(
      `| Would upload to | \`s3://<s3-bucket>/sbom/${PACKAGE}/${VERSION}/${DEFAULT_SHA}.zip\` |`,
    )
  })

  it('writes an SBOM about package-name@version-name, of package-type, with the input root under it', async () => {
    const run = await runAction({
      workspace: await workspaceWith(),
      inputs: {
        mode: 'validate',
        'package-name': PACKAGE,
        'version-name': VERSION,
        'package-type': 'device',
        sbom: 'build/sbom.cdx.json',
        'sbom-archive': 'json',
        'cyclonedx-spec-version': '1.6',
      },
    })
    expect(run.exitCode, run.stdout).toBe(0)
    const bom = JSON.parse(await readFile(run.outputs['sbom-file'] as string, 'utf8')) as {
      metadata: { component: Record<string, string> }
      components: Record<string, string>[]
      dependencies: { ref: string; dependsOn?: string[] }[]
    }
    const ref = `iot-package:${PACKAGE}@${VERSION}`
    expect(bom.metadata.component).toEqual({
      type: 'device',
      name: PACKAGE,
      version: VERSION,
      'bom-ref': ref,
    })
    expect(bom.components).toContainEqual({
      type: 'firmware',
      name: 'thermostat-firmware',
      version: '2.4.0',
      'bom-ref': 'thermostat-firmware',
    })
    const graph = Object.fromEntries(bom.dependencies.map((d) => [d.ref, d.dependsOn ?? []]))
    expect(graph[ref]).toEqual(['thermostat-firmware'])
    expect(graph['thermostat-firmware']).toHaveLength(3)
  })

  // The probe (probe.ts) watches the action's process: connections, globals, loaded modules.
  // generator inspector is left out: it asks Amazon Inspector for the SBOM, in validate mode too.
  const withoutAws: [string, Record<string, string>, Record<string, string | URL>][] = [
    ['an SBOM file', { sbom: 'build/sbom.cdx.json' }, { 'build/sbom.cdx.json': DEMO_SBOM }],
    ['generator npm', { generator: 'npm' }, { 'package-lock.json': LOCKFILE }],
    [
      'generator command',
      { generator: 'command', 'generator-command': 'cp in.json sbom.json', sbom: 'sbom.json' },
      { 'in.json': DEMO_SBOM },
    ],
  ]
  it.each(withoutAws)(
    'with %s (any generator but inspector): never loads the AWS SDK and connects nowhere, though AWS is configured and reachable',
    async (_, inputs, files) => {
      const aws = await start()
      const { run, probe } = await runProbed({
        workspace: await workspaceWith(files),
        inputs: { mode: 'validate', 'package-name': PACKAGE, 'version-name': VERSION, ...inputs },
        // A runner after aws-actions/configure-aws-credentials, pointed at a live AWS.
        env: aws.env,
      })
      expect(run.exitCode, run.stdout).toBe(0)
      expect(run.outputs['validation-status']).toBe('SKIPPED')
      expect(probe.started && probe.exited).toBe(true)
      expect(probe.globals).not.toContain(AWS_SDK_GLOBAL)
      expect(probe.connections).toEqual([])
      expect(aws.requests).toEqual([])
      // The probe sees the pipeline's dynamic imports (what the bad-input test counts on).
      expect(probe.modulesBeyondEntry.length).toBeGreaterThan(0)
    },
  )

  it('control: the same probe sees publish mode load the AWS SDK and connect to AWS', async () => {
    const aws = await start({ validation: { outcome: 'SUCCEEDED', afterPolls: 0 } })
    const { run, probe } = await runProbed({
      workspace: await workspaceWith(),
      inputs: BASE_INPUTS,
      env: aws.env,
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(probe.started && probe.exited).toBe(true)
    expect(probe.globals).toContain(AWS_SDK_GLOBAL)
    expect(new Set(probe.connections)).toEqual(new Set([new URL(aws.endpoint).host]))
    expect(operations(aws)).toContain('AssociateSbomWithPackageVersion')
  })

  it('control: validate mode with generator inspector, which asks Amazon Inspector, loads the AWS SDK', async () => {
    const aws = await start()
    const { run, probe } = await runProbed({
      workspace: await workspaceWith({}),
      inputs: {
        mode: 'validate',
        'package-name': PACKAGE,
        'version-name': VERSION,
        generator: 'inspector',
        'inspector-ecr-repository': 'gateway',
        'inspector-kms-key-arn':
          'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        'inspector-s3-bucket': 'acme-sboms',
      },
      env: aws.env,
    })
    expect(probe.started && probe.exited, run.stdout).toBe(true)
    expect(probe.globals).toContain(AWS_SDK_GLOBAL)
    expect(new Set(probe.connections)).toEqual(new Set([new URL(aws.endpoint).host]))
    expect(aws.requests.map((request) => request.service)).toContain('inspector2')
  })

  it('reports bad inputs without loading the pipeline at all', async () => {
    const { run, probe } = await runProbed({
      workspace: await workspaceWith(),
      inputs: { mode: 'validate', 'version-name': VERSION, sbom: 'build/sbom.cdx.json' },
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toContain('package-name is required')
    expect(probe.started && probe.exited).toBe(true)
    // Nothing imported after the entry: the pipeline comes in by a dynamic import, which the
    // runs above show the probe sees.
    expect(probe.modulesBeyondEntry).toEqual([])
    expect(probe.connections).toEqual([])
  })

  it('gives byte-identical artifacts for the same input and commit', async () => {
    const workspace = await workspaceWith()
    const inputs = {
      mode: 'validate',
      'package-name': PACKAGE,
      'version-name': VERSION,
      sbom: 'build/sbom.cdx.json',
    }
    const first = await runAction({ workspace, inputs })
    const firstBytes = await readFile(first.outputs['sbom-file'] as string)
    const second = await runAction({ workspace, inputs })
    expect(second.outputs['sbom-sha256']).toBe(first.outputs['sbom-sha256'])
    expect(Buffer.compare(await readFile(second.outputs['sbom-file'] as string), firstBytes)).toBe(
      0,
    )
  })
})
