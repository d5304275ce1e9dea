import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import type * as Models from '@cyclonedx/cyclonedx-library/Models'
import { describe, expect, it } from 'vitest'
import { bomFromNpmLockfile, NPM_PROPERTIES } from '../../src/sources/npm-lockfile.ts'
import { SbomError } from '../../src/shared/errors.ts'

// A real SRI value and its hex, computed here rather than copied.
const tarball = Buffer.from('left-pad tarball')
const sha512 = createHash('sha512').update(tarball)
const sha512Hex = sha512.copy().digest('hex')
const integrity = `sha512-${sha512.digest('base64')}`
const sha1Integrity = `sha1-${createHash('sha1').update(tarball).digest('base64')}`

/** Every lockfile shape the generator must read, in one v3 `packages` map. */
const v3 = {
  name: 'gateway',
  version: '2.0.0',
  lockfileVersion: 3,
  requires: true,
  packages: {
    '': {
      name: 'gateway',
      version: '2.0.0',
      license: 'Apache-2.0',
      workspaces: ['packages/*'],
      dependencies: { 'left-pad': '^1.3.0', '@acme/mqtt': '^4.0.0', lodash4: 'npm:lodash@^4' },
      optionalDependencies: { fsevents: '^2.3.0' },
      devDependencies: { vitest: '^5.0.0' },
    },
    'node_modules/left-pad': {
      version: '1.3.0',
      resolved: 'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz',
      integrity: `${integrity} ${sha1Integrity}`,
      license: 'WTFPL',
    },
    'node_modules/@acme/mqtt': {
      version: '4.1.0',
      resolved: 'https://registry.npmjs.org/@acme/mqtt/-/mqtt-4.1.0.tgz',
      license: '(MIT OR Apache-2.0)',
      dependencies: { 'left-pad': '^2.0.0', 'git-dep': 'github:acme/git-dep', 'tar-dep': '*' },
      bundleDependencies: ['bundled-util'],
    },
    // A second left-pad, nested: @acme/mqtt resolves to it, not to the top-level one.
    'node_modules/@acme/mqtt/node_modules/left-pad': { version: '2.0.0', license: 'WTFPL' },
    'node_modules/@acme/mqtt/node_modules/bundled-util': { version: '0.1.0', inBundle: true },
    'node_modules/lodash4': {
      name: 'lodash',
      version: '4.17.21',
      resolved: 'https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz',
    },
    'node_modules/git-dep': {
      version: '0.0.1',
      resolved:
        'git+ssh://git@github.com/acme/git-dep.git#0123456789abcdef0123456789abcdef01234567',
    },
    'node_modules/tar-dep': {
      version: '3.0.0',
      resolved: 'https://downloads.acme.example/tar-dep-3.0.0.tgz',
    },
    'node_modules/fsevents': {
      version: '2.3.3',
      optional: true,
      os: ['darwin'],
      dependencies: { 'detect-libc': '^2' },
    },
    'node_modules/vitest': { version: '5.1.1', dev: true, dependencies: { tinyspy: '^4' } },
    'node_modules/tinyspy': { version: '4.0.0', dev: true },
    // Needed by a dev path and an optional path: kept without include-dev, marked development.
    'node_modules/detect-libc': { version: '2.0.4', devOptional: true },
    // A copy of a package at a second path: one component, two paths.
    'packages/sensor/node_modules/lodash': { version: '4.17.21' },
    'node_modules/@acme/sensor': { resolved: 'packages/sensor', link: true },
    // A `file:` folder dependency of a workspace: a component, but not a workspace of the root.
    'node_modules/calibration': { resolved: 'tools/calibration', link: true },
    'tools/calibration': { name: 'calibration', version: '0.0.7' },
    'packages/sensor': {
      name: '@acme/sensor',
      version: '0.3.0',
      dependencies: {
        lodash: '^4.17.0',
        '@acme/mqtt': '^4',
        calibration: 'file:../../tools/calibration',
      },
      devDependencies: { vitest: '^5' },
    },
  },
}

function componentsByPurl(bom: Models.Bom): Map<string, Models.Component> {
  return new Map([...bom.components].map((component) => [String(component.purl), component]))
}

