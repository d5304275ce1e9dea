import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { ACTION_NAME, ACTION_VERSION } from '../src/action-info.ts'

it('reports the version and name package.json declares', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    name: string
    version: string
  }
  expect(ACTION_VERSION).toBe(pkg.version)
  expect(ACTION_NAME).toBe(pkg.name)
})
