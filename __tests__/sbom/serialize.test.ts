// serializeBom copies the library's normalized document into plain JSON data instead of writing,
// parsing and writing it again. These tests hold it to what that round trip gave: the document is
// exactly JSON.parse(json), the bytes are the library's own where nothing needed tidying, and the
// tidying leaves no empty list and no reference to a component the output lacks.
import { readFileSync } from 'node:fs'
import { JSON as JsonNormalize, JsonSerializer } from '@cyclonedx/cyclonedx-library/Serialize'
import { describe, expect, it } from 'vitest'
import { syntheticSbom } from '../../bench/lib/synthetic-sbom.mjs'
import { enrichBom } from '../../src/sbom/enrich.ts'
import { readCycloneDxJson } from '../../src/formats/cyclonedx-json.ts'
import { serializeBom } from '../../src/sbom/serialize.ts'
import { SUPPORTED_SPEC_VERSIONS, specOf } from '../../src/formats/spec-versions.ts'
import { normalizeRequest } from './normalize-request.ts'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const fixture = (name: string): Json =>
  JSON.parse(readFileSync(new URL(`../fixtures/sbom/${name}`, import.meta.url), 'utf8')) as Json

const INPUTS: [string, () => Json][] = [
  ['gateway-1.6.cdx.json', () => fixture('gateway-1.6.cdx.json')],
  ['sensor-1.2.cdx.json', () => fixture('sensor-1.2.cdx.json')],
  ['synthetic 300 components', () => syntheticSbom(300) as Json],
]

function enrichedBom(name: string, document: Json) {
  const { bom } = readCycloneDxJson(name, document)
  enrichBom(bom, normalizeRequest(name, ''))
  return bom
}

/** Every JSON path below `value` holding an empty array, the document's own `components` aside. */
function emptyLists(value: unknown, path = '$'): string[] {
  if (typeof value !== 'object' || value === null) return []
  if (Array.isArray(value)) {
    if (value.length === 0 && path !== '$.components') return [path]
    return value.flatMap((item, index) => emptyLists(item, `${path}[${index}]`))
  }
  return Object.entries(value).flatMap(([key, member]) => emptyLists(member, `${path}.${key}`))
}

function bomRefs(document: Json): Set<string> {
  const refs = new Set<string>()
  const visit = (item: Json, nested: string) => {
    if (typeof item['bom-ref'] === 'string') refs.add(item['bom-ref'])
    for (const child of item[nested] ?? []) visit(child, nested)
  }
  if (document.metadata?.component) visit(document.metadata.component, 'components')
  for (const component of document.components ?? []) visit(component, 'components')
  for (const service of document.services ?? []) visit(service, 'services')
  return refs
}

describe.each(INPUTS)('serializeBom: %s', (name, input) => {
  it.each(SUPPORTED_SPEC_VERSIONS)('at %s gives the document JSON.parse(json) would', (target) => {
    const { json, document } = serializeBom(enrichedBom(name, input()), target) as {
      json: string
      document: Json
    }
    // toStrictEqual tells a member holding undefined from a missing one, and -0 from 0.
    expect(document).toStrictEqual(JSON.parse(json))
    expect(json).toBe(JSON.stringify(document))
    expect(emptyLists(document)).toEqual([])
    const refs = bomRefs(document)
    for (const entry of document.dependencies ?? []) {
      expect(refs).toContain(entry.ref)
      for (const ref of entry.dependsOn ?? []) expect(refs).toContain(ref)
    }
    for (const vulnerability of document.vulnerabilities ?? [])
      for (const affect of vulnerability.affects ?? []) expect(refs).toContain(affect.ref)
  })

  it.each(SUPPORTED_SPEC_VERSIONS)(
    'at %s writes what the library writes, less only empty lists and dangling references',
    (target) => {
      const bom = enrichedBom(name, input())
      const ours = serializeBom(bom, target).document
      const library = JSON.parse(
        new JsonSerializer(new JsonNormalize.Normalize.Factory(specOf(target))).serialize(bom, {
          sortLists: true,
        }),
      ) as Json
      // Put back what tidying may remove, then the two must agree member for member.
      const restored = restoreTidied(ours, library)
      expect(restored).toStrictEqual(library)
    },
  )
})

const REFERENCE_LISTS = new Set(['dependencies', 'dependsOn', 'affects'])

/**
 * `ours` with the library's empty lists and its dependency/affects entries put back where `ours`
 * lacks them, so that a difference anywhere else shows.
 */
function restoreTidied(ours: unknown, library: unknown): unknown {
  if (typeof library !== 'object' || library === null) return ours
  if (Array.isArray(library)) {
    if (!Array.isArray(ours)) return ours
    if (library.length === ours.length)
      return ours.map((item, index) => restoreTidied(item, library[index]))
    // A filtered list of references: the library's items, ours where they agree on identity.
    return library.map((item: Json) => {
      const match = ours.find((candidate: Json) =>
        typeof item === 'object' ? candidate.ref === item.ref : candidate === item,
      )
      return match === undefined ? item : restoreTidied(match, item)
    })
  }
  if (typeof ours !== 'object' || ours === null) return ours
  const restored: Json = {}
  for (const [key, member] of Object.entries(library as Json)) {
    const own = (ours as Json)[key]
    const tidiedAway = Array.isArray(member) && (member.length === 0 || REFERENCE_LISTS.has(key))
    if (own === undefined && tidiedAway) restored[key] = member
    else if (own !== undefined) restored[key] = restoreTidied(own, member)
  }
  for (const [key, member] of Object.entries(ours as Json))
    if (!(key in restored)) restored[key] = member
  return restored
}
