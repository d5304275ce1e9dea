// The documentation whose code blocks are tested, and the fenced code blocks in a markdown text.
import { existsSync, readdirSync, readFileSync } from 'node:fs'

/** README.md and every docs/*.md, as paths relative to the repository root (the test's cwd). */
export function documentationFiles(): string[] {
  const docs = existsSync('docs')
    ? readdirSync('docs')
        .filter((name) => name.endsWith('.md'))
        .sort()
        .map((name) => `docs/${name}`)
    : []
  return ['README.md', ...docs]
}

export interface CodeBlock {
  /** 1-based line of the opening fence, for messages. */
  readonly line: number
  /** The info string's first word, lowercased (`yaml`, `sh`, …); empty when the fence has none. */
  readonly lang: string
  /** The block's lines, without the fence's own indentation (a fence inside a list item). */
  readonly text: string
  /** The HTML comment right above the fence, e.g. `example: zephyr`, when there is one. */
  readonly label: string | undefined
}

/** Every fenced block (``` or ~~~, any language), in order. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = []
  const lines = markdown.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)/.exec(lines[index] as string)
    if (!open) continue
    const [, indent = '', fence = '```', info = ''] = open
    const body: string[] = []
    let end = index + 1
    for (; end < lines.length; end++) {
      const line = (lines[end] as string).trim()
      // Closed by the same character, at least as many times, and nothing else.
      if (line.startsWith(fence) && [...line].every((character) => character === fence[0])) break
      const raw = lines[end] as string
      body.push(raw.startsWith(indent) ? raw.slice(indent.length) : raw)
    }
    const previous = lines.slice(Math.max(0, index - 3), index).join('\n')
    const label = /<!--\s*([^>]*?)\s*-->\s*$/.exec(previous)?.[1]
    blocks.push({ line: index + 1, lang: info.toLowerCase(), text: body.join('\n'), label })
    index = end
  }
  return blocks
}

/** The documentation files and their blocks, read once. */
export function documentationBlocks(): { file: string; blocks: CodeBlock[] }[] {
  return documentationFiles().map((file) => ({
    file,
    blocks: codeBlocks(readFileSync(file, 'utf8')),
  }))
}
