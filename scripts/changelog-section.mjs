// Prints one version's section of CHANGELOG.md: the release notes the release workflow gives the
// GitHub release (.github/workflows/release.yml, RELEASE.md).
//
//   node scripts/changelog-section.mjs <version or tag> [changelog file]
//
// `1.2.3` and `v1.2.3` name the same section. The section is everything under the level-2
// heading naming that version (`## [1.2.3] - 2026-12-01`, `## [1.2.3]`, `## 1.2.3`, `## [v1.2.3]`)
// up to the next level-2 heading, without the heading itself and without the link reference
// definitions Keep a Changelog puts after the last section. No such section, the same version
// twice, or an empty section: a message on stderr and exit status 1, so a release never goes out
// with the wrong notes or none.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/

/** `v1.2.3` → `1.2.3`; anything that is not a semantic version is refused. */
export function versionOf(versionOrTag) {
  const version = versionOrTag.startsWith('v') ? versionOrTag.slice(1) : versionOrTag
  if (!SEMVER.test(version))
    throw new Error(
      `"${versionOrTag}" is not a version: expected X.Y.Z or vX.Y.Z (semantic versioning, e.g. 1.4.0 or v1.4.0-rc.1).`,
    )
  return version
}

/** The version a level-2 heading names, or undefined for other headings (`## [Unreleased]`). */
function headingVersion(line) {
  const match = /^##\s+\[?v?([^\]\s]+)\]?(?:\s.*)?$/.exec(line)
  return match && SEMVER.test(match[1]) ? match[1] : undefined
}

/** Link reference definitions (`[1.2.3]: https://…`) and blank lines at the section's end. */
function trimTrailer(lines) {
  let end = lines.length
  while (end > 0 && /^\s*$|^\[[^\]]+\]:\s*\S+/.test(lines[end - 1])) end--
  let start = 0
  while (start < end && /^\s*$/.test(lines[start])) start++
  return lines.slice(start, end)
}

/**
 * The body of `version`'s section of a Keep a Changelog document, trimmed. Throws when the
 * changelog has no such section, has it twice, or has nothing under it.
 */
export function changelogSection(markdown, versionOrTag) {
  const version = versionOf(versionOrTag)
  const lines = markdown.split(/\r?\n/)
  const sections = []
  let current
  let fence
  for (const line of lines) {
    // Headings inside fenced code blocks are text, not sections.
    const fenceMatch = /^\s*(`{3,}|~{3,})/.exec(line)
    if (fenceMatch) {
      if (fence === undefined) fence = fenceMatch[1]
      else if (fenceMatch[1].startsWith(fence)) fence = undefined
    }
    if (fence === undefined && /^##\s/.test(line)) {
      current = { heading: line, version: headingVersion(line), body: [] }
      sections.push(current)
    } else current?.body.push(line)
  }
  const matching = sections.filter((section) => section.version === version)
  if (matching.length === 0)
    throw new Error(
      `CHANGELOG.md has no section for ${version}: add a heading "## [${version}] - YYYY-MM-DD" ` +
        `(rename "## [Unreleased]" to it) with the release notes under it.`,
    )
  if (matching.length > 1)
    throw new Error(
      `CHANGELOG.md has ${matching.length} sections for ${version} (${matching.map((section) => JSON.stringify(section.heading)).join(', ')}): keep one.`,
    )
  const body = trimTrailer(matching[0].body)
  if (body.length === 0)
    throw new Error(
      `CHANGELOG.md's section for ${version} ("${matching[0].heading}") is empty: write the release notes under it.`,
    )
  return body.join('\n')
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [versionOrTag, file = 'CHANGELOG.md'] = process.argv.slice(2)
  if (!versionOrTag) {
    console.error('usage: node scripts/changelog-section.mjs <version or tag> [CHANGELOG.md]')
    process.exit(2)
  }
  try {
    process.stdout.write(`${changelogSection(readFileSync(file, 'utf8'), versionOrTag)}\n`)
  } catch (error) {
    console.error(`changelog-section: ${error.message}`)
    process.exit(1)
  }
}