function dependencyPurls(bom: Models.Bom, component: Models.Component | undefined): string[] {
  const refs = new Set([...(component?.dependencies ?? [])].map((ref) => ref.value))
  return [...bom.components]
    .filter((c) => refs.has(c.bomRef.value))
    .map((c) => String(c.purl))
    .sort()
}

const property = (component: Models.Component | undefined, name: string): string[] =>
  [...(component?.properties ?? [])].filter((p) => p.name === name).map((p) => p.value)

describe('npm generator: lockfile v3', () => {
  const { bom, lockfileVersion, notes } = bomFromNpmLockfile(v3, 'package-lock.json', {
    includeDev: false,
  })
  const byPurl = componentsByPurl(bom)

  it('makes the root package metadata.component, with its license and purl', () => {
    expect(lockfileVersion).toBe(3)
    expect(bom.metadata.component).toMatchObject({
      name: 'gateway',
      version: '2.0.0',
      type: 'application',
      purl: 'pkg:npm/gateway@2.0.0',
    })
    expect([...(bom.metadata.component?.licenses ?? [])]).toMatchObject([{ id: 'Apache-2.0' }])
    // Read from the lockfile before any build: the generation context quality profiles ask for.
    expect([...bom.metadata.lifecycles]).toEqual(['pre-build'])
  })

  it('a root name that makes no purl (a scope without a name) leaves the root without one, with a note', () => {
    const lock = {
      name: '@/',
      version: '5.1.0',
      lockfileVersion: 3,
      packages: { '': { name: '@/', version: '5.1.0' } },
    }
    const read = bomFromNpmLockfile(lock, 'package-lock.json', { includeDev: false })
    expect(read.bom.metadata.component).toMatchObject({ name: '@/', version: '5.1.0' })
    expect(read.bom.metadata.component?.purl).toBeUndefined()
    expect(read.notes.join('\n')).toContain('root package name "@/" makes no valid purl')
  })

  it('gives one component per purl: scoped names encoded, aliases under their real name, non-registry sources as qualifiers', () => {
    expect([...byPurl.keys()].sort()).toEqual([
      'pkg:npm/%40acme/mqtt@4.1.0',
      'pkg:npm/%40acme/sensor@0.3.0',
      'pkg:npm/bundled-util@0.1.0',
      'pkg:npm/calibration@0.0.7',
      'pkg:npm/detect-libc@2.0.4',
      'pkg:npm/fsevents@2.3.3',
      'pkg:npm/git-dep@0.0.1?vcs_url=git%2Bssh%3A%2F%2Fgit%40github.com%2Facme%2Fgit-dep.git%230123456789abcdef0123456789abcdef01234567',
      'pkg:npm/left-pad@1.3.0',
      'pkg:npm/left-pad@2.0.0',
      'pkg:npm/lodash@4.17.21',
      'pkg:npm/tar-dep@3.0.0?download_url=https%3A%2F%2Fdownloads.acme.example%2Ftar-dep-3.0.0.tgz',
    ])
    expect(byPurl.get('pkg:npm/%40acme/mqtt@4.1.0')).toMatchObject({ group: '@acme', name: 'mqtt' })
    expect(property(byPurl.get('pkg:npm/lodash@4.17.21'), NPM_PROPERTIES.path).sort()).toEqual([
      'node_modules/lodash4',
      'packages/sensor/node_modules/lodash',
    ])
  })

  it('turns integrity into hex hashes and resolved into a distribution or VCS reference', () => {
    const leftPad = byPurl.get('pkg:npm/left-pad@1.3.0')
    expect(leftPad?.hashes.get('SHA-512' as never)).toBe(sha512Hex)
    expect(leftPad?.hashes.get('SHA-1' as never)).toMatch(/^[0-9a-f]{40}$/)
    expect([...(leftPad?.externalReferences ?? [])].map((r) => [r.type, String(r.url)])).toEqual([
      ['distribution', 'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz'],
    ])
    const git = [...byPurl.values()].find((c) => c.name === 'git-dep')
    expect([...(git?.externalReferences ?? [])].map((r) => r.type)).toEqual(['vcs'])
  })

  it('keeps licenses: ids and expressions', () => {
    expect([...(byPurl.get('pkg:npm/left-pad@1.3.0')?.licenses ?? [])]).toMatchObject([
      { id: 'WTFPL', acknowledgement: 'declared' },
    ])
    expect([...(byPurl.get('pkg:npm/%40acme/mqtt@4.1.0')?.licenses ?? [])]).toMatchObject([
      { expression: '(MIT OR Apache-2.0)' },
    ])
  })

  it('wires dependencies the way npm resolves them: nested copies first, links to workspaces', () => {
    const mqtt = byPurl.get('pkg:npm/%40acme/mqtt@4.1.0')
    expect(dependencyPurls(bom, mqtt)).toEqual([
      'pkg:npm/git-dep@0.0.1?vcs_url=git%2Bssh%3A%2F%2Fgit%40github.com%2Facme%2Fgit-dep.git%230123456789abcdef0123456789abcdef01234567',
      'pkg:npm/left-pad@2.0.0',
      'pkg:npm/tar-dep@3.0.0?download_url=https%3A%2F%2Fdownloads.acme.example%2Ftar-dep-3.0.0.tgz',
    ])
    expect(dependencyPurls(bom, byPurl.get('pkg:npm/%40acme/sensor@0.3.0'))).toEqual([
      'pkg:npm/%40acme/mqtt@4.1.0',
      'pkg:npm/calibration@0.0.7',
      'pkg:npm/lodash@4.17.21',
    ])
    expect(dependencyPurls(bom, bom.metadata.component)).toEqual([
      'pkg:npm/%40acme/mqtt@4.1.0',
      'pkg:npm/%40acme/sensor@0.3.0',
      'pkg:npm/fsevents@2.3.3',
      'pkg:npm/left-pad@1.3.0',
      'pkg:npm/lodash@4.17.21',
    ])
  })

  it('marks optional and bundled packages, and leaves dev dependencies out saying how many', () => {
    expect(byPurl.get('pkg:npm/fsevents@2.3.3')?.scope).toBe('optional')
    const devOptional = byPurl.get('pkg:npm/detect-libc@2.0.4')
    expect(devOptional?.scope).toBe('required')
    expect(property(devOptional, NPM_PROPERTIES.development)).toEqual(['true'])
    expect(byPurl.get('pkg:npm/left-pad@1.3.0')?.scope).toBe('required')
    expect(property(byPurl.get('pkg:npm/bundled-util@0.1.0'), NPM_PROPERTIES.bundled)).toEqual([
      'true',
    ])
    expect([...byPurl.keys()].some((purl) => purl.includes('vitest'))).toBe(false)
    expect(notes.join('\n')).toMatch(/2 devDependency entr\(ies\) left out \(include-dev: true/)
  })

  it('include-dev adds them, marked as cyclonedx-npm marks them, and wires them from the projects', () => {
    const withDev = bomFromNpmLockfile(v3, 'package-lock.json', { includeDev: true }).bom
    const all = componentsByPurl(withDev)
    const vitest = all.get('pkg:npm/vitest@5.1.1')
    expect(property(vitest, NPM_PROPERTIES.development)).toEqual(['true'])
    expect(property(all.get('pkg:npm/left-pad@1.3.0'), NPM_PROPERTIES.development)).toEqual([])
    expect(dependencyPurls(withDev, vitest)).toEqual(['pkg:npm/tinyspy@4.0.0'])
    expect(dependencyPurls(withDev, all.get('pkg:npm/%40acme/sensor@0.3.0'))).toContain(
      'pkg:npm/vitest@5.1.1',
    )
    expect(withDev.components.size).toBe(
      bomFromNpmLockfile(v3, 'x', { includeDev: false }).bom.components.size + 2,
    )
  })
})

describe('npm generator: lockfile v1 and v2', () => {
  const v1 = {
    name: 'legacy',
    version: '1.0.0',
    lockfileVersion: 1,
    requires: true,
    dependencies: {
      'left-pad': {
        version: '1.3.0',
        resolved: v3.packages['node_modules/left-pad'].resolved,
        integrity,
      },
      lodash4: { version: 'npm:lodash@4.17.21', integrity },
      'git-dep': { version: 'git+https://github.com/acme/git-dep.git#0123456789abcdef' },
      local: { version: 'file:../local' },
      '@acme/mqtt': {
        version: '4.1.0',
        requires: { 'left-pad': '^2.0.0' },
        dependencies: { 'left-pad': { version: '2.0.0' } },
      },
      jest: { version: '29.0.0', dev: true },
    },
  }

  it('reads the nested v1 tree: aliases, git commits as versions, nesting for resolution', () => {
    const { bom, lockfileVersion } = bomFromNpmLockfile(v1, 'package-lock.json', {
      includeDev: false,
    })
    expect(lockfileVersion).toBe(1)
    const byPurl = componentsByPurl(bom)
    expect([...byPurl.keys()].sort()).toEqual([
      'pkg:npm/%40acme/mqtt@4.1.0',
      'pkg:npm/git-dep@0123456789abcdef?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Facme%2Fgit-dep.git%230123456789abcdef',
      'pkg:npm/left-pad@1.3.0',
      'pkg:npm/left-pad@2.0.0',
      'pkg:npm/local',
      'pkg:npm/lodash@4.17.21',
    ])
    expect(dependencyPurls(bom, byPurl.get('pkg:npm/%40acme/mqtt@4.1.0'))).toEqual([
      'pkg:npm/left-pad@2.0.0',
    ])
    expect(byPurl.get('pkg:npm/lodash@4.17.21')?.hashes.get('SHA-512' as never)).toBe(sha512Hex)
    expect(dependencyPurls(bom, bom.metadata.component)).toHaveLength(5)
  })

  it('reads v2 through its packages map, like v3', () => {
    const v2 = { ...v3, lockfileVersion: 2, dependencies: { ignored: { version: '9.9.9' } } }
    const purls = [
      ...componentsByPurl(bomFromNpmLockfile(v2, 'x', { includeDev: false }).bom).keys(),
    ]
    expect(purls).toContain('pkg:npm/%40acme/sensor@0.3.0')
    expect(purls.some((purl) => purl.includes('ignored'))).toBe(false)
  })

  it('refuses what is not a lockfile it can read, naming the file and what to do', () => {
    expect(() => bomFromNpmLockfile([], 'web/package-lock.json', { includeDev: false })).toThrow(
      SbomError,
    )
    expect(() =>
      bomFromNpmLockfile({ lockfileVersion: 4 }, 'web/package-lock.json', { includeDev: false }),
    ).toThrow(
      /web\/package-lock.json: has lockfileVersion 4; the npm generator reads lockfile versions 1, 2 and 3/,
    )
  })
})

// Real lockfiles: this repository's own and the fixtures of real open-source projects.
const REAL_LOCKFILES = [
  'package-lock.json',
  ...readdirSync('__tests__/fixtures/lockfiles', { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `__tests__/fixtures/lockfiles/${entry.name}/package-lock.json`),
]

describe.each(REAL_LOCKFILES)('npm generator on the real lockfile %s', (file) => {
  const lock = JSON.parse(readFileSync(file, 'utf8')) as {
    packages: Record<
      string,
      { name?: string; dev?: boolean; link?: boolean; version?: string; inBundle?: boolean }
    >
  }
  const entries = Object.entries(lock.packages).filter(
    ([path, entry]) => path !== '' && !entry.link,
  )
  const nameAtVersion = ([path, entry]: [string, { name?: string; version?: string }]) =>
    `${(entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 13)).toLowerCase()}@${entry.version}`
  const modelled = (bom: Models.Bom) =>
    new Set(
      [...bom.components].map((c) =>
        `${c.group ? `${c.group}/` : ''}${c.name}@${c.version}`.toLowerCase(),
      ),
    )

  it.each([false, true])(
    'has one component per distinct package (include-dev: %s)',
    (includeDev) => {
      const { bom } = bomFromNpmLockfile(lock, file, { includeDev })
      const expected = new Set(entries.filter(([, e]) => includeDev || !e.dev).map(nameAtVersion))
      expect(modelled(bom)).toEqual(expected)
      // Every edge points at a component of the BOM.
      const refs = new Set([...bom.components].map((c) => c.bomRef))
      for (const component of bom.components)
        for (const dependency of component.dependencies) expect(refs.has(dependency)).toBe(true)
    },
  )
})
