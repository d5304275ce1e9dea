import { SpecVersionDict, Version } from '@cyclonedx/cyclonedx-library/Spec'

/** CycloneDX versions the action reads and writes as JSON (1.0/1.1 had no JSON format). */
export const SUPPORTED_SPEC_VERSIONS = ['1.2', '1.3', '1.4', '1.5', '1.6', '1.7'] as const
export type SpecVersion = (typeof SUPPORTED_SPEC_VERSIONS)[number]

/** The version that can hold everything the library models: the lossless reference for reports. */
export const NEWEST_SPEC_VERSION: SpecVersion = '1.7'

/** What one spec version supports (component types, hash algorithms, services, …), as the library states it. */
export type LibrarySpec = NonNullable<(typeof SpecVersionDict)[Version]>

export function isSpecVersion(value: unknown): value is SpecVersion {
  return (SUPPORTED_SPEC_VERSIONS as readonly unknown[]).includes(value)
}

/** The library's enum value for a version string we have already checked. */
export function libraryVersion(version: SpecVersion): Version {
  return version as Version
}

/** The library's spec object for a version; its `supports*` members are the data we consult. */
export function specOf(version: SpecVersion): LibrarySpec {
  const spec = SpecVersionDict[libraryVersion(version)]
  // Only reachable if a library upgrade removed a version: a bug of the action, not of the input.
  if (spec === undefined) throw new Error(`the CycloneDX library has no spec ${version}`)
  return spec
}
