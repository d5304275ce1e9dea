import { describe, expect, it } from 'vitest'
import {
  renderErrorSummary,
  renderSummary,
  type NormalizationFacts,
  type SummaryFacts,
  type ValidateFacts,
} from '../../src/report/summary.ts'

const counts = { components: 4, dependencies: 4 }
const report: NormalizationFacts = {
  file: 'build/sbom.cdx.json',
  sourceFormat: 'CycloneDX JSON',
  sourceSpecVersion: '1.5',
  before: counts,
  after: counts,
  dropped: [{ path: '$.metadata.tools[].type', reason: 'not representable' }],
}

/** A published, validated run of one SBOM; `overrides` replace whole fields. */
function facts(overrides: Partial<SummaryFacts> = {}): SummaryFacts {
  return {
    packageName: 'thermostat-firmware',
    versionName: 'v2.4.0',
    destination: {
      mode: 'publish',
      region: 'eu-west-1',
      stored: { uri: 's3://acme-sboms/sbom/k.zip', versionId: 'VERSION1', reused: false },
      clientToken: 'a'.repeat(40),
    },
    specVersion: '1.4',
    archive: 'zip',
    artifact: {
      fileName: 'thermostat.zip',
      bytes: 943,
      sha256: 'f'.repeat(64),
      componentCount: 4,
      fileCount: 0,
    },
    verdict: {
      status: 'SUCCEEDED',
      timedOut: false,
      files: [
        {
          fileName: 'sbom.cdx.json',
          result: 'SUCCEEDED',
          errorCode: undefined,
          errorMessage: undefined,
        },
      ],
    },
    validationTimeoutSeconds: 600,
    published: false,
    normalization: [report],
    previous: undefined,
    ...overrides,
  }
}

const validateMode: ValidateFacts = {
  mode: 'validate',
  wouldUploadTo: { bucket: 'acme-sboms', key: 'sbom/k.zip' },
}
const skipped = { status: 'SKIPPED', timedOut: false, files: [] } as const

