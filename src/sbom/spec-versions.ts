import { Version } from '@cyclonedx/cyclonedx-library/Spec'

/** CycloneDX versions the action reads and writes as JSON (1.0/1.1 had no JSON format). */
export const SUPPORTED_SPEC_VERSIONS = ['1.2', '1.3', '1.4', '1.5', '1.6', '1.7'] as const
export type SpecVersion = (typeof SUPPORTED_SPEC_VERSIONS)[number]

export function isSpecVersion(value: unknown): value is SpecVersion {
  return (SUPPORTED_SPEC_VERSIONS as readonly unknown[]).includes(value)
}

/** The library's enum value for a version string we have already checked. */
export function libraryVersion(version: SpecVersion): Version {
  return version as Version
}
