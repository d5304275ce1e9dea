import { Bom } from '@cyclonedx/cyclonedx-library/Models'
import { describe, expect, it } from 'vitest'
import type { Config } from '../../src/config/config.ts'
import type { PipelineResult } from '../../src/pipeline-types.ts'
import { renderErrorSummary, renderSummary } from '../../src/report/summary.ts'

const config: Config = {
  packageName: 'thermostat-firmware',
  versionName: 'v2.4.0',
  sbomPatterns: ['build/sbom.cdx.json'],
  generator: 'auto',
  generatorCommand: undefined,
  workingDirectory: '.',
  includeDev: false,
  maxSbomBytes: 100 * 1024 * 1024,
  githubToken: '',
  inspector: undefined,
  ocsfOutput: undefined,
  ocsfKeyPrefix: undefined,
  specVersion: '1.4',
  archive: 'zip',
  merge: false,
  inputValidation: 'warn',
  strictNormalization: false,
  mode: 'publish',
  s3: {
    bucket: 'acme-sboms',
    key: 'sbom/k.zip',
    packagePrefix: 'sbom/thermostat-firmware/',
    sse: undefined,
    kmsKeyId: undefined,
  },
  objectKey: 'sbom/k.zip',
  bucketName: 'acme-sboms',
  commitSha: 'a'.repeat(40),
  clientTokenOverride: undefined,
  clientToken: 'a'.repeat(40),
  createPackageVersion: false,
  replaceExistingSbom: false,
  publishPackageVersion: false,
  waitForValidation: true,
  validationTimeoutSeconds: 600,
  failOnValidationFailure: true,
  region: 'eu-west-1',
  awsRequestTimeoutSeconds: 60,
}
const counts = {
  components: 4,
  services: 0,
  dependencies: 4,
  licenses: 4,
  hashes: 1,
  externalReferences: 1,
  vulnerabilities: 0,
  properties: 1,
}

function result(overrides: Partial<PipelineResult> = {}): PipelineResult {
  return {
    sboms: [
      {
        entryName: 'sbom.cdx.json',
        json: '{}',
        bom: new Bom(),
        componentCount: 4,
        report: {
          file: 'build/sbom.cdx.json',
          sourceFormat: 'CycloneDX JSON',
          sourceSpecVersion: '1.5',
          targetSpecVersion: '1.4',
          before: counts,
          after: counts,
          inputProblems: [],
          dropped: [
            {
              path: '$.metadata.tools[].type',
              example: '$.metadata.tools.components[0].type',
              reason: 'not representable',
            },
          ],
          notes: [],
        },
      },
    ],
    artifactPath: '/tmp/x/thermostat.zip',
    artifactSha256: 'f'.repeat(64),
    artifactBytes: 943,
    componentCount: 4,
    stored: {
      bucket: 'acme-sboms',
      key: 'sbom/k.zip',
      versionId: 'VERSION1',
      reused: false,
      uri: 's3://acme-sboms/sbom/k.zip',
    },
    validation: {
      status: 'SUCCEEDED',
      timedOut: false,
      failures: [],
      files: [
        {
          fileName: 'sbom.cdx.json',
          result: 'SUCCEEDED',
          errorCode: undefined,
          errorMessage: undefined,
        },
      ],
    },
    published: false,
    previous: undefined,
    sideFailures: [],
    ...overrides,
  }
}