describe('renderSummary', () => {
  it('shows the verdict, where the SBOM lives, with a console link, and what normalization dropped', () => {
    const markdown = renderSummary(facts())
    expect(markdown).toMatch(/^## SBOM for thermostat-firmware@v2.4.0: ✅ SUCCEEDED\n/)
    expect(markdown).toContain(
      'https://eu-west-1.console.aws.amazon.com/iot/home?region=eu-west-1#/software-packages/thermostat-firmware/versions/v2.4.0',
    )
    expect(markdown).toContain('| S3 version id | `VERSION1` |')
    expect(markdown).toContain('| build/sbom.cdx.json | CycloneDX JSON 1.5 | 4 → 4 | 4 → 4 | 1 |')
    expect(markdown).toContain('`$.metadata.tools[].type`')
  })

  it('splits the component count into packages and files when there are files', () => {
    const base = facts()
    const withFiles = renderSummary(
      facts({ artifact: { ...base.artifact, componentCount: 1001, fileCount: 981 } }),
    )
    expect(withFiles).toContain('| Components | 1001 (20 packages, 981 files) |')
    expect(renderSummary(base)).toContain('| Components | 4 |')
  })

  it('lists every AWS failure, escaping table syntax, and truncates long lists with a count', () => {
    const files = Array.from({ length: 105 }, (_, index) => ({
      fileName: `f${index}.json`,
      result: 'FAILED' as const,
      errorCode: 'INCOMPATIBLE_FORMAT',
      errorMessage: 'bad | worse\nworst',
    }))
    const markdown = renderSummary(facts({ verdict: { status: 'FAILED', timedOut: false, files } }))
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
      renderSummary(facts({ verdict: { status: 'IN_PROGRESS', timedOut: true, files: [] } })),
    ).toContain('still IN_PROGRESS after 600 s')
    const validate = renderSummary(facts({ destination: validateMode, verdict: skipped }))
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
    await expect(renderSummary(facts())).toMatchFileSnapshot('__snapshots__/summary-success.md')
  })

  it('failure', async () => {
    const files = [
      {
        fileName: 'sbom.cdx.json',
        result: 'FAILED' as const,
        errorCode: 'INCOMPATIBLE_FORMAT',
        errorMessage: 'Unsupported SBOM format: CycloneDX 1.7',
      },
    ]
    await expect(
      renderSummary(facts({ verdict: { status: 'FAILED', timedOut: false, files } })),
    ).toMatchFileSnapshot('__snapshots__/summary-failure.md')
  })

  it('diff against the previous SBOM', async () => {
    await expect(renderSummary(facts({ previous }))).toMatchFileSnapshot(
      '__snapshots__/summary-diff.md',
    )
  })

  it('validate mode: where the artifact would go', async () => {
    const markdown = renderSummary(facts({ destination: validateMode, verdict: skipped }))
    expect(markdown).toContain('| Would upload to | `s3://acme-sboms/sbom/k.zip` |')
    const noBucket = { ...validateMode, wouldUploadTo: { bucket: undefined, key: 'sbom/k.zip' } }
    expect(renderSummary(facts({ destination: noBucket, verdict: skipped }))).toContain(
      '| Would upload to | `s3://<s3-bucket>/sbom/k.zip` |',
    )
  })

  it("stays under GitHub's 1 MiB summary limit with huge lists, saying it was cut", () => {
    const huge = {
      ...previous,
      diff: { ...previous.diff, added: Array.from({ length: 200 }, (_, i) => `p${i}@1`) },
    }
    const normalization = Array.from({ length: 3000 }, (_, i) => ({
      ...report,
      file: `build/${'x'.repeat(300)}-${i}.json`,
    }))
    const markdown = renderSummary(facts({ previous: huge, normalization }))
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(1_000_000)
    expect(markdown).toContain("the summary was cut here to stay under GitHub's 1 MiB limit")
    expect(renderSummary(facts({ previous: huge }))).toContain('- …and 100 more')
  })
})

