// ARCHITECTURE.md's layer table is what a maintainer reads; eslint.config.js's is what is
// enforced. They must say the same thing, and every folder of src/ must be in both.
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const root = new URL('../../', import.meta.url)
const architecture = readFileSync(new URL('ARCHITECTURE.md', root), 'utf8')
// Loaded by URL: the ESLint config is plain JavaScript without type declarations.
const { allowedImports } = (await import(new URL('eslint.config.js', root).href)) as {
  allowedImports: Record<string, readonly string[]>
}

/** Rows of the "Layers" table: layer → the layers it may import, as written. */
function documentedLayers(): Map<string, string[]> {
  const rows = new Map<string, string[]>()
  for (const line of architecture.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim())
    const layer = /^`([a-z-]+)(?:\.ts)?`$/.exec(cells[1] ?? '')?.[1]
    if (layer === undefined || cells.length < 5) continue
    const allowed = cells[3] ?? ''
    rows.set(layer, allowed === '—' ? [] : allowed.split(',').map((name) => name.trim()))
  }
  return rows
}

describe('ARCHITECTURE.md', () => {
  const documented = documentedLayers()
  const enforced = allowedImports

  it('documents every folder of src/ as a layer', () => {
    const folders = readdirSync(new URL('src/', root), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'types')
      .map((entry) => entry.name)
    expect(folders.length).toBeGreaterThan(8)
    for (const folder of folders) {
      expect(documented.has(folder), `${folder} missing from ARCHITECTURE.md`).toBe(true)
      expect(enforced[folder], `${folder} missing from eslint.config.js`).toBeDefined()
    }
  })

  it('states the same imports per layer as the lint rule enforces', () => {
    expect(documented.size).toBeGreaterThan(8)
    for (const [layer, allowed] of documented) {
      const rule = enforced[layer]
      expect(rule, `${layer} is not in eslint.config.js`).toBeDefined()
      if (allowed.join(' ') === 'every layer above') {
        const above = [...documented.keys()].filter((name) => name !== layer && name !== 'main')
        expect([...(rule ?? [])].sort()).toEqual(expect.arrayContaining(above.sort()))
      } else expect([...(rule ?? [])].sort(), layer).toEqual([...allowed].sort())
    }
  })
})
