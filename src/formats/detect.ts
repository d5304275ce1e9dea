// What an input is, judged by its content and never by its file name: which reader a text needs
// (detectSyntax), which reader a parsed JSON document needs (detectFormat), the wrappers that are
// unwrapped (unwrapDocument), and, for everything the action recognises but does not read, a
// refusal that names the format and says what to do instead.
import { SbomError } from '../shared/errors.js'
import { isJsonObject, type JsonObject } from '../shared/json.js'
import { SUPPORTED_SPEC_VERSIONS } from './spec-versions.js'

/** What an input was; `npm lockfile` for an SBOM the npm generator made. */
export type SbomFormat =
  | 'CycloneDX JSON'
  | 'CycloneDX XML'
  | 'SPDX JSON'
  | 'SPDX tag-value'
  | 'SPDX 3 JSON-LD'
  | 'npm lockfile'

const SPDX_VERSIONS = ['SPDX-2.2', 'SPDX-2.3']
const ACCEPTED = `CycloneDX JSON or XML ${SUPPORTED_SPEC_VERSIONS.join('/')}, SPDX 2.2/2.3 JSON or tag-value, SPDX 3.0 JSON-LD (gzip or zstd compressed too)`

/** Which reader a parsed JSON document needs; anything else is refused saying what it looks like. */
export function detectFormat(
  file: string,
  document: JsonObject,
): 'CycloneDX JSON' | 'SPDX JSON' | 'SPDX 3 JSON-LD' {
  if (document.bomFormat === 'CycloneDX') {
    if (document.specVersion === '1.0' || document.specVersion === '1.1')
      throw new SbomError(
        file,
        `declares CycloneDX specVersion ${document.specVersion}, which is not supported: the action reads CycloneDX ${SUPPORTED_SPEC_VERSIONS[0]} and later (CycloneDX ${document.specVersion} had no JSON format).`,
        {
          hint: 'Regenerate it with a current CycloneDX generator (CycloneDX 1.4 or later), and check the generator writes the specVersion it follows.',
        },
      )
    return 'CycloneDX JSON'
  }
  if (looksLikeSpdx3(document)) return 'SPDX 3 JSON-LD'
  if (typeof document.spdxVersion === 'string') {
    if (SPDX_VERSIONS.includes(document.spdxVersion)) return 'SPDX JSON'
    throw spdxVersionError(file, document.spdxVersion, 'JSON')
  }
  const looks = guess(document)
  throw new SbomError(
    file,
    `is not an SBOM format the action reads (it looks like ${looks.what}).`,
    {
      hint:
        looks.hint ??
        `Accepted: ${ACCEPTED}. Most generators can write one of these (e.g. syft -o cyclonedx-json, trivy --format cyclonedx).`,
    },
  )
}

function guess(document: JsonObject): { what: string; hint?: string } {
  const context = JSON.stringify(document['@context'] ?? '')
  if (context.includes('spdx.org/rdf/3')) return { what: 'SPDX 3 JSON-LD' }
  if ('artifacts' in document && 'descriptor' in document)
    return {
      what: "syft JSON, syft's own format",
      hint: 'Have syft write CycloneDX or SPDX instead: `syft <source> -o cyclonedx-json=sbom.cdx.json` (or -o spdx-json=sbom.spdx.json).',
    }
  if ('SchemaVersion' in document && ('ArtifactName' in document || 'Results' in document))
    return {
      what: 'a Trivy JSON report',
      hint: 'Have Trivy write an SBOM instead: `trivy <target> --format cyclonedx --output sbom.cdx.json` (or --format spdx-json).',
    }
  if ('bomFormat' in document)
    return { what: `a document with bomFormat ${JSON.stringify(document.bomFormat)}` }
  const keys = Object.keys(document).slice(0, 5)
  return {
    what: keys.length > 0 ? `JSON with top-level keys ${keys.join(', ')}` : 'an empty JSON object',
  }
}

