// package-name and version-name: the IoT package version the SBOM is for.
import { quoted } from '../context/quoted.js'
import { isDotSegment, type Inputs } from './inputs.js'

/**
 * The names as given, refused ones too: they are still measured as parts of the S3 key, so that
 * every problem is listed at once.
 */
export interface Names {
  readonly packageName: string
  readonly versionName: string
}

// Patterns from the IoT API reference for PackageName / VersionName.
const PACKAGE_NAME = /^[a-zA-Z0-9-_.]{1,128}$/
const VERSION_NAME = /^[a-zA-Z0-9-_.]{1,64}$/

/** package-name, and version-name or the tag (`ref`) it defaults to. */
export function readNames(inputs: Inputs, ref: string): Names {
  return { packageName: readPackageName(inputs), versionName: readVersionName(inputs, ref) }
}

function readPackageName(inputs: Inputs): string {
  const packageName = inputs.get('package-name')
  if (!packageName) inputs.fail('package-name is required: the name of the IoT software package.')
  else if (!PACKAGE_NAME.test(packageName))
    inputs.fail(
      `package-name ${quoted(packageName)} is not a valid IoT package name: use 1–128 characters from a–z, A–Z, 0–9, "-", "_" and ".".`,
    )
  else if (isDotSegment(packageName))
    inputs.fail(
      `package-name "${packageName}" is refused: it becomes a segment of the S3 key, a file name and an AWS IoT URL, where "${packageName}" means a directory, not a name.`,
    )
  return packageName
}

function readVersionName(inputs: Inputs, ref: string): string {
  const explicit = inputs.get('version-name')
  const stripPrefix = inputs.get('version-name-strip-prefix')
  const fromTag = versionFromRef(ref)
  // Only the tag-derived name is stripped: an explicit version-name is taken as written.
  const versionName =
    explicit ||
    (stripPrefix && fromTag.startsWith(stripPrefix) ? fromTag.slice(stripPrefix.length) : fromTag)
  const fromWhere = explicit
    ? ''
    : ` (taken from ${ref}${stripPrefix ? `, prefix ${quoted(stripPrefix)} stripped` : ''})`
  if (!versionName)
    inputs.fail(
      fromTag
        ? `version-name is empty: the tag ${quoted(fromTag)} is nothing but version-name-strip-prefix ${quoted(stripPrefix)}.`
        : `version-name is required when the run is not for a tag (GITHUB_REF is "${ref || 'unset'}"): set it, e.g. version-name: \${{ github.ref_name }} on tag pushes.`,
    )
  else if (!VERSION_NAME.test(versionName))
    inputs.fail(
      `version-name ${quoted(versionName)}${fromWhere} is not a valid IoT package version name: use 1–64 characters from a–z, A–Z, 0–9, "-", "_" and "."${explicit ? '' : '; name tags accordingly, or set version-name'}.`,
    )
  else if (isDotSegment(versionName))
    inputs.fail(
      `version-name "${versionName}"${fromWhere} is refused: it becomes a segment of the S3 key, a file name and an AWS IoT URL, where "${versionName}" means a directory, not a name.`,
    )
  return versionName
}

/** `refs/tags/v2.4.0` → `v2.4.0`; anything else → empty. */
function versionFromRef(ref: string): string {
  return ref.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : ''
}
