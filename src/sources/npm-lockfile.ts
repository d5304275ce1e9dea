// The `npm` generator: package-lock.json / npm-shrinkwrap.json → CycloneDX, from the lockfile
// alone (no network, no node_modules). Lockfile v1 is first turned into the v2/v3 `packages`
// shape, so one code path builds the BOM for every version.
import { matchesGlob } from 'node:path'
import {
  ComponentScope,
  ComponentType,
  ExternalReferenceType,
  LicenseAcknowledgement,
  LifecyclePhase,
} from '@cyclonedx/cyclonedx-library/Enums'
import { Utils as NodeUtils } from '@cyclonedx/cyclonedx-library/Contrib/FromNodePackageJson'
import { Factories as LicenseFactories } from '@cyclonedx/cyclonedx-library/Contrib/License'
import * as Models from '@cyclonedx/cyclonedx-library/Models'
import { PackageURL } from 'packageurl-js'
import parseSpdxExpression from 'spdx-expression-parse'
import { SbomError } from '../shared/errors.js'
import { isJsonObject, type JsonObject } from '../shared/json.js'

export const LOCKFILE_NAMES = ['npm-shrinkwrap.json', 'package-lock.json'] as const

/** Property names of the CycloneDX property taxonomy, as `@cyclonedx/cyclonedx-npm` writes them. */
export const NPM_PROPERTIES = {
  development: 'cdx:npm:package:development',
  bundled: 'cdx:npm:package:bundled',
  extraneous: 'cdx:npm:package:extraneous',
  path: 'cdx:npm:package:path',
} as const

export interface NpmLockfileOptions {
  /** Include devDependencies (marked with the development property). */
  readonly includeDev: boolean
}

export interface LockfileBom {
  readonly bom: Models.Bom
  readonly lockfileVersion: number
  readonly notes: string[]
}

/** One `packages` entry of a v2/v3 lockfile, the fields this generator reads. */
interface LockEntry {
  name?: string
  version?: string
  resolved?: string
  integrity?: string
  license?: unknown
  link?: boolean
  dev?: boolean
  optional?: boolean
  devOptional?: boolean
  inBundle?: boolean
  extraneous?: boolean
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
  devDependencies?: Record<string, string>
  workspaces?: unknown
}

const licenseFactory = new LicenseFactories.LicenseFactory((expression) => {
  parseSpdxExpression(expression)
})

/**
 * Builds the BOM of a parsed lockfile. `file` names the lockfile in messages. The root package
 * becomes metadata.component; every installed package one component (one per purl: copies of the
 * same package at several node_modules paths are one component), workspaces included, with the
 * dependency graph npm would resolve.
 */
export function bomFromNpmLockfile(
  lockfile: unknown,
  file: string,
  options: NpmLockfileOptions,
): LockfileBom {
  if (!isJsonObject(lockfile))
    throw new SbomError(file, 'is not a JSON object, so it is not an npm lockfile.')
  const lock = lockfile
  const lockfileVersion = lock.lockfileVersion
  if (lockfileVersion !== 1 && lockfileVersion !== 2 && lockfileVersion !== 3)
    throw new SbomError(
      file,
      `has lockfileVersion ${JSON.stringify(lockfileVersion)}; the npm generator reads lockfile versions 1, 2 and 3.`,
      { hint: 'Regenerate it with a current npm (npm install --package-lock-only).' },
    )
  const notes: string[] = []
  const packages =
    lockfileVersion === 1 || !isJsonObject(lock.packages)
      ? packagesFromV1(lock, file)
      : typedEntries(lock.packages, file, notes)
  if (lockfileVersion === 2 && !isJsonObject(lock.packages))
    notes.push(`${file}: lockfileVersion 2 without "packages"; read its v1 "dependencies" tree.`)
  return {
    bom: new LockfileBomBuilder(packages, file, options, notes).build(),
    lockfileVersion,
    notes,
  }
}

class LockfileBomBuilder {
  private readonly bom = new Models.Bom()
  /** Lockfile path → the component that stands for it (several paths may share one). */
  private readonly componentAt = new Map<string, Models.Component>()
  private readonly componentByPurl = new Map<string, Models.Component>()
  private readonly unresolved = new Set<string>()
  private workspaces: string[] | undefined
  private readonly unnamed: string[] = []
  private unparsableIntegrity = 0
  private omittedDev = 0

  private readonly packages: Record<string, LockEntry>
  private readonly file: string
  private readonly options: NpmLockfileOptions
  private readonly notes: string[]

  constructor(
    packages: Record<string, LockEntry>,
    file: string,
    options: NpmLockfileOptions,
    notes: string[],
  ) {
    this.packages = packages
    this.file = file
    this.options = options
    this.notes = notes
  }

