// generator: inspector, end to end through the bundle: Amazon Inspector's SBOM export (emulated,
// writing its files into the emulator's S3) → normalization → S3 → IoT association → verdict.
import { afterEach, describe, expect, it } from 'vitest'
import {
  readZip,
  startAwsEmulator,
  type AwsEmulator,
  type EmulatorOptions,
} from '../emulator/aws-emulator.ts'
import type { InspectorResource } from '../emulator/inspector.ts'
import { runAction, workspaceWith } from './run-action.ts'
import { readFile } from 'node:fs/promises'

const PACKAGE = 'gateway-image'
const VERSION = '3.0.0'
const KMS = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'
const INPUTS = {
  'package-name': PACKAGE,
  'version-name': VERSION,
  generator: 'inspector',
  's3-bucket': 'acme-sboms',
  'inspector-kms-key-arn': KMS,
}

/** A CycloneDX 1.4 document of the kind Inspector exports for a container image. */
function imageSbom(image: string, packages: [string, string][]): unknown {
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.4',
    version: 1,
    metadata: {
      timestamp: '2026-11-20T08:00:00Z',
      tools: [
        { vendor: 'Amazon Web Services, Inc. (AWS)', name: 'Amazon Inspector', version: '2.0' },
      ],
      component: { type: 'container', name: image, 'bom-ref': image },
    },
    components: packages.map(([name, version]) => ({
      type: 'library',
      name,
      version,
      'bom-ref': `pkg:deb/debian/${name}@${version}`,
      purl: `pkg:deb/debian/${name}@${version}`,
    })),
  }
}

const RESOURCES: InspectorResource[] = [
  {
    resourceId: 'arn:aws:ecr:us-east-1:123456789012:repository/gateway/sha256:aaa',
    ecrRepositoryName: 'gateway',
    ecrImageTags: ['v3.0.0', 'latest'],
    cyclonedx: imageSbom('gateway:v3.0.0', [
      ['openssl', '3.0.15'],
      ['zlib', '1.2.13'],
    ]),
  },
  {
    resourceId: 'arn:aws:ecr:us-east-1:123456789012:repository/gateway/sha256:bbb',
    ecrRepositoryName: 'gateway',
    ecrImageTags: ['v2.9.0'],
    cyclonedx: imageSbom('gateway:v2.9.0', [['openssl', '3.0.13']]),
  },
  {
    resourceId: 'arn:aws:lambda:us-east-1:123456789012:function:ota-signer',
    lambdaFunctionName: 'ota-signer',
    cyclonedx: imageSbom('ota-signer', [['boto3', '1.35.0']]),
  },
]

let emulator: AwsEmulator | undefined
afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

async function start(options: EmulatorOptions = {}): Promise<AwsEmulator> {
  emulator = await startAwsEmulator({
    buckets: { 'acme-sboms': { versioning: 'Enabled' } },
    packages: { [PACKAGE]: { versions: { [VERSION]: {} } } },
    inspector: { resources: RESOURCES, afterPolls: 1 },
    ...options,
  })
  return emulator
}

async function run(aws: AwsEmulator, inputs: Record<string, string>) {
  return runAction({
    workspace: await workspaceWith({}),
    inputs: { ...INPUTS, ...inputs },
    env: { ...aws.env, GITHUB_RUN_ID: '777', GITHUB_RUN_ATTEMPT: '2' },
  })
}

const operations = (aws: AwsEmulator) => aws.requests.map((r) => r.operation)

