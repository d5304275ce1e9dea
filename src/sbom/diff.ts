// What changed between two published SBOMs of one package: components added, removed, and
// those whose version changed. Components are matched by purl without version and qualifiers
// (the package's identity), else by group/name.
import { PackageURL } from 'packageurl-js'
import { unzipSync } from 'fflate'

type Json = Record<string, unknown>

export interface VersionChange {
  readonly name: string
  readonly from: string
  readonly to: string
}

export interface ComponentDiff {
  /** `name@version`, sorted. */
  readonly added: readonly string[]
  readonly removed: readonly string[]
  readonly changed: readonly VersionChange[]
  readonly unchanged: number
}

/**
 * The CycloneDX JSON documents inside an artifact this action uploaded: the entries of a .zip, or
 * the single JSON document. Undefined when the bytes are neither (an object someone else put there).
 */
export function readArtifactDocuments(bytes: Uint8Array): Json[] | undefined {
  try {
    const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b
    const texts = isZip
      ? Object.entries(unzipSync(bytes))
          .filter(([name]) => name.endsWith('.json'))
          .map(([, content]) => new TextDecoder().decode(content))
      : [new TextDecoder().decode(bytes)]
    const documents = texts.map((text) => JSON.parse(text) as unknown)
    return documents.every((d) => typeof d === 'object' && d !== null && !Array.isArray(d))
      ? (documents as Json[])
      : undefined
  } catch {
    return undefined
  }
}

export function diffComponents(before: readonly Json[], after: readonly Json[]): ComponentDiff {
  const old = versionsByIdentity(before)
  const now = versionsByIdentity(after)
  const added: string[] = []
  const removed: string[] = []
  const changed: VersionChange[] = []
  let unchanged = 0
  for (const [identity, { name, versions }] of now) {
    const previous = old.get(identity)
    if (previous === undefined) added.push(...[...versions].map((v) => at(name, v)))
    else if (sameSet(previous.versions, versions)) unchanged += 1
    else changed.push({ name, from: list(previous.versions), to: list(versions) })
  }
  for (const [identity, { name, versions }] of old)
    if (!now.has(identity)) removed.push(...[...versions].map((v) => at(name, v)))
  return {
    added: added.sort(),
    removed: removed.sort(),
    changed: changed.sort((a, b) => a.name.localeCompare(b.name)),
    unchanged,
  }
}

function versionsByIdentity(documents: readonly Json[]) {
  const byIdentity = new Map<string, { name: string; versions: Set<string> }>()
  for (const document of documents)
    for (const component of allComponents(document)) {
      const { identity, name } = identify(component)
      const entry = byIdentity.get(identity) ?? { name, versions: new Set<string>() }
      entry.versions.add(typeof component.version === 'string' ? component.version : '')
      byIdentity.set(identity, entry)
    }
  return byIdentity
}

/** Components and their nested components; metadata.component (the IoT package) is not one. */
function allComponents(document: Json): Json[] {
  const found: Json[] = []
  const stack = [document.components]
  while (stack.length > 0) {
    const list = stack.pop()
    if (!Array.isArray(list)) continue
    for (const item of list)
      if (typeof item === 'object' && item !== null) {
        found.push(item as Json)
        stack.push((item as Json).components)
      }
  }
  return found
}

function identify(component: Json): { identity: string; name: string } {
  const group = typeof component.group === 'string' && component.group ? `${component.group}/` : ''
  const name = `${group}${typeof component.name === 'string' ? component.name : '(unnamed)'}`
  if (typeof component.purl === 'string')
    try {
      const purl = PackageURL.fromString(component.purl)
      const namespace = purl.namespace ? `${purl.namespace}/` : ''
      return { identity: `pkg:${purl.type}/${namespace}${purl.name}`, name }
    } catch {
      // Not a valid purl: fall back to the name.
    }
  return { identity: `name:${name}`, name }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((value) => b.has(value))
}

function list(versions: ReadonlySet<string>): string {
  return [...versions]
    .sort()
    .map((v) => v || '(none)')
    .join(', ')
}

function at(name: string, version: string): string {
  return version ? `${name}@${version}` : name
}
