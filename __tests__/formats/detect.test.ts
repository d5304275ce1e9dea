// Detection by content, never by file name: each format the action recognises but does not read
// is refused naming the format and what to do; the wrappers it knows are unwrapped with a note.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { detectFormat, detectSyntax, undecodableError } from '../../src/formats/detect.ts'
import { normalizeSbom } from '../../src/sbom/normalize.ts'
import { normalizeRefusal, normalizeRequest } from '../sbom/normalize-request.ts'

const fixture = (name: string) => readFileSync(`__tests__/fixtures/formats/${name}`, 'utf8')
const SPDX_JSON = readFileSync('__tests__/fixtures/spdx/dependency-graph.spdx.json', 'utf8')
const DEMO = readFileSync('__tests__/fixtures/demo/thermostat.cdx.json', 'utf8')

const refusal = normalizeRefusal

describe('empty files', () => {
  it.each([
    ['0 bytes (text)', '', /^build\/sbom\.json: is empty \(0 bytes\)\.$/],
    ['0 bytes (bytes)', Buffer.alloc(0), /^build\/sbom\.json: is empty \(0 bytes\)\.$/],
    ['only whitespace', ' \n\t\r\n', /is empty: it holds only whitespace\./],
    ['only a byte order mark', '\uFEFF', /is empty: it holds only a byte order mark\./],
    [
      'a byte order mark and whitespace (bytes)',
      Buffer.from([0xef, 0xbb, 0xbf, 0x0a, 0x20]),
      /is empty: it holds only whitespace\./,
    ],
  ])('%s: "is empty", with a hint about the SBOM step', async (_, content, message) => {
    const error = await refusal(content)
    expect(error.message).toMatch(message)
    expect(error.message).not.toMatch(/JSON|truncated/)
    expect(error.hint).toMatch(/step that writes the SBOM ran and wrote this file/)
  })
})

describe("GitHub's dependency-graph REST response", () => {
  it('unwraps {"sbom": {…SPDX 2.3…}} with a note, and reads the same SBOM as the bare document', async () => {
    const wrapped = await normalizeSbom(
      normalizeRequest('sbom.json', fixture('github-dependency-graph-response.json')),
    )
    const bare = await normalizeSbom(normalizeRequest('sbom.json', SPDX_JSON))
    expect(wrapped.report.sourceFormat).toBe('SPDX JSON')
    expect(wrapped.report.sourceSpecVersion).toBe('SPDX-2.3')
    expect(wrapped.report.notes).toContain(
      'the GitHub dependency-graph API response: its `sbom` member was read.',
    )
    expect(wrapped.json).toBe(bare.json)
  })

  it('leaves an object whose sbom member is not an SBOM to the usual refusal', async () => {
    const error = await refusal('{"sbom": {"hello": "world"}}')
    expect(error.message).toMatch(/looks like JSON with top-level keys sbom/)
  })

  it('reports duplicate members inside the wrapper at their path in the file', async () => {
    const text = fixture('github-dependency-graph-response.json').replace(
      '"spdxVersion": "SPDX-2.3",',
      '"spdxVersion": "SPDX-2.3",\n    "name": "first",',
    )
    const result = await normalizeSbom(normalizeRequest('sbom.json', text))
    expect(result.report.inputProblems).toEqual([
      expect.objectContaining({ path: '/sbom/name', keyword: 'duplicateKey' }),
    ])
  })
})