/** SPDX 3 JSON-LD: its @context names the SPDX 3 model (compact or expanded @graph). */
export function looksLikeSpdx3(document: JsonObject): boolean {
  return JSON.stringify(document['@context'] ?? '').includes('spdx.org/rdf/3')
}

/**
 * The SBOM inside a known wrapper: GitHub's dependency-graph REST response
 * (`GET /repos/{owner}/{repo}/dependency-graph/sbom`, e.g. saved by `gh api … > sbom.json`) is
 * `{"sbom": {…SPDX 2.3…}}`. Anything else is returned as it is.
 */
export function unwrapDocument(document: JsonObject): {
  readonly document: JsonObject
  readonly notes: readonly string[]
} {
  const inner = document.sbom
  if (
    !('bomFormat' in document || 'spdxVersion' in document || '@context' in document) &&
    isJsonObject(inner) &&
    ('spdxVersion' in inner || 'bomFormat' in inner)
  )
    return {
      document: inner,
      notes: ['the GitHub dependency-graph API response: its `sbom` member was read.'],
    }
  return { document, notes: [] }
}

// --- Text: which reader, before any parsing ---

/** How a text input is written; out-of-reach formats are refused here, each by name. */
export type TextSyntax = 'json' | 'xml' | 'tag-value'

const EMPTY_HINT =
  'Check that the step that writes the SBOM ran and wrote this file (a generator that fails can leave it empty), and that sbom names that file.'

/**
 * The syntax of a decoded input, judged by its content only (never by the file name). Refuses an
 * empty file, and formats the action recognises but cannot read, saying what to do instead.
 */
export function detectSyntax(file: string, text: string): TextSyntax {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  // A search, not trim(): trimming a large SBOM would copy it.
  if (!/\S/.test(body))
    throw new SbomError(
      file,
      text.length === 0
        ? 'is empty (0 bytes).'
        : `is empty: it holds only ${body === '' ? 'a byte order mark' : 'whitespace'}.`,
      { hint: EMPTY_HINT },
    )
  const binary = describeBinary(Buffer.from(text.slice(0, 64), 'utf8'))
  if (binary !== undefined) throw binaryError(file, binary)
  if (/^\s*</.test(body)) {
    refuseXmlOutOfReach(file, body.slice(0, 65_536))
    return 'xml'
  }
  const spdxVersion = tagValueSpdxVersion(body)
  if (spdxVersion !== undefined) {
    if (!SPDX_VERSIONS.includes(spdxVersion)) throw spdxVersionError(file, spdxVersion, 'tag-value')
    return 'tag-value'
  }
  return 'json'
}

/**
 * `SPDXVersion: SPDX-x.y` of a tag-value document: its first line that is not blank or a comment
 * is a `Tag: value` line, and one of the first 100 such lines is SPDXVersion (it comes first in
 * every generator's output, but the format does not require it).
 */
function tagValueSpdxVersion(text: string): string | undefined {
  let first = true
  for (const line of text.slice(0, 65_536).split(/\r?\n/, 200)) {
    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith('#')) continue
    if (first && !/^[A-Za-z][A-Za-z0-9]*:/.test(trimmed)) return undefined
    first = false
    const match = /^SPDXVersion:\s*(\S+)/.exec(trimmed)
    if (match) return match[1]
  }
  return undefined
}

function spdxVersionError(file: string, version: string, syntax: 'JSON' | 'tag-value'): SbomError {
  const old = /^SPDX-2\.[01]$/.test(version)
  return new SbomError(
    file,
    `is ${version} ${syntax}, which is not supported${old ? ': the action reads SPDX 2.2 and 2.3' : ''}.`,
    {
      hint: old
        ? `Regenerate it with a current generator, or convert it to SPDX 2.3 JSON. Accepted: ${ACCEPTED}.`
        : `Accepted: ${ACCEPTED}.`,
    },
  )
}