  build(): Models.Bom {
    const rootEntry = this.packages[''] ?? {}
    const root = new Models.Component(ComponentType.Application, rootEntry.name || 'root', {
      version: rootEntry.version,
      bomRef: `root:${rootEntry.name || 'root'}@${rootEntry.version ?? ''}`,
    })
    this.addLicense(root, rootEntry)
    try {
      root.purl = this.purlOf(rootEntry.name || 'root', rootEntry.version, undefined).toString()
    } catch {
      // A root name like "@/" (a scope without a name) makes no valid purl: the root goes without.
      this.notes.push(
        `the lockfile's root package name ${JSON.stringify(rootEntry.name)} makes no valid purl; the root component has none.`,
      )
    }
    this.bom.metadata.component = root
    // Read from the lockfile, before anything is installed or built: CycloneDX's "pre-build"
    // phase (1.5+; the generation context quality profiles ask for).
    this.bom.metadata.lifecycles.add(LifecyclePhase.PreBuild)
    this.componentAt.set('', root)

    for (const [path, entry] of Object.entries(this.packages)) {
      if (path === '' || entry.link) continue
      if (entry.dev && !this.options.includeDev) {
        this.omittedDev += 1
        continue
      }
      this.addComponent(path, entry)
    }
    for (const [path, entry] of Object.entries(this.packages)) {
      if (entry.link) continue
      const component = this.componentAt.get(path)
      if (component) this.wireDependencies(path, entry, component)
    }
    this.summarize()
    return this.bom
  }

  private addComponent(path: string, entry: LockEntry): void {
    const name = entry.name || nameFromPath(path)
    const git = isGitUrl(entry.resolved)
    let purl: PackageURL
    try {
      purl = this.purlOf(name, entry.version, entry.resolved)
    } catch {
      // Only a broken lockfile has a package without a usable name (e.g. "node_modules/").
      this.unnamed.push(path)
      return
    }
    const key = purl.toString()
    const existing = this.componentByPurl.get(key)
    if (existing) {
      // The same package installed at another path: one component, every path kept.
      existing.properties.add(new Models.Property(NPM_PROPERTIES.path, path))
      this.componentAt.set(path, existing)
      return
    }
    const { scope, name: bare } = splitName(name)
    const component = new Models.Component(ComponentType.Library, bare, {
      group: scope,
      version: entry.version,
      bomRef: key,
      purl: key,
      // As cyclonedx-npm: optional only for `optional`; devOptional is marked development below.
      scope: entry.optional ? ComponentScope.Optional : ComponentScope.Required,
    })
    this.addHashes(component, entry.integrity)
    this.addLicense(component, entry)
    if (entry.resolved && isUrl(entry.resolved))
      component.externalReferences.add(
        new Models.ExternalReference(
          entry.resolved,
          git ? ExternalReferenceType.VCS : ExternalReferenceType.Distribution,
          { comment: 'as detected from the lockfile property "resolved"' },
        ),
      )
    if (entry.dev || entry.devOptional)
      component.properties.add(new Models.Property(NPM_PROPERTIES.development, 'true'))
    if (entry.inBundle)
      component.properties.add(new Models.Property(NPM_PROPERTIES.bundled, 'true'))
    if (entry.extraneous)
      component.properties.add(new Models.Property(NPM_PROPERTIES.extraneous, 'true'))
    component.properties.add(new Models.Property(NPM_PROPERTIES.path, path))
    this.bom.components.add(component)
    this.componentByPurl.set(key, component)
    this.componentAt.set(path, component)
  }

  /** Edges as npm resolves them: the nearest node_modules up the tree, links followed. */
  private wireDependencies(path: string, entry: LockEntry, component: Models.Component): void {
    const isProject = path === '' || isWorkspaceFolder(path)
    const wanted = [
      ...Object.keys(entry.dependencies ?? {}).map((name) => ({ name, optional: false })),
      ...Object.keys(entry.optionalDependencies ?? {}).map((name) => ({ name, optional: true })),
      ...Object.keys(entry.peerDependencies ?? {}).map((name) => ({ name, optional: true })),
      ...(isProject && this.options.includeDev
        ? Object.keys(entry.devDependencies ?? {}).map((name) => ({ name, optional: false }))
        : []),
    ]
    if (path === '')
      for (const workspace of this.workspaceFolders())
        wanted.push({
          name: this.packages[workspace]?.name || nameFromPath(workspace),
          optional: true,
        })
    for (const { name, optional } of wanted) {
      const target = this.resolve(path, name)
      const dependency = target === undefined ? undefined : this.componentAt.get(target)
      if (dependency && dependency !== component) component.dependencies.add(dependency.bomRef)
      else if (target === undefined && !optional)
        this.unresolved.add(`${path || '(root)'} → ${name}`)
    }
  }

