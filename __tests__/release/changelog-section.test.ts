import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { changelogSection, versionOf } from '../../scripts/changelog-section.mjs'

const SCRIPT = fileURLToPath(new URL('../../scripts/changelog-section.mjs', import.meta.url))

const CHANGELOG = `# Changelog

All notable changes.

## [Unreleased]

### Added

- Something not released yet.

## [1.10.0] - 2026-12-24

### Added

- Ten.

## [1.2.0] - 2026-12-10

### Added

- \`merge\` input.

\`\`\`yaml
## [9.9.9] - not a heading: inside a code block
\`\`\`

### Fixed

- A bug.

## 1.1.0 (2026-12-01)

- Plain heading, no brackets.

## [v1.0.0-rc.1]

- A prerelease.

## [1.0.0] - 2026-11-30

- First.

[Unreleased]: https://github.com/acme/iot-sbom-action/compare/v1.10.0...HEAD
[1.10.0]: https://github.com/acme/iot-sbom-action/compare/v1.2.0...v1.10.0
[1.0.0]: https://github.com/acme/iot-sbom-action/releases/tag/v1.0.0
`

describe('changelogSection', () => {
  it('returns the body of the version’s section, without its heading, up to the next section', () => {
    expect(changelogSection(CHANGELOG, '1.2.0')).toBe(
      [
        '### Added',
        '',
        '- `merge` input.',
        '',
        '```yaml',
        '## [9.9.9] - not a heading: inside a code block',
        '```',
        '',
        '### Fixed',
        '',
        '- A bug.',
      ].join('\n'),
    )
  })

  it('takes a tag (vX.Y.Z) as well as a version', () => {
    expect(changelogSection(CHANGELOG, 'v1.10.0')).toBe('### Added\n\n- Ten.')
  })

  it('tells 1.1.0 from 1.10.0 and reads headings without brackets or dates', () => {
    expect(changelogSection(CHANGELOG, '1.1.0')).toBe('- Plain heading, no brackets.')
  })

  it('reads prerelease versions and headings that carry the v', () => {
    expect(changelogSection(CHANGELOG, 'v1.0.0-rc.1')).toBe('- A prerelease.')
  })

  it('leaves out the link reference definitions after the last section', () => {
    expect(changelogSection(CHANGELOG, '1.0.0')).toBe('- First.')
  })

  it('reads CRLF line endings', () => {
    expect(changelogSection(CHANGELOG.replace(/\n/g, '\r\n'), '1.10.0')).toBe('### Added\n\n- Ten.')
  })

  it('refuses a version without a section, naming the heading to add', () => {
    expect(() => changelogSection(CHANGELOG, '2.0.0')).toThrow(
      /no section for 2\.0\.0: add a heading "## \[2\.0\.0\] - YYYY-MM-DD"/,
    )
  })

  it('does not take a heading inside a code block for a section', () => {
    expect(() => changelogSection(CHANGELOG, '9.9.9')).toThrow(/no section for 9\.9\.9/)
  })

  it('refuses a version written twice', () => {
    const doubled = `${CHANGELOG}\n## [1.0.0] - 2026-12-31\n\n- Again.\n`
    expect(() => changelogSection(doubled, '1.0.0')).toThrow(/2 sections for 1\.0\.0/)
  })

  it('refuses an empty section', () => {
    const empty = '# Changelog\n\n## [2.0.0] - 2027-01-01\n\n## [1.0.0] - 2026-11-30\n\n- First.\n'
    expect(() => changelogSection(empty, '2.0.0')).toThrow(/section for 2\.0\.0 .* is empty/)
  })

  it('refuses what is not a semantic version', () => {
    for (const bad of ['Unreleased', '1.2', 'v1', '01.2.3', '1.2.3.4', 'latest', ''])
      expect(() => versionOf(bad), bad).toThrow(/is not a version/)
    expect(versionOf('v1.2.3')).toBe('1.2.3')
    expect(versionOf('1.2.3-rc.1')).toBe('1.2.3-rc.1')
  })
})

describe('node scripts/changelog-section.mjs (as the release workflow runs it)', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'changelog-')), 'CHANGELOG.md')
  writeFileSync(file, CHANGELOG)

  it('prints the section with a final newline', () => {
    expect(execFileSync(process.execPath, [SCRIPT, 'v1.10.0', file], { encoding: 'utf8' })).toBe(
      '### Added\n\n- Ten.\n',
    )
  })

  it('exits 1 with the reason on stderr and nothing on stdout', () => {
    const run = spawnSync(process.execPath, [SCRIPT, 'v3.0.0', file], { encoding: 'utf8' })
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/^changelog-section: CHANGELOG.md has no section for 3\.0\.0/)
  })

  it('exits 2 with its usage when no version is given', () => {
    const run = spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8' })
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/^usage: /)
  })
})

describe("the project's CHANGELOG.md", () => {
  const changelog = readFileSync(new URL('../../CHANGELOG.md', import.meta.url), 'utf8')
  const { version } = JSON.parse(
    readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  ) as { version: string }

  it("has notes for package.json's version, or an Unreleased section that will become them", () => {
    let notes: string | undefined
    try {
      notes = changelogSection(changelog, version)
    } catch {
      notes = undefined
    }
    if (notes === undefined) expect(changelog).toMatch(/^## \[Unreleased\]\s*$/m)
    else expect(notes.length).toBeGreaterThan(0)
  })
})
