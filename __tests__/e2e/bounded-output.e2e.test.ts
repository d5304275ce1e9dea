// Hostile input, bounded output, end to end through the bundled action: what a file can make the
// action print, write into the zip and the job summary, and read back from S3 for the diff.
import { readFile } from 'node:fs/promises'
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { unzipSync } from 'fflate'
import { afterEach, describe, expect, it } from 'vitest'
import { startAwsEmulator, type AwsEmulator } from '../emulator/aws-emulator.ts'
import { deflatedSpaces, MiB, zipDeclaring } from '../sbom/zip-bomb.ts'
import { runAction, workspaceWith, type ActionRun } from './run-action.ts'

const PACKAGE = 'thermostat-firmware'
const VERSION = 'v2.4.0'
const VALIDATE = { mode: 'validate', 'package-name': PACKAGE, 'version-name': VERSION }
const DEMO_SBOM = new URL('../fixtures/demo/thermostat.cdx.json', import.meta.url)

/** CycloneDX 1.5 JSON with `count` components, each with a member the schema does not have. */
function sbomWithUnknownMembers(count: number, name: (index: number) => string): string {
  const components = Array.from({ length: count }, (_, index) => ({
    type: 'library',
    name: `pkg-${index}`,
    version: '1.0.0',
    purl: `pkg:npm/pkg-${index}@1.0.0`,
    [name(index)]: 'value',
  }))
  return JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, components })
}

interface NormalizationReportFile {
  dropped: { path: string }[]
  inputProblems: { path: string; message: string }[]
}

async function reportOf(run: ActionRun): Promise<NormalizationReportFile[]> {
  const path = /Normalization report: (\S+)/.exec(run.stdout)?.[1]
  expect(path, run.stdout.slice(-2_000)).toBeDefined()
  return JSON.parse(await readFile(path!, 'utf8')) as NormalizationReportFile[]
}