describe('generator inspector', () => {
  it('exports the image SBOM, publishes it to the package version and waits for the verdict', async () => {
    const aws = await start()
    const result = await run(aws, {
      'inspector-ecr-repository': 'gateway',
      'inspector-ecr-image-tag': 'v3.0.0',
    })
    expect(result.exitCode, result.stdout).toBe(0)
    expect(result.outputs['validation-status']).toBe('SUCCEEDED')
    // The image (the export's root) and its two packages.
    expect(result.outputs['component-count']).toBe('3')
    const [report] = [...aws.state.sbomExports.values()]
    expect(report).toMatchObject({
      format: 'CYCLONEDX_1_4',
      status: 'SUCCEEDED',
      destination: {
        bucketName: 'acme-sboms',
        kmsKeyArn: KMS,
        keyPrefix: `inspector-sbom/${PACKAGE}/0123456789abcdef0123456789abcdef01234567/777-2/`,
      },
      filter: {
        ecrRepositoryName: [{ comparison: 'EQUALS', value: 'gateway' }],
        ecrImageTags: [{ comparison: 'EQUALS', value: 'v3.0.0' }],
      },
    })
    expect(operations(aws).slice(0, 3)).toEqual([
      'CreateSbomExport',
      'GetSbomExport',
      'GetSbomExport',
    ])
    expect(operations(aws)).toContain('AssociateSbomWithPackageVersion')
    const entries = readZip(await readFile(result.outputs['sbom-file'] ?? ''))
    expect(entries).toHaveLength(1)
    const bom = JSON.parse(entries[0]?.content.toString() ?? '{}') as {
      metadata: { component: { name: string } }
      components: { name: string; purl?: string }[]
    }
    expect(bom.metadata.component.name).toBe(PACKAGE)
    expect(bom.components.map((c) => c.purl ?? c.name).sort()).toEqual([
      'gateway:v3.0.0',
      'pkg:deb/debian/openssl@3.0.15',
      'pkg:deb/debian/zlib@1.2.13',
    ])
  })

  it('several matching resources: one file each in the zip, or one BOM with merge: true', async () => {
    const aws = await start()
    const separate = await run(aws, { 'inspector-ecr-repository': 'gateway', mode: 'validate' })
    expect(separate.exitCode, separate.stdout).toBe(0)
    expect(
      readZip(await readFile(separate.outputs['sbom-file'] ?? '')).map((e) => e.name),
    ).toHaveLength(2)
    // Each export's root is a component too.
    expect(separate.outputs['component-count']).toBe('5')

    const merged = await run(aws, {
      'inspector-ecr-repository': 'gateway',
      mode: 'validate',
      merge: 'true',
    })
    expect(merged.exitCode, merged.stdout).toBe(0)
    expect(readZip(await readFile(merged.outputs['sbom-file'] ?? ''))).toHaveLength(1)
  })

  it('reads the SPDX 2.3 export of a Lambda function through the SPDX path', async () => {
    const aws = await start()
    const result = await run(aws, {
      'inspector-lambda-function': 'ota-signer',
      'inspector-report-format': 'SPDX_2_3',
      mode: 'validate',
    })
    expect(result.exitCode, result.stdout).toBe(0)
    expect([...aws.state.sbomExports.values()][0]?.format).toBe('SPDX_2_3')
    expect(result.stdout).toMatch(/SPDX JSON SPDX-2.3 → CycloneDX 1.4 JSON/)
  })

  it('explains an export that matched no resource, before anything is uploaded', async () => {
    const aws = await start()
    const result = await run(aws, { 'inspector-lambda-function': 'no-such-function' })
    expect(result.exitCode).toBe(1)
    expect(result.errors.join('\n')).toMatch(
      /Inspector SBOM export .* ended FAILED \(NO_FINDINGS_FOUND\).*No resource Inspector scans matched the filter/s,
    )
    expect(operations(aws)).not.toContain('PutObject')
    expect(operations(aws)).not.toContain('AssociateSbomWithPackageVersion')
  })

  it('cancels an export that outlives inspector-timeout-seconds', async () => {
    const aws = await start({ inspector: { resources: RESOURCES, outcome: 'NEVER' } })
    const result = await run(aws, {
      'inspector-lambda-function': 'ota-signer',
      'inspector-timeout-seconds': '3',
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors.join('\n')).toMatch(/was still IN_PROGRESS after 3 s; it was cancelled/)
    expect(operations(aws)).toContain('CancelSbomExport')
    expect([...aws.state.sbomExports.values()][0]?.status).toBe('CANCELLED')
  })
})