describe('formats out of reach, refused by name with what to do', () => {
  it.each([
    [
      'SPDX RDF/XML',
      fixture('sbom.spdx.rdf.xml'),
      /is SPDX RDF\/XML, which the action does not read\./,
      /Convert it to SPDX 2\.3 JSON \(e\.g\. with the SPDX tools-python `pyspdxtools/,
    ],
    [
      'RDF/XML that is not SPDX',
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>',
      /is RDF\/XML, not an SBOM format the action reads\./,
      /Accepted: CycloneDX JSON or XML/,
    ],
    [
      'SPDX 2.1 tag-value',
      fixture('spdx-2.1.spdx'),
      /is SPDX-2\.1 tag-value, which is not supported: the action reads SPDX 2\.2 and 2\.3\./,
      /convert it to SPDX 2\.3 JSON/,
    ],
    [
      'SPDX 2.0 tag-value',
      'SPDXVersion: SPDX-2.0\nDataLicense: CC0-1.0\n',
      /is SPDX-2\.0 tag-value, which is not supported: the action reads SPDX 2\.2 and 2\.3\./,
      /Regenerate it with a current generator/,
    ],
    [
      'SPDX 2.1 tag-value whose SPDXVersion is not the first tag',
      'DataLicense: CC0-1.0\nSPDXVersion: SPDX-2.1\n',
      /is SPDX-2\.1 tag-value/,
      /SPDX 2\.3/,
    ],
    [
      'SPDX 2.1 JSON',
      '{"spdxVersion": "SPDX-2.1", "SPDXID": "SPDXRef-DOCUMENT"}',
      /is SPDX-2\.1 JSON, which is not supported: the action reads SPDX 2\.2 and 2\.3\./,
      /convert it to SPDX 2\.3 JSON/,
    ],
    [
      'CycloneDX 1.1 XML',
      fixture('cyclonedx-1.1.cdx.xml'),
      /is CycloneDX 1\.1 XML, which is not supported: the action reads CycloneDX 1\.2 and later\./,
      /Regenerate it with a current CycloneDX generator/,
    ],
    [
      'CycloneDX 1.0 XML',
      '<?xml version="1.0"?>\n<!-- old -->\n<bom xmlns="http://cyclonedx.org/schema/bom/1.0" version="1"><components/></bom>',
      /is CycloneDX 1\.0 XML, which is not supported/,
      /cyclonedx convert/,
    ],
    [
      'CycloneDX 1.1 JSON',
      '{"bomFormat": "CycloneDX", "specVersion": "1.1", "version": 1}',
      /declares CycloneDX specVersion 1\.1, which is not supported: the action reads CycloneDX 1\.2 and later/,
      /Regenerate it with a current CycloneDX generator/,
    ],
    [
      'a SWID tag',
      fixture('swid-tag.xml'),
      /is a SWID tag \(ISO\/IEC 19770-2 <SoftwareIdentity>\)/,
      /Point sbom at an SBOM of the software/,
    ],
    [
      'syft JSON',
      '{"artifacts": [], "source": {}, "descriptor": {"name": "syft", "version": "1.20.0"}}',
      /looks like syft JSON, syft's own format/,
      /syft <source> -o cyclonedx-json=sbom\.cdx\.json/,
    ],
    [
      'a Trivy JSON report',
      '{"SchemaVersion": 2, "ArtifactName": ".", "ArtifactType": "filesystem", "Results": []}',
      /looks like a Trivy JSON report/,
      /--format cyclonedx/,
    ],
  ])('%s', async (_, content, message, hint) => {
    const error = await refusal(content)
    expect(error.message).toMatch(/^build\/sbom\.json: /)
    expect(error.message).toMatch(message)
    expect(error.hint).toMatch(hint)
  })

  // Field 1 (spec_version, tag 0x0a), length 3, "1.5"; field 2 (version, varint) 1; then a
  // serial number (field 3) as a protobuf encoder writes it.
  const protobuf = Buffer.concat([
    Buffer.from([0x0a, 0x03]),
    Buffer.from('1.5'),
    Buffer.from([0x10, 0x01, 0x1a, 0x2d]),
    Buffer.from('urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79'),
    Buffer.from([0x2a, 0x84, 0x01]),
    Buffer.alloc(132, 0x20),
  ])

  it('CycloneDX protobuf, as bytes that are not UTF-8', async () => {
    const error = await refusal(protobuf)
    expect(error.message).toMatch(
      /is CycloneDX protobuf \(binary, specVersion 1\.5\), which the action does not read\./,
    )
    expect(error.hint).toMatch(/--input-format protobuf/)
  })

  it('CycloneDX protobuf small enough to be valid UTF-8 (read as text)', async () => {
    const text = protobuf.subarray(0, 53).toString('utf8')
    expect(Buffer.from(text, 'utf8')).toEqual(protobuf.subarray(0, 53))
    const error = await refusal(text)
    expect(error.message).toMatch(/is CycloneDX protobuf \(binary, specVersion 1\.5\)/)
  })

  it('an ELF binary (a firmware image given as sbom)', async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(64)])
    const error = await refusal(elf, 'build/zephyr/zephyr.elf')
    expect(error.message).toMatch(/^build\/zephyr\/zephyr\.elf: is an ELF binary/)
    expect(error.hint).toMatch(/not at the build output/)
  })
})

describe('bytes that are not UTF-8', () => {
  it('names UTF-16 (what PowerShell redirection writes)', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(DEMO, 'utf16le')])
    const error = await refusal(utf16)
    expect(error.message).toMatch(
      /is not valid UTF-8 text: it is UTF-16 \(little-endian, with a byte order mark\)\./,
    )
    expect(error.hint).toMatch(/Out-File -Encoding utf8/)
    const bigEndian = Buffer.from(utf16)
    bigEndian.swap16()
    expect((await refusal(bigEndian)).message).toMatch(/UTF-16 \(big-endian/)
  })

  it('names binary data', async () => {
    const bytes = Buffer.from(Array.from({ length: 2048 }, (_, index) => (index * 73) % 256))
    const error = await refusal(bytes, 'build/firmware.bin')
    expect(error.message).toBe(
      'build/firmware.bin: is not valid UTF-8 text: it is binary data, not an SBOM text format.',
    )
  })

  it('points at the first byte of text in another encoding', async () => {
    const latin1 = Buffer.from(DEMO.replace('"thermostat-firmware"', '"thermostat-ñ"'), 'latin1')
    const error = await refusal(latin1)
    const offset = latin1.indexOf(0xf1)
    expect(error.message).toBe(
      `build/sbom.json: is not valid UTF-8 text (byte 0xf1 at offset ${offset}): it looks like text in another encoding (Latin-1 or Windows-1252?).`,
    )
    expect(error.hint).toMatch(/iconv/)
  })

  it('keeps the historical wording, "is not valid UTF-8 text", for all three', () => {
    for (const bytes of [
      Buffer.from([0xff, 0xfe, 0x7b, 0x00]),
      Buffer.from([0x00, 0x01, 0x02, 0xff]),
      Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
    ])
      expect(undecodableError('f.json', bytes).message).toMatch(/^f\.json: is not valid UTF-8 text/)
  })
})

describe('detectSyntax', () => {
  it.each([
    ['CycloneDX JSON', DEMO, 'json'],
    ['JSON with a byte order mark', `\uFEFF${DEMO}`, 'json'],
    ['CycloneDX 1.5 XML', readFileSync('__tests__/fixtures/xml/thermostat.cdx.xml', 'utf8'), 'xml'],
    [
      'SPDX 2.2 tag-value (ESP-IDF, Zephyr)',
      'SPDXVersion: SPDX-2.2\nDataLicense: CC0-1.0\n',
      'tag-value',
    ],
    [
      'SPDX 2.3 tag-value after comments',
      '# made by a tool\n\nSPDXVersion: SPDX-2.3\n',
      'tag-value',
    ],
    // Not tag-value: its first line is not `Tag: value`; the JSON reader then says where it breaks.
    ['prose mentioning SPDXVersion', 'hello world\nSPDXVersion: SPDX-2.1\n', 'json'],
    // A DOCTYPE is left to the XML reader, which refuses it saying why.
    ['XML with a DOCTYPE', '<!DOCTYPE bom [<!ENTITY a "b">]><bom/>', 'xml'],
  ])('%s → %s', (_, text, syntax) => {
    expect(detectSyntax('f', text)).toBe(syntax)
  })

  it('finds the root element past the declaration, comments and processing instructions', () => {
    const text =
      '<?xml version="1.0"?>\n<!-- a <bom> in a comment -->\n<?pi x?>\n<bom:bom xmlns:bom="http://cyclonedx.org/schema/bom/1.1"/>'
    expect(() => detectSyntax('f', text)).toThrow(/is CycloneDX 1\.1 XML/)
  })
})

describe('detectFormat', () => {
  it('keeps its answers for what the readers take', () => {
    expect(detectFormat('f', { bomFormat: 'CycloneDX', specVersion: '1.6' })).toBe('CycloneDX JSON')
    expect(detectFormat('f', { spdxVersion: 'SPDX-2.2' })).toBe('SPDX JSON')
    expect(
      detectFormat('f', { '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld' }),
    ).toBe('SPDX 3 JSON-LD')
  })
})