describe('20,000 components, each with an unknown member of its own', () => {
  const sbom = sbomWithUnknownMembers(20_000, (index) => `x-unknown-${index}`)

  it('warns at most ~60 times in under 200 KB of log, and the normalization report lists every one', async () => {
    const run = await runAction({
      workspace: await workspaceWith({ 'sbom.cdx.json': sbom }),
      inputs: { ...VALIDATE, sbom: 'sbom.cdx.json' },
    })
    expect(run.exitCode, run.stdout.slice(-2_000)).toBe(0)
    // Before: 40,000 warnings, 7 MB of stdout.
    expect(run.warnings.length).toBeLessThanOrEqual(60)
    expect(run.stdout.length).toBeLessThan(200_000)
    expect(run.warnings.at(-1)).toMatch(
      /^sbom\.cdx\.json: not shown above: 19975 of 20000 input problems, 19975 of 20000 kinds of data not carried over\. The normalization report \/\S+\/iot-sbom-action\/thermostat-firmware-v2\.4\.0-[0-9a-f]{40}\.normalization\.json lists every one\.$/,
    )
    const [report] = await reportOf(run)
    expect(report!.inputProblems).toHaveLength(20_000)
    expect(report!.dropped).toHaveLength(20_000)
    expect(new Set(report!.dropped.map((entry) => entry.path)).size).toBe(20_000)
    expect(report!.dropped.at(-1)!.path).toBe('$.components[].x-unknown-19999')
  })

  it('one unknown member name in all of them is one warning of each kind, with a count', async () => {
    const run = await runAction({
      workspace: await workspaceWith({
        'sbom.cdx.json': sbomWithUnknownMembers(20_000, () => 'x-unknown'),
      }),
      inputs: { ...VALIDATE, sbom: 'sbom.cdx.json' },
    })
    expect(run.exitCode, run.stdout.slice(-2_000)).toBe(0)
    expect(run.warnings).toEqual([
      'sbom.cdx.json: /components/0: must NOT have additional properties ("x-unknown") (and 19999 more places like it)',
      'sbom.cdx.json: $.components[].x-unknown not carried over: none: no CycloneDX version carries all 20000 (the CycloneDX library does not model it, or the value is not valid there); first value "value"',
    ])
    const [report] = await reportOf(run)
    expect(report!.inputProblems).toHaveLength(20_000)
    expect(report!.dropped).toHaveLength(1)
  })

  it('strict-normalization fails with a bounded message that says how to get the full list', async () => {
    const run = await runAction({
      workspace: await workspaceWith({ 'sbom.cdx.json': sbom }),
      inputs: { ...VALIDATE, sbom: 'sbom.cdx.json', 'strict-normalization': 'true' },
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toHaveLength(1)
    const [error] = run.errors
    expect(error).toMatch(
      /^sbom\.cdx\.json: strict-normalization is on and normalization could not carry 20000 kind\(s\) of data:\n/,
    )
    expect(error!.split('\n').filter((line) => line.startsWith('  - '))).toHaveLength(50)
    // The report is written before the refusal, and the message names it.
    const reportPath = /the normalization report (\S+\.normalization\.json) lists every one/.exec(
      error ?? '',
    )?.[1]
    expect(error).toContain('… and 19950 more, not listed here')
    const report = JSON.parse(await readFile(reportPath ?? '', 'utf8')) as { dropped: unknown[] }[]
    expect(report[0]?.dropped).toHaveLength(20_000)
    expect(error!.length).toBeLessThan(20_000)
    expect(run.stdout.length).toBeLessThan(200_000)
    expect(run.summary.length).toBeLessThan(20_000)
  })
})

describe('member names written twice in one object', () => {
  const sbom = (demo: string) =>
    demo.replace('"version": "v3.6.2"', '"version": "v3.6.1", "version": "v3.6.2"')

  it('warn with the JSON path; fail under input-validation: strict', async () => {
    const demo = await readFile(DEMO_SBOM, 'utf8')
    const doubled = sbom(demo)
    expect(doubled).not.toBe(demo)
    const workspace = await workspaceWith({ 'sbom.cdx.json': doubled })
    const warned = await runAction({ workspace, inputs: { ...VALIDATE, sbom: 'sbom.cdx.json' } })
    expect(warned.exitCode, warned.stdout.slice(-2_000)).toBe(0)
    expect(warned.warnings).toContainEqual(
      expect.stringMatching(
        /^sbom\.cdx\.json: \/components\/\d+\/version: member "version" is written again in this object \(line \d+, column \d+\); only its last value is read$/,
      ),
    )
    const refused = await runAction({
      workspace,
      inputs: { ...VALIDATE, sbom: 'sbom.cdx.json', 'input-validation': 'strict' },
    })
    expect(refused.exitCode).toBe(1)
    expect(refused.errors.join('\n')).toMatch(
      /sbom\.cdx\.json: the input is not valid CycloneDX 1\.\d JSON:\n {2}- \/components\/\d+\/version: member "version" is written again/,
    )
  })
})

describe('hostile file names', () => {
  const hostile = '<img src=x onerror=alert(1)>[link](javascript:x)|pipe'

  it('become plain, unique zip entry names, and text in the job summary', async () => {
    const demo = await readFile(DEMO_SBOM, 'utf8')
    const run = await runAction({
      workspace: await workspaceWith({
        'build/..\\..\\evil.json': demo,
        [`build/${hostile}.json`]: demo,
        'build/a\\b.json': demo,
        'build/a_b.json': demo,
      }),
      inputs: { ...VALIDATE, sbom: 'build/*.json\nbuild/..\\..\\evil.json' },
    })
    expect(run.exitCode, run.stdout.slice(-2_000)).toBe(0)
    const zip = unzipSync(await readFile(run.outputs['sbom-file']!))
    expect(Object.keys(zip).sort()).toEqual(
      [
        '____evil.cdx.json',
        '_img src=x onerror=alert(1)_[link](javascript_x)_pipe.cdx.json',
        'a_b.cdx.json',
        'a_b-2.cdx.json',
      ].sort(),
    )
    // HTML only in code spans (shown as written) and in the summary's own <details> lines.
    const outsideCode = run.summary
      .split('\n')
      .filter((line) => !/^<\/?details>|^<details><summary>/.test(line))
      .map((line) => line.replace(/`[^`]*`/g, ''))
    expect(outsideCode.join('\n')).not.toContain('<')
    expect(run.summary).toContain(`- \`build/${hostile}.json\` \`$.metadata.tools[].type\``)
    expect(run.summary).toContain(
      '| build/&lt;img src=x onerror=alert(1)&gt;\\[link\\](javascript:x)\\|pipe.json |',
    )
    expect(run.summary).toContain('| build/..\\\\..\\\\evil.json |')
  })
})

describe('a zip bomb as the previous SBOM under the package prefix', () => {
  let emulator: AwsEmulator | undefined
  afterEach(async () => {
    await emulator?.close()
    emulator = undefined
  })

  /** Puts `bomb` under the package prefix, then publishes the demo SBOM as v2.4.0. */
  async function publishAfter(bomb: Buffer): Promise<ActionRun> {
    emulator = await startAwsEmulator({
      buckets: { 'acme-sboms': { versioning: 'Enabled' } },
      packages: { [PACKAGE]: { versions: { [VERSION]: {} } } },
    })
    const s3 = new S3Client({
      endpoint: emulator.endpoint,
      region: emulator.env.AWS_REGION,
      forcePathStyle: true,
      credentials: {
        accessKeyId: emulator.env.AWS_ACCESS_KEY_ID!,
        secretAccessKey: emulator.env.AWS_SECRET_ACCESS_KEY!,
      },
    })
    await s3.send(
      new PutObjectCommand({
        Bucket: 'acme-sboms',
        Key: `sbom/${PACKAGE}/v2.3.0/bomb.zip`,
        Body: bomb,
      }),
    )
    s3.destroy()
    return runAction({
      workspace: await workspaceWith({ 'build/sbom.cdx.json': DEMO_SBOM }),
      inputs: {
        'package-name': PACKAGE,
        'version-name': VERSION,
        sbom: 'build/sbom.cdx.json',
        's3-bucket': 'acme-sboms',
      },
      env: emulator.env,
    })
  }

  it.each([
    [
      'declaring its 2 GiB',
      2048 * MiB,
      'its zip declares 2147483648 bytes uncompressed, over the 256 MiB this action reads',
    ],
    [
      'declaring 4 MiB',
      4 * MiB,
      'its zip entry "sbom.cdx.json" inflates to more than the 4194304 bytes it declares (a zip bomb?)',
    ],
  ])(
    '2 MB that inflate to 2 GiB, %s: a warning, no diff, a green run',
    async (_, declaredSize, why) => {
      const bomb = zipDeclaring([
        { name: 'sbom.cdx.json', data: deflatedSpaces(2048), declaredSize },
      ])
      const run = await publishAfter(bomb)
      expect(run.exitCode, run.stdout.slice(-3_000)).toBe(0)
      expect(run.warnings).toContain(
        `previous SBOM s3://acme-sboms/sbom/${PACKAGE}/v2.3.0/bomb.zip is not read: ${why}. This run has no diff; the SBOM is published as usual.`,
      )
      expect(run.outputs['validation-status']).toBe('SUCCEEDED')
      expect(run.summary).not.toContain('### Changes since')
    },
  )
})
