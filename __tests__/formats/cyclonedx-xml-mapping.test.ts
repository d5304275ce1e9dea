// CycloneDX XML → JSON shape, piece by piece: XML escapes (decoded as XML defines them, refused
// where XML refuses them), license acknowledgements, every attribute the XSDs define, and content
// of other namespaces (which JSON cannot hold: listed, never silently kept or lost).
import { describe, expect, it } from 'vitest'
import { readCycloneDxXmlDocument } from '../../src/formats/cyclonedx-xml.ts'
import { decodeXmlEscapes } from '../../src/formats/xml-escapes.ts'
import { normalizeSbom } from '../../src/sbom/normalize.ts'
import { SbomError } from '../../src/shared/errors.ts'
import { normalizeRequest } from '../sbom/normalize-request.ts'

const bom = (version: string, inner: string, attributes = '') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/${version}" version="1"${attributes}>${inner}</bom>`
const component = (inner: string, attributes = '') =>
  bom('1.6', `<components><component type="library"${attributes}>${inner}</component></components>`)
const read = (xml: string) => readCycloneDxXmlDocument('build/sbom.cdx.xml', xml)
const firstComponent = (xml: string) =>
  (read(xml).document.components as Record<string, unknown>[])[0]

describe('XML escapes', () => {
  it('decodes decimal and hexadecimal character references in text', () => {
    expect(firstComponent(component('<name>caf&#233;-&#x41;PI</name>'))?.name).toBe('café-API')
  })

  it('decodes the five predefined entities in text', () => {
    expect(
      firstComponent(component('<name>&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos;</name>'))?.name,
    ).toBe(`<a> & "b" 'c'`)
  })

  it('decodes references and entities in attribute values', () => {
    const decoded = firstComponent(
      component('<name>x</name>', ' bom-ref="caf&#233;&amp;&#x41;PI&#x1F600;&quot;"'),
    )
    expect(decoded?.['bom-ref']).toBe('café&API😀"')
  })

  it('keeps references inside CDATA as written (CDATA is not parsed)', () => {
    const decoded = firstComponent(
      component('<name>x</name><description><![CDATA[&#233; &amp;]]></description>'),
    )
    expect(decoded?.description).toBe('&#233; &amp;')
  })

  it('decodes tab, newline, carriage return and astral characters, which XML allows', () => {
    expect(decodeXmlEscapes('a&#9;b&#xA;c&#13;d&#x10FFFF;')).toBe('a\tb\nc\rd\u{10FFFF}')
    expect(decodeXmlEscapes('no escapes at all')).toBe('no escapes at all')
  })

  it('publishes the decoded name: caf&#233;-&#x41;PI is café-API in the output', async () => {
    const { json } = await normalizeSbom(
      normalizeRequest('build/sbom.cdx.xml', component('<name>caf&#233;-&#x41;PI</name>'), {
        targetSpecVersion: '1.6',
      }),
    )
    expect(json).toContain('"name":"café-API"')
    expect(json).not.toContain('&#')
  })

  it.each([
    ['&#0; (NUL)', '<name>a&#0;b</name>', /&#0;.*U\+0000/],
    ['a C0 control', '<name>a&#x1;b</name>', /&#x1;.*U\+0001/],
    ['a surrogate', '<name>a&#xD800;b</name>', /&#xD800;.*surrogate/],
    ['U+FFFE', '<name>a&#xFFFE;b</name>', /&#xFFFE;.*U\+FFFE/],
    ['a code point above U+10FFFF', '<name>a&#x110000;b</name>', /above U\+10FFFF/],
    ['a huge decimal reference', '<name>a&#99999999999999999999;b</name>', /above U\+10FFFF/],
    ['an HTML entity', '<name>a&nbsp;b</name>', /&nbsp; is not declared/],
    ['an empty reference in an attribute', '<name>x</name>', /malformed/, ' bom-ref="a&#;b"'],
    [
      'an upper-case X in an attribute',
      '<name>x</name>',
      /&#X41; is malformed/,
      ' bom-ref="&#X41;"',
    ],
    ['NUL in an attribute', '<name>x</name>', /&#0;/, ' bom-ref="a&#0;"'],
    [
      'an undeclared entity in an attribute',
      '<name>x</name>',
      /&copy; is not declared/,
      ' bom-ref="&copy;"',
    ],
    ['a bare ampersand in an attribute', '<name>x</name>', /bare "&"/, ' bom-ref="R&D team"'],
  ])('refuses %s, naming the file', async (_, inner, message, attributes = '') => {
    const attempt = normalizeSbom(
      normalizeRequest('build/sbom.cdx.xml', component(inner, attributes), {
        targetSpecVersion: '1.6',
      }),
    )
    await expect(attempt).rejects.toBeInstanceOf(SbomError)
    await expect(attempt).rejects.toThrow(/^build\/sbom\.cdx\.xml: is not well-formed XML/)
    await expect(attempt).rejects.toThrow(message)
  })
})

describe('license acknowledgement', () => {
  const XML = bom(
    '1.6',
    `<components><component type="library" bom-ref="a"><name>a</name><licenses>
      <license acknowledgement="declared" bom-ref="lic-1"><id>MIT</id></license>
      <license acknowledgement="concluded"><name>Custom</name></license>
    </licenses></component>
    <component type="library" bom-ref="b"><name>b</name><licenses>
      <expression acknowledgement="concluded" bom-ref="lic-2">MIT OR Apache-2.0</expression>
    </licenses></component></components>`,
  )
  const JSON_TWIN = JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    components: [
      {
        type: 'library',
        'bom-ref': 'a',
        name: 'a',
        licenses: [
          { license: { id: 'MIT', acknowledgement: 'declared', 'bom-ref': 'lic-1' } },
          { license: { name: 'Custom', acknowledgement: 'concluded' } },
        ],
      },
      {
        type: 'library',
        'bom-ref': 'b',
        name: 'b',
        licenses: [
          { expression: 'MIT OR Apache-2.0', acknowledgement: 'concluded', 'bom-ref': 'lic-2' },
        ],
      },
    ],
  })

  it('is read where the JSON has it: inside license, beside expression', () => {
    const [a, b] = read(XML).document.components as { licenses: unknown[] }[]
    expect(a?.licenses).toEqual([
      { license: { acknowledgement: 'declared', 'bom-ref': 'lic-1', id: 'MIT' } },
      { license: { acknowledgement: 'concluded', name: 'Custom' } },
    ])
    expect(b?.licenses).toEqual([
      { expression: 'MIT OR Apache-2.0', acknowledgement: 'concluded', 'bom-ref': 'lic-2' },
    ])
  })

  it('reaches the 1.6 output, as from the JSON twin, with the same (and no acknowledgement) losses', async () => {
    const request = (file: string, content: string) =>
      normalizeRequest(file, content, { targetSpecVersion: '1.6' })
    const fromXml = await normalizeSbom(request('sbom.cdx.xml', XML))
    const fromJson = await normalizeSbom(request('sbom.cdx.json', JSON_TWIN))
    expect(fromXml.json).toBe(fromJson.json)
    expect(fromXml.json.match(/"acknowledgement"/g)).toHaveLength(3)
    // The library has no bom-ref on licenses: that loss is the library's, for XML and JSON alike.
    expect(fromXml.report.dropped).toEqual(fromJson.report.dropped)
    expect(fromXml.report.dropped.map((entry) => entry.path).sort()).toEqual([
      '$.components[].licenses[].bom-ref',
      '$.components[].licenses[].license.bom-ref',
    ])
  })

  it('at 1.4 is reported as what 1.4 cannot express, not as the library’s loss, as for JSON', async () => {
    const request = (file: string, content: string) =>
      normalizeRequest(file, content, { targetSpecVersion: '1.4' })
    const fromXml = await normalizeSbom(request('sbom.cdx.xml', XML))
    const fromJson = await normalizeSbom(request('sbom.cdx.json', JSON_TWIN))
    expect(fromXml.json).toBe(fromJson.json)
    expect(fromXml.report.dropped).toEqual(fromJson.report.dropped)
    const acknowledgements = fromXml.report.dropped.filter((entry) =>
      entry.path.endsWith('.acknowledgement'),
    )
    expect(acknowledgements.map((entry) => entry.path).sort()).toEqual([
      '$.components[].licenses[].acknowledgement',
      '$.components[].licenses[].license.acknowledgement',
    ])
    for (const entry of acknowledgements) {
      expect(entry.reason).toMatch(/1\.4/)
      expect(entry.reason).not.toMatch(/library/)
    }
  })
})

describe('XSD attributes', () => {
  it('maps every attribute CycloneDX defines to its JSON member, typed as JSON types it', () => {
    const xml = bom(
      '1.7',
      `<metadata><component type="application" bom-ref="app" mime-type="application/x-elf" isExternal="false"><name>app</name>
        <swid tagId="swidgen-1" name="app" version="1.0" tagVersion="2" patch="true"><text content-type="text/xml" encoding="base64">PHN3aWQ+</text></swid>
      </component></metadata>
      <components><component type="library" bom-ref="lib" isExternal="true"><name>lib</name>
        <hashes><hash alg="SHA-256">${'a'.repeat(64)}</hash></hashes>
        <licenses><expression-detailed expression="MIT OR EPL-2.0" acknowledgement="declared" bom-ref="expr">
          <details license-identifier="EPL-2.0" bom-ref="epl"><text content-type="text/plain">EPL text</text></details>
        </expression-detailed></licenses>
        <externalReferences><reference type="website"><url>https://example.com</url></reference></externalReferences>
        <properties><property name="k">v</property></properties>
        <pedigree><patches><patch type="backport"><resolves><issue type="security"><id>CVE-1</id></issue></resolves></patch></patches></pedigree>
      </component></components>
      <services><service bom-ref="svc"><name>svc</name>
        <data><dataflow name="flow-1" description="to the cloud"><classification flow="outbound">PII</classification></dataflow></data>
      </service></services>
      <dependencies><dependency ref="lib"><provides ref="svc"/></dependency><dependency ref="app"><dependency ref="lib"/></dependency></dependencies>
      <compositions><composition bom-ref="comp"><aggregate>complete</aggregate><assemblies><assembly ref="lib"/></assemblies></composition></compositions>`,
      ' serialNumber="urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79"',
    )
    const { document, extensions } = read(xml)
    expect(extensions).toEqual([])
    expect(document).toEqual({
      bomFormat: 'CycloneDX',
      specVersion: '1.7',
      version: 1,
      serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
      metadata: {
        component: {
          type: 'application',
          'bom-ref': 'app',
          'mime-type': 'application/x-elf',
          isExternal: false,
          name: 'app',
          swid: {
            tagId: 'swidgen-1',
            name: 'app',
            version: '1.0',
            tagVersion: 2,
            patch: true,
            text: { contentType: 'text/xml', encoding: 'base64', content: 'PHN3aWQ+' },
          },
        },
      },
      components: [
        {
          type: 'library',
          'bom-ref': 'lib',
          isExternal: true,
          name: 'lib',
          hashes: [{ alg: 'SHA-256', content: 'a'.repeat(64) }],
          licenses: [
            {
              expression: 'MIT OR EPL-2.0',
              acknowledgement: 'declared',
              'bom-ref': 'expr',
              expressionDetails: [
                {
                  licenseIdentifier: 'EPL-2.0',
                  'bom-ref': 'epl',
                  text: { contentType: 'text/plain', content: 'EPL text' },
                },
              ],
            },
          ],
          externalReferences: [{ type: 'website', url: 'https://example.com' }],
          properties: [{ name: 'k', value: 'v' }],
          pedigree: {
            patches: [{ type: 'backport', resolves: [{ type: 'security', id: 'CVE-1' }] }],
          },
        },
      ],
      services: [
        {
          'bom-ref': 'svc',
          name: 'svc',
          data: [
            {
              name: 'flow-1',
              description: 'to the cloud',
              flow: 'outbound',
              classification: 'PII',
            },
          ],
        },
      ],
      dependencies: [
        { ref: 'lib', provides: ['svc'] },
        { ref: 'app', dependsOn: ['lib'] },
      ],
      compositions: [{ 'bom-ref': 'comp', aggregate: 'complete', assemblies: ['lib'] }],
    })
  })

  it('reads service data in the ≤1.4 form (classification with a flow attribute)', () => {
    const xml = bom(
      '1.4',
      '<services><service><name>s</name><data><classification flow="inbound">PII</classification></data></service></services>',
    )
    expect(read(xml).document.services).toEqual([
      { name: 's', data: [{ flow: 'inbound', classification: 'PII' }] },
    ])
  })
})

describe('content of other namespaces', () => {
  const xml = bom(
    '1.6',
    `<components foo="bar"><component type="library" xmlns:ext="urn:example:ext" ext:color="red"><name>a</name>
      <licenses><license><id>MIT</id><ext:fruit><ext:name>Banana</ext:name></ext:fruit></license></licenses>
    </component><component type="library"><name>b</name><ext:fruit xmlns:ext="urn:example:ext">Apple</ext:fruit></component></components>
    <Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo/></Signature>`,
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://cyclonedx.org/schema/bom/1.6 bom-1.6.xsd"',
  )

  it('is left out of the document, which keeps everything CycloneDX', () => {
    expect(read(xml).document).toEqual({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      version: 1,
      components: [
        { type: 'library', name: 'a', licenses: [{ license: { id: 'MIT' } }] },
        { type: 'library', name: 'b' },
      ],
    })
  })

  it('is listed by shape path and namespace, with a count, never blamed on the library', () => {
    const { extensions } = read(xml)
    expect(extensions.map(({ path, example }) => ({ path, example }))).toEqual([
      { path: '$.Signature', example: '$.Signature' },
      { path: '$.components.@foo', example: '$.components.@foo' },
      { path: '$.components[].@ext:color', example: '$.components[0].@ext:color' },
      {
        path: '$.components[].licenses[].license.ext:fruit',
        example: '$.components[0].licenses[0].license.ext:fruit',
      },
      { path: '$.components[].ext:fruit', example: '$.components[1].ext:fruit' },
    ])
    expect(extensions[3]?.reason).toMatch(
      /XML extension content \(element <ext:fruit>, in namespace urn:example:ext\).*JSON has no place for it/,
    )
    expect(extensions[1]?.reason).toMatch(/attribute foo of <components>, in no namespace/)
    expect(extensions.map((entry) => entry.reason).join('\n')).not.toMatch(/library/)
  })

  it('counts repeats of one shape in one entry', () => {
    const many = bom(
      '1.6',
      `<components>${'<component type="library" x="1"><name>n</name></component>'.repeat(3)}</components>`,
    )
    const { extensions } = read(many)
    expect(extensions).toHaveLength(1)
    expect(extensions[0]?.reason).toMatch(/\(3 times\)$/)
  })

  it('accepts CycloneDX under a namespace prefix', () => {
    const prefixed = `<cdx:bom xmlns:cdx="http://cyclonedx.org/schema/bom/1.5" version="2"><cdx:components><cdx:component type="library"><cdx:name>a</cdx:name></cdx:component></cdx:components></cdx:bom>`
    expect(read(prefixed)).toEqual({
      document: {
        bomFormat: 'CycloneDX',
        specVersion: '1.5',
        version: 2,
        components: [{ type: 'library', name: 'a' }],
      },
      extensions: [],
    })
  })
})
