import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { normalizeSbom } from '../../src/sbom/normalize.ts'
import { SbomError } from '../../src/shared/errors.ts'
import { normalizeRequest } from '../sbom/normalize-request.ts'

const XML = readFileSync(new URL('../fixtures/xml/thermostat.cdx.xml', import.meta.url), 'utf8')
const JSON_TWIN = readFileSync(
  new URL('../fixtures/demo/thermostat.cdx.json', import.meta.url),
  'utf8',
)

const request = (content: string) =>
  normalizeRequest('build/sbom.cdx.xml', content, { targetSpecVersion: '1.6' })

describe('CycloneDX XML', () => {
  it('yields exactly what the same BOM in JSON yields', async () => {
    const fromXml = await normalizeSbom(request(XML))
    const fromJson = await normalizeSbom(request(JSON_TWIN))
    expect(fromXml.json).toBe(fromJson.json)
    expect(fromXml.report).toMatchObject({
      sourceFormat: 'CycloneDX XML',
      sourceSpecVersion: '1.5',
      dropped: [],
    })
    expect(fromXml.entryName).toBe('sbom.cdx.json')
  })

  it.each([
    [
      'an external entity (XXE)',
      '<?xml version="1.0"?><!DOCTYPE bom [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><bom xmlns="http://cyclonedx.org/schema/bom/1.4"><metadata><component type="library"><name>&xxe;</name></component></metadata></bom>',
      /DTDs are refused/,
    ],
    [
      'entity expansion (billion laughs)',
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]><bom xmlns="http://cyclonedx.org/schema/bom/1.4">&lol9;</bom>`,
      /DTDs are refused/,
    ],
    [
      'deep nesting',
      `<bom xmlns="http://cyclonedx.org/schema/bom/1.4">${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}</bom>`,
      /not well-formed XML|nest/i,
    ],
    ['a non-CycloneDX root', '<project><name>x</name></project>', /no <bom> root element/],
    [
      'a foreign namespace',
      '<bom xmlns="http://example.com/bom"></bom>',
      /not a CycloneDX namespace/,
    ],
    [
      'broken XML',
      '<bom xmlns="http://cyclonedx.org/schema/bom/1.4"><components>',
      /not well-formed XML/,
    ],
  ])('refuses %s with a clear error', async (_, content, message) => {
    const attempt = normalizeSbom(request(content))
    await expect(attempt).rejects.toBeInstanceOf(SbomError)
    await expect(attempt).rejects.toThrow(message)
  })
})
