// Every relative Markdown link in README.md, ARCHITECTURE.md and docs/*.md points at a file or
// folder of the repository, and every `#anchor` at a heading (or an HTML id) of the page it names,
// spelled the way GitHub spells heading anchors. Links with a scheme (https:, mailto:) are not
// followed; links inside code are not links.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { posix } from 'node:path'
import { describe, expect, it } from 'vitest'

const PAGES = [
  'README.md',
  'ARCHITECTURE.md',
  ...readdirSync('docs')
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
]

/** The page's lines, those of fenced code blocks (fences included) blanked: line numbers kept. */
function proseLines(markdown: string): string[] {
  let fence: string | undefined
  return markdown.split('\n').map((line) => {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1]
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length)
        fence = undefined
      return ''
    }
    if (marker !== undefined) fence = marker
    return marker === undefined ? line : ''
  })
}

interface Link {
  readonly line: number
  readonly target: string
}

/** Inline links and images `[text](target "title")` and reference definitions `[label]: target`. */
function linksOf(markdown: string): Link[] {
  const links: Link[] = []
  proseLines(markdown)
    .map((line) => line.replace(/(`+)[^`]*?\1/g, '')) // code spans hold no links
    .forEach((text, index) => {
      for (const match of text.matchAll(/\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g))
        links.push({ line: index + 1, target: match[1] ?? '' })
      const definition = /^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?/.exec(text)
      if (definition) links.push({ line: index + 1, target: definition[1] ?? '' })
    })
  return links
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // a link's text
    .replace(/<[^>]+>/g, '') // inline HTML
    .replace(/`/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-')
}

/** Every anchor a page offers: its headings' (numbered -1, -2… when repeated) and HTML ids. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>()
  const seen = new Map<string, number>()
  for (const line of proseLines(markdown)) {
    if (!/^\s{0,3}#{1,6}\s/.test(line)) continue
    const heading = line.replace(/^\s{0,3}#{1,6}\s+/, '').replace(/\s+#+\s*$/, '')
    const base = slug(heading)
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    anchors.add(count === 0 ? base : `${base}-${count}`)
  }
  for (const match of markdown.matchAll(/<a\s[^>]*(?:id|name)="([^"]+)"/g))
    anchors.add(match[1] ?? '')
  return anchors
}

/** What is wrong with one link of `page`; undefined when it resolves. */
function problemOf(page: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) return undefined
  const hash = target.indexOf('#')
  const pathPart = decodeURIComponent(hash === -1 ? target : target.slice(0, hash))
  const anchor = hash === -1 ? undefined : decodeURIComponent(target.slice(hash + 1))
  const file =
    pathPart === ''
      ? page
      : pathPart.startsWith('/')
        ? posix.normalize(pathPart.slice(1))
        : posix.normalize(posix.join(posix.dirname(page), pathPart))
  if (file.startsWith('../')) return `${target} leaves the repository`
  if (!existsSync(file)) return `${target}: ${file} does not exist`
  if (anchor === undefined || anchor === '') return undefined
  if (statSync(file).isDirectory() || !file.endsWith('.md'))
    return `${target}: an anchor into ${file}, which is not a Markdown page`
  const anchors = anchorsOf(readFileSync(file, 'utf8'))
  return anchors.has(anchor) ? undefined : `${target}: ${file} has no heading #${anchor}`
}

describe('relative links in README.md, ARCHITECTURE.md and docs/*.md', () => {
  it('docs/ has pages and the README links to each of them', () => {
    const readme = readFileSync('README.md', 'utf8')
    const linked = new Set(
      linksOf(readme).map((link) => posix.normalize(link.target.replace(/#.*$/, ''))),
    )
    const docs = PAGES.filter((page) => page.startsWith('docs/'))
    expect(docs.length).toBeGreaterThan(0)
    expect(docs.filter((page) => !linked.has(page))).toEqual([])
  })

  it.each(PAGES)('%s: every relative link resolves', (page) => {
    const problems = linksOf(readFileSync(page, 'utf8')).flatMap((link) => {
      const problem = problemOf(page, link.target)
      return problem === undefined ? [] : [`${page}:${link.line}: ${problem}`]
    })
    expect(problems).toEqual([])
  })
})

describe('the link checker itself', () => {
  it('spells anchors as GitHub does', () => {
    expect(slug('2. An IAM role GitHub can assume')).toBe('2-an-iam-role-github-can-assume')
    expect(slug('How the `npm` generator compares with its peers')).toBe(
      'how-the-npm-generator-compares-with-its-peers',
    )
    expect(slug('What is not known about AWS IoT (and how to adjust)')).toBe(
      'what-is-not-known-about-aws-iot-and-how-to-adjust',
    )
    expect(slug('Lockfile → SBOM')).toBe('lockfile--sbom')
    expect(slug('Firmware build systems: Zephyr, ESP-IDF, Yocto')).toBe(
      'firmware-build-systems-zephyr-esp-idf-yocto',
    )
    expect(slug('snake_case stays')).toBe('snake_case-stays')
  })

  it('numbers repeated headings and ignores headings in code', () => {
    const anchors = anchorsOf('# A\n\n## Notes\n\n```sh\n# not a heading\n```\n\n## Notes\n')
    expect([...anchors].sort()).toEqual(['a', 'notes', 'notes-1'])
  })

  it('finds inline links and definitions, not links in code', () => {
    expect(
      linksOf('[a](docs/x.md) and `[b](nope.md)`\n```md\n[c](nope.md)\n```\n[d]: ../y.md#z\n'),
    ).toEqual([
      { line: 1, target: 'docs/x.md' },
      { line: 5, target: '../y.md#z' },
    ])
  })

  it('reports a missing file, a missing anchor, and lets URLs be', () => {
    expect(problemOf('README.md', 'https://example.com/x')).toBeUndefined()
    expect(problemOf('README.md', 'docs/no-such-page.md')).toMatch(/does not exist/)
    expect(problemOf('README.md', '#no-such-heading')).toMatch(/has no heading/)
    expect(problemOf('docs/x.md', '../../outside.md')).toMatch(/leaves the repository/)
  })
})