describe('renderSummary', () => {
  it('shows the verdict, where the SBOM lives, with a console link, and what normalization dropped', () => {
    const markdown = renderSummary(config, result(), 'eu-west-1')
    expect(markdown).toMatch(/^## SBOM for thermostat-firmware@v2.4.0: ✅ SUCCEEDED\n/)
    expect(markdown).toContain(
      'https://eu-west-1.console.aws.amazon.com/iot/home?region=eu-west-1#/software-packages/thermostat-firmware/versions/v2.4.0',
    )
    expect(markdown).toContain('| S3 version id | `VERSION1` |')
    expect(markdown).toContain('| build/sbom.cdx.json | CycloneDX JSON 1.5 | 4 → 4 | 4 → 4 | 1 |')
    expect(markdown).toContain('`$.metadata.tools[].type`')
  })

  it('lists every AWS failure, escaping table syntax, and truncates long lists with a count', () => {
    const failures = Array.from({ length: 105 }, (_, index) => ({
      fileName: `f${index}.json`,
      errorCode: 'INCOMPATIBLE_FORMAT',
      errorMessage: 'bad | worse\nworst',
    }))
    const markdown = renderSummary(
      config,
      result({ validation: { status: 'FAILED', timedOut: false, failures, files: [] } }),
      'eu-west-1',
    )
    expect(markdown).toContain('❌ FAILED')
    expect(markdown).toContain(
      '| f0.json | ❌ FAILED | INCOMPATIBLE_FORMAT | bad \\| worse worst |',
    )
    expect(markdown).toContain('| f99.json |')
    expect(markdown).not.toContain('| f100.json |')
    expect(markdown).toContain('…and 5 more.')
  })

  it('says when the deadline passed and has no AWS rows in validate mode', () => {
    expect(
      renderSummary(
        config,
        result({ validation: { status: 'IN_PROGRESS', timedOut: true, failures: [], files: [] } }),
        'eu-west-1',
      ),
    ).toContain('still IN_PROGRESS after 600 s')
    const validate = renderSummary(
      { ...config, mode: 'validate', s3: undefined },
      result({
        stored: undefined,
        validation: { status: 'SKIPPED', timedOut: false, failures: [], files: [] },
      }),
      undefined,
    )
    expect(validate).not.toContain('console.aws.amazon.com')
    expect(validate).not.toContain('S3 object')
  })

  it('renders errors with what to do', () => {
    expect(renderErrorSummary('Invalid inputs', 'bad', 'fix it')).toBe(
      '## ❌ Invalid inputs\n\n```text\nbad\n```\n\n**What to do:** fix it\n',
    )
  })
})

describe('job summary snapshots', () => {
  const previous = {
    key: 'sbom/thermostat-firmware/v2.3.0/' + 'b'.repeat(40) + '.zip',
    versionName: 'v2.3.0',
    lastModified: new Date('2026-11-01T10:00:00Z'),
    diff: {
      added: ['@acme/mqtt@4.1.0', 'zlib@1.3.1'],
      removed: ['left-pad@1.3.0'],
      changed: [{ name: 'lwip', from: '2.1.3', to: '2.2.0' }],
      unchanged: 1,
    },
  }

  it('success', async () => {
    await expect(renderSummary(config, result(), 'eu-west-1')).toMatchFileSnapshot(
      '__snapshots__/summary-success.md',
    )
  })

  it('failure', async () => {
    const failures = [
      {
        fileName: 'sbom.cdx.json',
        errorCode: 'INCOMPATIBLE_FORMAT',
        errorMessage: 'Unsupported SBOM format: CycloneDX 1.7',
      },
    ]
    await expect(
      renderSummary(
        config,
        result({ validation: { status: 'FAILED', timedOut: false, failures, files: [] } }),
        'eu-west-1',
      ),
    ).toMatchFileSnapshot('__snapshots__/summary-failure.md')
  })

  it('diff against the previous SBOM', async () => {
    await expect(renderSummary(config, result({ previous }), 'eu-west-1')).toMatchFileSnapshot(
      '__snapshots__/summary-diff.md',
    )
  })

  it('validate mode: where the artifact would go', async () => {
    const markdown = renderSummary(
      { ...config, mode: 'validate', s3: undefined },
      result({
        stored: undefined,
        validation: { status: 'SKIPPED', timedOut: false, failures: [], files: [] },
      }),
      undefined,
    )
    expect(markdown).toContain('| Would upload to | `s3://acme-sboms/sbom/k.zip` |')
  })

  it("stays under GitHub's 1 MiB summary limit with huge lists, saying it was cut", () => {
    const huge = {
      ...previous,
      diff: { ...previous.diff, added: Array.from({ length: 200 }, (_, i) => `p${i}@1`) },
    }
    const sboms = Array.from({ length: 3000 }, (_, i) => ({
      ...result().sboms[0]!,
      report: { ...result().sboms[0]!.report, file: `build/${'x'.repeat(300)}-${i}.json` },
    }))
    const markdown = renderSummary(config, result({ previous: huge, sboms }), 'eu-west-1')
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(1_000_000)
    expect(markdown).toContain("the summary was cut here to stay under GitHub's 1 MiB limit")
    expect(renderSummary(config, result({ previous: huge }), 'eu-west-1')).toContain(
      '- …and 100 more',
    )
  })
})

describe('values from outside render as text', () => {
  const hostile = '<img src=x onerror=alert(1)>[link](javascript:x)|pipe'
  const report = result().sboms[0]!.report
  const markdown = renderSummary(
    config,
    result({
      sboms: [
        {
          ...result().sboms[0]!,
          report: {
            ...report,
            file: `build/${hostile}.json`,
            sourceSpecVersion: 'SPDX-2.3 *x*',
            dropped: [
              {
                path: `$.components[].${hostile}`,
                example: '$.components[0]',
                reason: `lost: "${hostile}"\n## heading _em_ https://evil.example www.evil.example`,
              },
            ],
          },
        },
      ],
      validation: {
        status: 'FAILED',
        timedOut: false,
        files: [],
        failures: [
          {
            fileName: `${hostile}.cdx.json`,
            errorCode: 'BAD_THING',
            errorMessage: 'a\nb ```` <script>x</script> &amp;',
          },
        ],
      },
      previous: {
        key: `sbom/thermostat-firmware/${hostile}/x.zip`,
        versionName: hostile,
        lastModified: new Date('2026-11-01T10:00:00Z'),
        diff: {
          added: [`${hostile}@1`, 'a`b@1', '`x'],
          removed: [],
          changed: [{ name: hostile, from: '1', to: '2|3' }],
          unchanged: 0,
        },
      },
    }),
    'eu-west-1',
  )
  const lines = markdown.split('\n')

  /** The line without its code spans (a run of n backticks to the next run of exactly n). */
  const withoutCode = (line: string): string => {
    let rest = line
    let text = ''
    // A backslash-escaped backtick opens nothing.
    for (let open = rest.search(/(?<!\\)`/); open !== -1; open = rest.search(/(?<!\\)`/)) {
      const fence = /`+/.exec(rest.slice(open))![0]
      const close = new RegExp(`(?<!\`)${fence}(?!\`)`).exec(rest.slice(open + fence.length))
      if (close === null) break
      text += rest.slice(0, open)
      rest = rest.slice(open + fence.length + close.index + fence.length)
    }
    return text + rest
  }
  /** Table cell separators: pipes not escaped by a backslash. */
  const separators = (line: string) => line.match(/(?<!\\)\|/g)?.length ?? 0

  it('has no HTML or link outside code spans, and code spans hold the value as it is', () => {
    for (const line of lines.filter((line) => !/^<\/?details>|^<details><summary>/.test(line)))
      expect(withoutCode(line), line).not.toMatch(/<|(?<!\\)\]\(javascript/)
    expect(lines).toContain(`- \`${hostile}@1\``)
    expect(lines).toContain('- ``a`b@1``')
    expect(lines).toContain('- `` `x ``')
    expect(lines).toContain(`- \`${hostile}: 1 → 2|3\``)
  })

  it('keeps every table row to its columns and every value on its line', () => {
    // Rows of one table (consecutive lines starting with |) have as many cells as its header.
    let header: string | undefined
    for (const line of lines) {
      if (!line.startsWith('|')) header = undefined
      else if (header === undefined) header = line
      else expect(separators(line), line).toBe(separators(header))
    }
    expect(lines).toContain(
      '| &lt;img src=x onerror=alert(1)&gt;\\[link\\](javascript:x)\\|pipe.cdx.json | ❌ FAILED | BAD_THING | a b \\`\\`\\`\\` &lt;script&gt;x&lt;/script&gt; &amp;amp; |',
    )
    expect(lines).toContain(
      '| build/&lt;img src=x onerror=alert(1)&gt;\\[link\\](javascript:x)\\|pipe.json | CycloneDX JSON SPDX-2.3 \\*x\\* | 4 → 4 | 4 → 4 | 1 |',
    )
    expect(lines).toContain(
      '### Changes since &lt;img src=x onerror=alert(1)&gt;\\[link\\](javascript:x)\\|pipe',
    )
    expect(lines).toContain(
      `- \`build/${hostile}.json\` \`$.components[].${hostile}\`: lost: "&lt;img src=x onerror=alert(1)&gt;\\[link\\](javascript:x)\\|pipe" \\#\\# heading \\_em\\_ https:\\/\\/evil.example www\\.evil.example`,
    )
  })

  it('fences an error message so no backticks in it can end the block, and escapes the hint around its code', () => {
    expect(
      renderErrorSummary(
        'Bad <b>',
        'file ```` x\n```\nmore',
        'Point `sbom` at <b>the</b> [file](javascript:x)',
      ),
    ).toBe(
      '## ❌ Bad &lt;b&gt;\n\n`````text\nfile ```` x\n```\nmore\n`````\n\n**What to do:** Point `sbom` at &lt;b&gt;the&lt;/b&gt; \\[file\\](javascript:x)\n',
    )
  })
})

describe('SPDX inputs in the normalization table', () => {
  it('shows packages and files separately, and how many files spdx-files left out', () => {
    const base = result().sboms[0]!
    const sboms = [
      {
        ...base,
        report: {
          ...base.report,
          file: 'image.spdx.json',
          sourceFormat: 'SPDX 3 JSON-LD' as const,
          spdxElements: { packages: 20, files: 981, filesLeftOut: 981 },
        },
      },
    ]
    const markdown = renderSummary(config, result({ sboms }), 'eu-west-1')
    expect(markdown).toMatch(
      /\| image\.spdx\.json \| .* \| \d+ → \d+ \(20 packages, 981 files, 981 left out by spdx-files\) \|/,
    )
    // No SPDX files, nothing added.
    expect(renderSummary(config, result(), 'eu-west-1')).not.toContain('packages,')
  })
})
