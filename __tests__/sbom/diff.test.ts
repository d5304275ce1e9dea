import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { diffComponents, readArtifactDocuments } from '../../src/sbom/diff.ts'

const bom = (components: unknown[]) => ({ bomFormat: 'CycloneDX', specVersion: '1.4', components })
const npm = (name: string, version: string) => ({
  type: 'library',
  name,
  version,
  purl: `pkg:npm/${name}@${version}`,
})

describe('diffComponents', () => {
  it('matches by purl identity: added, removed, version changed, unchanged', () => {
    const before = bom([npm('left-pad', '1.3.0'), npm('lodash', '4.17.20'), npm('ms', '2.1.3')])
    const after = bom([
      npm('lodash', '4.17.21'),
      npm('ms', '2.1.3'),
      { type: 'library', name: 'zlib', version: '1.3.1' },
    ])
    expect(diffComponents([before], [after])).toEqual({
      added: ['zlib@1.3.1'],
      removed: ['left-pad@1.3.0'],
      changed: [{ name: 'lodash', from: '4.17.20', to: '4.17.21' }],
      unchanged: 1,
    })
  })

  it('compares nested components and several files, and several versions of one package', () => {
    const before = bom([{ ...npm('a', '1'), components: [npm('b', '1')] }])
    const after = [bom([npm('a', '1')]), bom([npm('b', '1'), npm('b', '2')])]
    expect(diffComponents([before], after)).toEqual({
      added: [],
      removed: [],
      changed: [{ name: 'b', from: '1', to: '1, 2' }],
      unchanged: 1,
    })
  })
})

describe('readArtifactDocuments', () => {
  it('reads the JSON entries of a zip, a plain JSON document, and refuses anything else', () => {
    const document = bom([npm('a', '1')])
    const zip = zipSync({ 'x.cdx.json': new TextEncoder().encode(JSON.stringify(document)) })
    expect(readArtifactDocuments(zip)).toEqual([document])
    expect(readArtifactDocuments(new TextEncoder().encode(JSON.stringify(document)))).toEqual([
      document,
    ])
    expect(readArtifactDocuments(new TextEncoder().encode('not json'))).toBeUndefined()
    expect(readArtifactDocuments(new Uint8Array([0x50, 0x4b, 1, 2]))).toBeUndefined()
  })
})
