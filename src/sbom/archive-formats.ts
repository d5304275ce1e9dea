/**
 * The two shapes of the uploaded artifact (the `sbom-archive` input), stated once: the config
 * reads the input against this table, the S3 key and the local file take its extension, the
 * upload its content type, and the summary its label.
 */
export const ARCHIVE_FORMATS = {
  /** The normalized file(s) in a .zip: what AWS IoT documents as the SBOM archive. */
  zip: { extension: 'zip', contentType: 'application/zip', label: ' in a .zip' },
  /** Exactly one normalized CycloneDX JSON file, as is. */
  json: { extension: 'cdx.json', contentType: 'application/vnd.cyclonedx+json', label: '' },
} as const

export type ArchiveFormat = keyof typeof ARCHIVE_FORMATS

export const ARCHIVE_FORMAT_NAMES = Object.keys(ARCHIVE_FORMATS) as readonly ArchiveFormat[]

export const DEFAULT_ARCHIVE_FORMAT: ArchiveFormat = 'zip'

/** The extension each normalized SBOM gets, alone or as a zip entry. */
export const SBOM_ENTRY_EXTENSION = ARCHIVE_FORMATS.json.extension