  private resolve(from: string, name: string): string | undefined {
    let base = from
    for (;;) {
      const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`
      const entry = this.packages[candidate]
      if (entry) return entry.link && entry.resolved !== undefined ? entry.resolved : candidate
      if (base === '') {
        // A workspace depending on a sibling workspace by name.
        const workspace = this.workspaceFolders().find(
          (folder) => (this.packages[folder]?.name || nameFromPath(folder)) === name,
        )
        return workspace
      }
      const parent = base.lastIndexOf('/node_modules/')
      base = parent === -1 ? '' : base.slice(0, parent)
    }
  }

  /** Folders the root's `workspaces` globs name (not `file:` folders, which are plain dependencies). */
  private workspaceFolders(): string[] {
    if (this.workspaces === undefined) {
      const declared = this.packages['']?.workspaces
      const patterns = (
        Array.isArray(declared) ? declared : isJsonObject(declared) ? declared.packages : []
      ) as unknown[]
      const globs = patterns.filter((p): p is string => typeof p === 'string')
      this.workspaces = Object.keys(this.packages).filter(
        (path) =>
          path !== '' &&
          isWorkspaceFolder(path) &&
          globs.some((glob) => matchesGlob(path, glob.replace(/^\.\//, '').replace(/\/$/, ''))),
      )
    }
    return this.workspaces
  }

  private purlOf(
    name: string,
    version: string | undefined,
    resolved: string | undefined,
  ): PackageURL {
    const { scope, name: bare } = splitName(name)
    const qualifiers: Record<string, string> = {}
    // Registry packages need no qualifier (purl-spec npm type); anything else says where it came from.
    if (resolved && isGitUrl(resolved)) qualifiers.vcs_url = resolved
    else if (resolved && isUrl(resolved) && !NodeUtils.defaultRegistryMatcher.test(resolved))
      qualifiers.download_url = resolved
    return new PackageURL(
      'npm',
      scope,
      bare,
      version,
      Object.keys(qualifiers).length > 0 ? qualifiers : undefined,
      undefined,
    )
  }

  private addHashes(component: Models.Component, integrity: string | undefined): void {
    for (const part of (integrity ?? '').split(/\s+/).filter(Boolean)) {
      try {
        component.hashes.set(...NodeUtils.parsePackageIntegrity(part))
      } catch {
        this.unparsableIntegrity += 1
      }
    }
  }

  private addLicense(component: Models.Component, entry: LockEntry): void {
    const license = entry.license
    if (typeof license !== 'string' || license.trim() === '') return
    const made = licenseFactory.makeFromString(license.trim())
    // The lockfile copies package.json's `license`: what the author declared, not a finding.
    made.acknowledgement = LicenseAcknowledgement.Declared
    component.licenses.add(made)
  }

  private summarize(): void {
    const file = this.file
    this.notes.push(
      `${file}: ${this.bom.components.size} component(s) from ${Object.keys(this.packages).length - 1} lockfile entr(ies); ` +
        (this.options.includeDev
          ? 'devDependencies included (property cdx:npm:package:development).'
          : `${this.omittedDev} devDependency entr(ies) left out (include-dev: true adds them).`),
    )
    if (this.unresolved.size > 0)
      this.notes.push(
        `${file}: ${this.unresolved.size} dependenc(ies) are not in the lockfile, so their edges are missing (e.g. ${[...this.unresolved].slice(0, 3).join('; ')}). Run npm install to bring the lockfile up to date.`,
      )
    if (this.unnamed.length > 0)
      this.notes.push(
        `${file}: ${this.unnamed.length} entr(ies) have no package name a purl can hold and were left out (e.g. ${JSON.stringify(this.unnamed[0])}).`,
      )
    if (this.unparsableIntegrity > 0)
      this.notes.push(
        `${file}: ${this.unparsableIntegrity} integrity value(s) were not SRI hashes and were not turned into hashes.`,
      )
  }
}

/**
 * The `packages` map with every field this generator reads checked for its type: a hand-edited or
 * corrupted lockfile must give a clear note, not a TypeError deep inside.
 */
function typedEntries(raw: JsonObject, file: string, notes: string[]): Record<string, LockEntry> {
  const entries: Record<string, LockEntry> = {}
  const skipped: string[] = []
  for (const [path, value] of Object.entries(raw)) {
    if (!isJsonObject(value)) {
      skipped.push(path || '(root)')
      continue
    }
    const text = (key: string) =>
      typeof value[key] === 'string' ? (value[key] as string) : undefined
    const flag = (key: string) => value[key] === true
    const names = (key: string) =>
      isJsonObject(value[key]) ? (value[key] as Record<string, string>) : undefined
    entries[path] = {
      name: text('name'),
      version: text('version'),
      resolved: text('resolved'),
      integrity: text('integrity'),
      license: text('license'),
      link: flag('link'),
      dev: flag('dev'),
      optional: flag('optional'),
      devOptional: flag('devOptional'),
      inBundle: flag('inBundle'),
      extraneous: flag('extraneous'),
      dependencies: names('dependencies'),
      optionalDependencies: names('optionalDependencies'),
      peerDependencies: names('peerDependencies'),
      devDependencies: names('devDependencies'),
      workspaces: value.workspaces,
    }
  }
  if (skipped.length > 0)
    notes.push(
      `${file}: ${skipped.length} "packages" entr(ies) are not objects and were skipped (e.g. ${JSON.stringify(skipped[0])}).`,
    )
  return entries
}

/** Lockfile v1 `dependencies` tree → the v2/v3 `packages` map (paths as node_modules nesting). */
function packagesFromV1(lock: JsonObject, file: string): Record<string, LockEntry> {
  const packages: Record<string, LockEntry> = {
    '': {
      name: typeof lock.name === 'string' ? lock.name : undefined,
      version: typeof lock.version === 'string' ? lock.version : undefined,
      dependencies: {},
    },
  }
  const root = packages['']!
  // Explicit stack: deep trees must not exhaust the call stack.
  const stack: { parent: string; tree: unknown; top: boolean }[] = [
    { parent: '', tree: lock.dependencies, top: true },
  ]
  while (stack.length > 0) {
    const { parent, tree, top } = stack.pop()!
    if (tree === undefined) continue
    if (!isJsonObject(tree))
      throw new SbomError(
        file,
        `has a "dependencies" value that is not an object at ${parent || 'the top'}.`,
      )
    for (const [name, value] of Object.entries(tree)) {
      if (!isJsonObject(value)) continue
      const path = parent ? `${parent}/node_modules/${name}` : `node_modules/${name}`
      const entry = v1Entry(name, value)
      packages[path] = entry
      if (top && !entry.dev) root.dependencies![name] = String(value.version ?? '')
      else if (top) (root.devDependencies ??= {})[name] = String(value.version ?? '')
      stack.push({ parent: path, tree: value.dependencies, top: false })
    }
  }
  return packages
}

function v1Entry(key: string, value: JsonObject): LockEntry {
  const raw = typeof value.version === 'string' ? value.version : undefined
  let name = key
  let version = raw
  let resolved = typeof value.resolved === 'string' ? value.resolved : undefined
  if (raw?.startsWith('npm:')) {
    // Alias: "npm:real-name@1.2.3".
    const spec = raw.slice(4)
    const at = spec.lastIndexOf('@')
    name = at > 0 ? spec.slice(0, at) : spec
    version = at > 0 ? spec.slice(at + 1) : undefined
  } else if (raw && (isGitUrl(raw) || /^(github|gitlab|bitbucket):/.test(raw))) {
    // v1 keeps the git URL as the version; the commit after "#" is the best version there is.
    resolved = raw
    version = raw.includes('#') ? raw.slice(raw.lastIndexOf('#') + 1) : undefined
  } else if (raw?.startsWith('file:')) {
    resolved = raw
    version = undefined
  }
  const requires = isJsonObject(value.requires) ? (value.requires as Record<string, string>) : {}
  return {
    name,
    version,
    resolved,
    integrity: typeof value.integrity === 'string' ? value.integrity : undefined,
    dev: value.dev === true,
    optional: value.optional === true,
    inBundle: value.bundled === true,
    dependencies: requires,
  }
}

function nameFromPath(path: string): string {
  const at = path.lastIndexOf('node_modules/')
  return at === -1 ? path.slice(path.lastIndexOf('/') + 1) : path.slice(at + 'node_modules/'.length)
}

function splitName(name: string): { scope: string | undefined; name: string } {
  if (!name.startsWith('@') || !name.includes('/')) return { scope: undefined, name }
  const slash = name.indexOf('/')
  return { scope: name.slice(0, slash), name: name.slice(slash + 1) }
}

/** Folders of the project itself (workspaces, `file:` folders), not installed packages. */
function isWorkspaceFolder(path: string): boolean {
  return !path.startsWith('node_modules/') && !path.includes('/node_modules/')
}

function isGitUrl(url: string | undefined): boolean {
  return url !== undefined && /^git(\+[a-z]+)?:|^git@|\.git(#|$)/.test(url)
}

/** A remote location; `file:` paths are relative to the project and say nothing to a reader. */
function isUrl(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(value) && !value.startsWith('file:')
}