const CYCLONEDX_NAMESPACE = /^http:\/\/cyclonedx\.org\/schema\/bom\/(\d+\.\d+)$/
const RDF_NAMESPACE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'

/** The root element of an XML text: SPDX RDF/XML, SWID tags and CycloneDX 1.0/1.1 are refused. */
function refuseXmlOutOfReach(file: string, head: string): void {
  const root = rootElement(head)
  if (root === undefined) return
  const colon = root.name.indexOf(':')
  const local = root.name.slice(colon + 1)
  const namespace = root.namespaces.get(colon < 0 ? '' : root.name.slice(0, colon))
  if (local === 'RDF' && (namespace === RDF_NAMESPACE || root.name === 'rdf:RDF')) {
    if (head.includes('spdx.org/rdf/terms'))
      throw new SbomError(file, 'is SPDX RDF/XML, which the action does not read.', {
        hint: 'Convert it to SPDX 2.3 JSON (e.g. with the SPDX tools-python `pyspdxtools -i sbom.spdx.rdf.xml -o sbom.spdx.json`), or have the generator write SPDX JSON or CycloneDX.',
      })
    throw new SbomError(file, 'is RDF/XML, not an SBOM format the action reads.', {
      hint: `Accepted: ${ACCEPTED}.`,
    })
  }
  if (local === 'SoftwareIdentity')
    throw new SbomError(
      file,
      'is a SWID tag (ISO/IEC 19770-2 <SoftwareIdentity>): it identifies one piece of software, it is not an SBOM of its components.',
      {
        hint: `Point sbom at an SBOM of the software (${ACCEPTED}); a CycloneDX component can carry a SWID tag's identity in its swid field.`,
      },
    )
  const cycloneDxVersion = CYCLONEDX_NAMESPACE.exec(namespace ?? '')?.[1]
  if (local === 'bom' && (cycloneDxVersion === '1.0' || cycloneDxVersion === '1.1'))
    throw new SbomError(
      file,
      `is CycloneDX ${cycloneDxVersion} XML, which is not supported: the action reads CycloneDX ${SUPPORTED_SPEC_VERSIONS[0]} and later.`,
      {
        hint: 'Regenerate it with a current CycloneDX generator (CycloneDX 1.4 or later), or convert it with the CycloneDX CLI (`cyclonedx convert --input-file bom.xml --output-file bom.cdx.json --output-format json`).',
      },
    )
}

interface RootElement {
  /** As written, with its prefix, e.g. `rdf:RDF`. */
  readonly name: string
  /** Prefix ('' for the default namespace) → namespace URI, as declared on the root. */
  readonly namespaces: ReadonlyMap<string, string>
}