describe('values from outside render as text', () => {
  const hostile = '<img src=x onerror=alert(1)>[link](javascript:x)|pipe'
  const markdown = renderSummary(
    facts({
      normalization: [
        {
          ...report,
          file: `build/${hostile}.json`,
          sourceSpecVersion: 'SPDX-2.3 *x*',
          dropped: [
            {
              path: `$.components[].${hostile}`,
              reason: `lost: "${hostile}"\n## heading _em_ https://evil.example www.evil.example`,
            },
          ],
        },
      ],
      verdict: {
        status: 'FAILED',
        timedOut: false,
        files: [
          {
            fileName: `${hostile}.cdx.json`,
            result: 'FAILED',
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
    const normalization = [
      {
        ...report,
        file: 'image.spdx.json',
        sourceFormat: 'SPDX 3 JSON-LD',
        spdxElements: { packages: 20, files: 981, filesLeftOut: 981 },
      },
    ]
    const markdown = renderSummary(facts({ normalization }))
    expect(markdown).toMatch(
      /\| image\.spdx\.json \| .* \| \d+ → \d+ \(20 packages, 981 files, 981 left out by spdx-files\) \|/,
    )
    // No SPDX files, nothing added.
    expect(renderSummary(facts())).not.toContain('packages,')
  })
})

describe('quality section', () => {
  const quality = {
    profile: 'ntia-2021',
    passed: false,
    files: [
      {
        file: 'build/sbom.cdx.json',
        output: {
          score: 75,
          elements: [
            {
              id: 'supplier',
              label: 'Supplier name',
              present: 3,
              total: 4,
              firstMissing: ['mbedtls@3.6.0'],
            },
            { id: 'version', label: 'Component version', present: 4, total: 4, firstMissing: [] },
          ],
          notes: ['Dependency relationships are complete.'],
        },
        input: {
          score: 60,
          elements: [
            {
              id: 'supplier',
              label: 'Supplier name',
              present: 2,
              total: 4,
              firstMissing: ['mbedtls@3.6.0', 'lwip@2.2.0'],
            },
          ],
          notes: [],
        },
      },
    ],
  }

  it('renders the score, each element as present of total beside the input, and the first without it', () => {
    const markdown = renderSummary(facts({ quality }))
    expect(markdown).toContain('### SBOM quality (ntia-2021): falls short of the gate')
    expect(markdown).toContain('`build/sbom.cdx.json`: **75/100** (the input: 60/100)')
    expect(markdown).toContain('| Element | Published | Input | First without it |')
    expect(markdown).toContain('| Supplier name | 3 of 4 | 2 of 4 | `mbedtls@3.6.0` |')
    // No input row for the element: the input column stays empty.
    expect(markdown).toContain('| Component version | 4 of 4 |  |  |')
    expect(markdown).toContain('Dependency relationships are complete.')
  })

  it('says meets when the gate passes, and leaves the input out when there was none', () => {
    const { input: _, ...withoutInput } = quality.files[0]!
    const markdown = renderSummary(
      facts({ quality: { ...quality, passed: true, files: [withoutInput] } }),
    )
    expect(markdown).toContain('### SBOM quality (ntia-2021): meets the gate')
    expect(markdown).toContain('`build/sbom.cdx.json`: **75/100**\n')
    expect(markdown).not.toContain('the input:')
  })

  it('escapes the names of components missing an element as code', () => {
    const hostile = {
      ...quality,
      files: [
        {
          file: 'build/sbom.cdx.json',
          output: {
            score: 0,
            elements: [
              {
                id: 'supplier',
                label: 'Supplier name',
                present: 0,
                total: 1,
                firstMissing: ['evil`<img src=x>|@1'],
              },
            ],
            notes: [],
          },
        },
      ],
    }
    const markdown = renderSummary(facts({ quality: hostile }))
    expect(markdown).toContain('``evil`<img src=x>')
  })

  it('has no quality section without quality facts', () => {
    expect(renderSummary(facts())).not.toContain('SBOM quality')
  })

  it('shows the quality trend in the diff, with ▲ when coverage rose and ▼ when it fell', () => {
    const markdown = renderSummary(
      facts({
        previous: {
          key: 'sbom/k.zip',
          versionName: 'v2.3.0',
          lastModified: new Date('2026-11-01T10:00:00Z'),
          diff: { added: [], removed: [], changed: [], unchanged: 4 },
          qualityTrend: [
            {
              label: 'Supplier name',
              before: { present: 2, total: 4 },
              after: { present: 3, total: 4 },
            },
            {
              label: 'Component version',
              before: { present: 4, total: 4 },
              after: { present: 3, total: 4 },
            },
            {
              label: 'Unique identifier',
              before: { present: 4, total: 4 },
              after: { present: 4, total: 4 },
            },
            {
              label: 'SBOM author',
              before: { present: 0, total: 0 },
              after: { present: 1, total: 1 },
            },
          ],
        },
      }),
    )
    expect(markdown).toContain('| Quality element | Then | Now |')
    expect(markdown).toContain('| Supplier name | 2 of 4 (50 %) | 3 of 4 (75 %) ▲ |')
    expect(markdown).toContain('| Component version | 4 of 4 (100 %) | 3 of 4 (75 %) ▼ |')
    expect(markdown).toContain('| Unique identifier | 4 of 4 (100 %) | 4 of 4 (100 %) |')
    expect(markdown).toContain('| SBOM author | – | 1 of 1 (100 %) |')
  })

  it('leaves the trend table out without a trend', () => {
    const markdown = renderSummary(
      facts({
        previous: {
          key: 'sbom/k.zip',
          versionName: 'v2.3.0',
          lastModified: new Date('2026-11-01T10:00:00Z'),
          diff: { added: [], removed: [], changed: [], unchanged: 4 },
        },
      }),
    )
    expect(markdown).not.toContain('Quality element')
  })
})