/** The first element's start tag, past the XML declaration, processing instructions and comments. */
function rootElement(head: string): RootElement | undefined {
  let at = 0
  for (let steps = 0; steps < 1000; steps++) {
    while (at < head.length && /\s/.test(head[at] as string)) at++
    if (head.startsWith('<?', at)) at = endOf(head, '?>', at)
    else if (head.startsWith('<!--', at)) at = endOf(head, '-->', at)
    // A DOCTYPE: the XML reader refuses it, saying why.
    else if (head.startsWith('<!', at)) return undefined
    else break
    if (at < 0) return undefined
  }
  const tag = /<([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)((?:[^<>"']|"[^"]*"|'[^']*')*)\/?>/y
  tag.lastIndex = at
  const match = tag.exec(head)
  if (match === null) return undefined
  const namespaces = new Map<string, string>()
  for (const declaration of (match[2] ?? '').matchAll(
    /xmlns(?::([\w.-]+))?\s*=\s*("[^"]*"|'[^']*')/g,
  ))
    namespaces.set(declaration[1] ?? '', (declaration[2] as string).slice(1, -1).trim())
  return { name: match[1] as string, namespaces }
}

function endOf(text: string, end: string, from: number): number {
  const at = text.indexOf(end, from)
  return at < 0 ? -1 : at + end.length
}

// --- Bytes that are not UTF-8 text ---

/**
 * Binary formats worth naming, from their first bytes (compressed files and archives are
 * recognised in compressed.ts). A CycloneDX protobuf BOM starts with its field 1, spec_version:
 * tag 0x0a, a length, then "1.x".
 */
export function describeBinary(head: Uint8Array): { what: string; hint: string } | undefined {
  const length = head[1] ?? 0
  if (head[0] === 0x0a && length >= 3 && length <= 4) {
    const version = Buffer.from(head.subarray(2, 2 + length)).toString('latin1')
    if (/^1\.\d{1,2}$/.test(version))
      return {
        what: `CycloneDX protobuf (binary, specVersion ${version}), which the action does not read`,
        hint: 'Have the generator write CycloneDX JSON or XML, or convert it with the CycloneDX CLI (`cyclonedx convert --input-file bom.cdx.bin --input-format protobuf --output-file bom.cdx.json --output-format json`).',
      }
  }
  if (head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46)
    return {
      what: 'an ELF binary (an executable or firmware image), not an SBOM',
      hint: 'Point sbom at the SBOM your build writes, not at the build output.',
    }
  return undefined
}

function binaryError(file: string, binary: { what: string; hint: string }): SbomError {
  return new SbomError(file, `is ${binary.what}.`, { hint: binary.hint })
}

/** Why bytes that are not valid UTF-8 cannot be read: UTF-16, binary data, or another encoding. */
export function undecodableError(file: string, bytes: Uint8Array): SbomError {
  const binary = describeBinary(bytes.subarray(0, 64))
  if (binary !== undefined) return binaryError(file, binary)
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return new SbomError(
      file,
      `is not valid UTF-8 text: it is UTF-16 (${bytes[0] === 0xff ? 'little' : 'big'}-endian, with a byte order mark).`,
      {
        hint: 'SBOM text must be UTF-8. Let the generator write the file itself (e.g. `syft … -o cyclonedx-json=sbom.cdx.json`) rather than redirecting its output in PowerShell, or use `Out-File -Encoding utf8`.',
      },
    )
  const sample = bytes.subarray(0, 4096)
  let control = 0
  for (const byte of sample) if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) control++
  if (control > sample.length / 100)
    return new SbomError(
      file,
      'is not valid UTF-8 text: it is binary data, not an SBOM text format.',
      {
        hint: `Check that sbom names the SBOM and not a build artifact. Accepted: ${ACCEPTED}, as UTF-8 text (gzip- or zstd-compressed is fine).`,
      },
    )
  const offset = firstInvalidUtf8(bytes)
  return new SbomError(
    file,
    `is not valid UTF-8 text${offset === undefined ? '' : ` (byte 0x${(bytes[offset] as number).toString(16).padStart(2, '0')} at offset ${offset})`}: it looks like text in another encoding (Latin-1 or Windows-1252?).`,
    {
      hint: 'SBOM text must be UTF-8: re-encode the file (e.g. `iconv -f WINDOWS-1252 -t UTF-8`), or fix the generator.',
    },
  )
}

/** Where a UTF-8 decoder first fails (the start of the first invalid sequence). */
function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  for (let at = 0; at < bytes.length;) {
    const byte = bytes[at] as number
    const length =
      byte < 0x80
        ? 1
        : byte >= 0xc2 && byte <= 0xdf
          ? 2
          : byte >= 0xe0 && byte <= 0xef
            ? 3
            : byte >= 0xf0 && byte <= 0xf4
              ? 4
              : 0
    if (length === 0) return at
    for (let next = 1; next < length; next++)
      if (((bytes[at + next] ?? 0) & 0xc0) !== 0x80) return at
    at += length
  }
  return undefined
}
