// Yocto SBOMs: the SPDX 3.0.1 image document of Yocto 5.1+ (read by the SPDX 3 reader), and the
// SPDX 2.2 image archive of Yocto ≤ 5.0 (IMAGE.spdx.tar.zst / .tar.gz), combined into one SPDX
// 2.x JSON document by readYoctoSpdxArchive. Fixtures: __tests__/fixtures/yocto/README.md.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { gzipSync, zstdCompressSync } from 'node:zlib'
import { createTar } from 'nanotar'
import { describe, expect, it } from 'vitest'
import {
  MAX_TAR_ENTRIES,
  readYoctoSpdxArchive,
  yoctoArchiveNotes,
} from '../../src/formats/yocto.ts'
import { normalizeSbom, type NormalizedSbom } from '../../src/sbom/normalize.ts'
import { SbomError } from '../../src/shared/errors.ts'
import { normalizeRequest } from '../sbom/normalize-request.ts'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const DIR = '__tests__/fixtures/yocto'
const IMAGE_SPDX3 = readFileSync(`${DIR}/core-image-minimal-qemux86-64.rootfs.spdx.json`, 'utf8')
const KIRKSTONE = `${DIR}/kirkstone`
const IMAGE_DOC = 'core-image-minimal-qemux86-64-20240301120000.spdx.json'
const MiB = 1024 * 1024

/** The kirkstone documents as an uncompressed tar: image document first, index.json last. */
function kirkstoneTar(
  change: (files: { name: string; data: string }[]) => { name: string; data: string }[] = (f) => f,
): Uint8Array {
  const names = readdirSync(KIRKSTONE).filter((name) => name.endsWith('.spdx.json'))
  const ordered = [IMAGE_DOC, ...names.filter((name) => name !== IMAGE_DOC).sort(), 'index.json']
  const files = ordered.map((name) => ({
    name,
    data: readFileSync(`${KIRKSTONE}/${name}`, 'utf8'),
  }))
  return createTar(change(files))
}

/**
 * The normalized SBOM of a rooted input: `roots` are what the input describes, the components the
 * IoT package (metadata.component) depends on (one root, or each of several described elements);
 * `names` and `purls` are those of the other components, `edges` those of the input (the
 * package's edges to the roots are checked here).
 */
function summary(sbom: NormalizedSbom) {
  const bom = JSON.parse(sbom.json) as Json
  const components: Json[] = bom.components ?? []
  const all: Json[] = [bom.metadata.component, ...components]
  const name = new Map(all.map((component) => [component['bom-ref'], component.name as string]))
  const packageRef = bom.metadata.component['bom-ref'] as string
  expect(packageRef).toBe('iot-package:thermostat-firmware@v2.4.0')
  const dependencies = bom.dependencies as Json[]
  const rootRefs = dependencies.find((d) => d.ref === packageRef)?.dependsOn as string[]
  expect(rootRefs.length).toBeGreaterThan(0)
  const roots = rootRefs.map(
    (ref) => components.find((component) => component['bom-ref'] === ref) as Json,
  )
  expect(roots.every(Boolean)).toBe(true)
  const others = components.filter((component) => !roots.includes(component))
  return {
    bom,
    roots,
    names: others.map((component) => component.name as string).sort(),
    purls: others
      .map((component) => component.purl)
      .filter(Boolean)
      .sort(),
    edges: dependencies
      .filter((d) => d.ref !== packageRef)
      .flatMap((d) =>
        (d.dependsOn ?? []).map((to: string) => `${name.get(d.ref)} → ${name.get(to)}`),
      )
      .sort(),
    byName: (wanted: string) => all.find((component) => component.name === wanted) as Json,
  }
}

describe('Yocto 5.1+ image document (SPDX 3.0.1 JSON-LD)', () => {
  const read = (spdxFiles: 'include' | 'exclude') =>
    normalizeSbom(
      normalizeRequest(
        'deploy/images/qemux86-64/core-image-minimal.rootfs.spdx.json',
        IMAGE_SPDX3,
        {
          spdxFiles,
          targetSpecVersion: '1.6',
        },
      ),
    )
  const ext4 = 'core-image-minimal-qemux86-64.rootfs-20241007094112.ext4'

  it("gives the image's packages as components and their relationships as dependencies", async () => {
    const sbom = await read('exclude')
    const { roots, names, purls, edges, byName } = summary(sbom)
    expect(sbom.report.sourceFormat).toBe('SPDX 3 JSON-LD')
    expect(sbom.report.sourceSpecVersion).toBe('SPDX-3.0.1')
    // The document describes the image and its ext4 file: the IoT package depends on both.
    expect(roots).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'core-image-minimal', type: 'file' }),
        expect.objectContaining({ name: ext4 }),
      ]),
    )
    expect(roots).toHaveLength(2)
    expect(names).toEqual([
      'base-files',
      'busybox',
      'busybox-1.36.1.tar.bz2',
      'glibc-2.40.tar.xz',
      'libc6',
      'libcrypto3',
      'openssl-3.3.1.tar.gz',
      'openssl-bin',
    ])
    expect(purls).toEqual([
      'pkg:yocto/core/base-files@3.0.14',
      'pkg:yocto/core/busybox@1.36.1',
      'pkg:yocto/core/glibc@2.40',
      'pkg:yocto/core/openssl@3.3.1',
      'pkg:yocto/core/openssl@3.3.1',
    ])
    expect(edges).toEqual(
      [
        `${ext4} → core-image-minimal`,
        'busybox → libc6',
        'core-image-minimal → base-files',
        'core-image-minimal → busybox',
        'core-image-minimal → libc6',
        'core-image-minimal → libcrypto3',
        'core-image-minimal → openssl-bin',
        'libcrypto3 → libc6',
        'openssl-bin → libc6',
        'openssl-bin → libcrypto3',
      ].sort(),
    )
    const busybox = byName('busybox')
    expect(busybox).toMatchObject({
      version: '1.36.1',
      supplier: { name: 'OpenEmbedded' },
      description: 'Tiny versions of many common UNIX utilities in a single small executable',
      licenses: [{ expression: 'GPL-2.0-only AND bzip2-1.0.4' }],
      cpe: 'cpe:2.3:*:*:busybox:1.36.1:*:*:*:*:*:*:*',
    })
    expect(busybox.properties).toContainEqual({ name: 'spdx:primaryPurpose', value: 'install' })
    expect(byName('libcrypto3').licenses).toEqual([{ license: { id: 'Apache-2.0' } }])
    expect(sbom.bom.metadata.timestamp?.toISOString()).toBe('2024-10-07T09:41:12.000Z')
    expect(sbom.report.notes.join('\n')).toMatch(
      /spdx-files: exclude: 12 of the input's 13 SPDX file\(s\) are not components \(the input has 9 package\(s\); 1 file\(s\) the document describes stay\)/,
    )
    expect(sbom.report.notes.join('\n')).toMatch(/lifecycle scope \(runtime ×4\)/)
    // Before and after count the same kind of thing: no component went missing.
    expect(sbom.report.before.components).toBe(sbom.report.after.components)
    // The 8 components above and the two the IoT package depends on.
    expect(sbom.componentCount).toBe(10)
  })

  it('reports what it does not carry: builds, the security profile, OE extensions', async () => {
    const sbom = await read('exclude')
    const reasons = sbom.report.dropped.map((entry) => `${entry.path}: ${entry.reason}`)
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^\$\.@graph\[\]\(build_Build\): SPDX 3 Build profile: 6 build\(s\) with inputs or outputs are not components; 6 dependency edge\(s\) were derived from them .* 5 output-from-source pair\(s\)/,
        ),
        expect.stringMatching(/^\$\.@graph\[\]\(security_Vulnerability\): SPDX 3 Security profile/),
        expect.stringMatching(
          /^\$\.@graph\[\]\(security_VexFixedVulnAssessmentRelationship\): SPDX 3 Security profile/,
        ),
        '$.@graph[](software_Package).extension: SPDX 3 property with no CycloneDX mapping',
        expect.stringMatching(/relationship\(s\) hasAssociatedVulnerability have no CycloneDX/),
        expect.stringMatching(
          /relationship\(s\) dependsOn to or from an element that is not a component here \(build_Build\)/,
        ),
      ]),
    )
  })

  it('with spdx-files: include, lists every file of the image, each in its package', async () => {
    const sbom = await read('include')
    const { names, edges } = summary(sbom)
    expect(names).toHaveLength(8 + 12)
    expect(names).toEqual(expect.arrayContaining(['/bin/busybox.nosuid', '/lib/libc.so.6']))
    expect(edges).toEqual(
      expect.arrayContaining(['busybox → /bin/busybox.nosuid', 'libc6 → /lib/libc.so.6']),
    )
    expect(sbom.report.notes.join('\n')).not.toMatch(/spdx-files: exclude/)
  })
})

describe('Yocto ≤ 5.0 image archive (SPDX 2.2 documents, IMAGE.spdx.tar.zst)', () => {
  const zst = readFileSync(`${DIR}/core-image-minimal-qemux86-64.spdx.tar.zst`)
  const gz = readFileSync(`${DIR}/core-image-minimal-qemux86-64.spdx.tar.gz`)

  it('reads the zstd and gzip archives, and a plain tar, to the same document', () => {
    const fromZstd = readYoctoSpdxArchive('image.spdx.tar.zst', zst)
    expect(readYoctoSpdxArchive('image.spdx.tar.gz', gz)).toEqual(fromZstd)
    expect(readYoctoSpdxArchive('image.spdx.tar', kirkstoneTar())).toEqual(fromZstd)
    expect(readYoctoSpdxArchive('image.spdx.tar.zst', zstdCompressSync(kirkstoneTar()))).toEqual(
      fromZstd,
    )
  })

  it('combines the documents into one, references across documents resolved', () => {
    const combined = readYoctoSpdxArchive('image.spdx.tar.zst', zst) as Json
    expect(combined).toMatchObject({
      spdxVersion: 'SPDX-2.2',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: 'core-image-minimal-qemux86-64-20240301120000',
      documentDescribes: ['SPDXRef-Image-core-image-minimal-qemux86-64-20240301120000'],
    })
    expect((combined.packages as Json[]).map((p) => p.SPDXID).sort()).toEqual([
      'SPDXRef-Image-core-image-minimal-qemux86-64-20240301120000',
      'SPDXRef-Package-base-files',
      'SPDXRef-Package-busybox',
      'SPDXRef-Package-libc6',
      'SPDXRef-Recipe-base-files',
      'SPDXRef-Recipe-busybox',
      'SPDXRef-Recipe-glibc',
      'SPDXRef-Recipe-quilt-native',
    ])
    expect(combined.files).toHaveLength(6)
    const relationships = (combined.relationships as Json[]).map(
      (r) => `${r.spdxElementId} ${r.relationshipType} ${r.relatedSpdxElement}`,
    )
    expect(relationships).toEqual(
      expect.arrayContaining([
        'SPDXRef-Image-core-image-minimal-qemux86-64-20240301120000 CONTAINS SPDXRef-Package-busybox',
        'SPDXRef-Package-libc6 RUNTIME_DEPENDENCY_OF SPDXRef-Package-busybox',
        'SPDXRef-Package-busybox GENERATED_FROM SPDXRef-Recipe-busybox',
        'SPDXRef-Recipe-glibc BUILD_DEPENDENCY_OF SPDXRef-Recipe-busybox',
        'SPDXRef-Package-busybox CONTAINS SPDXRef-PackagedFile-busybox-1',
      ]),
    )
    // No reference is left to a document the archive holds.
    expect(JSON.stringify(combined.relationships)).not.toMatch(/DocumentRef-/)
    expect(combined.externalDocumentRefs).toBeUndefined()
    expect(yoctoArchiveNotes(combined).join('\n')).toMatch(
      /relationships between the documents themselves were not carried \((?=.*AMENDS ×3)(?=.*OTHER ×3)(?=.*DESCRIBES ×)/,
    )
    expect(yoctoArchiveNotes(combined)[0]).toMatch(
      /^a zstd-compressed tar archive of 11 Yocto SPDX document\(s\), combined into one/,
    )
  })

  it('normalizes the combined document: the image CONTAINS the packages, runtime and build dependencies kept', async () => {
    const combined = readYoctoSpdxArchive('image.spdx.tar.zst', zst)
    const sbom = await normalizeSbom(
      normalizeRequest('core-image-minimal.spdx.tar.zst', JSON.stringify(combined), {
        targetSpecVersion: '1.6',
      }),
    )
    const { roots, names, edges } = summary(sbom)
    expect(roots).toEqual([expect.objectContaining({ name: 'core-image-minimal', version: '1.0' })])
    expect(names).toEqual([
      'base-files',
      'base-files',
      'busybox',
      'busybox',
      'glibc',
      'libc6',
      'quilt-native',
    ])
    expect(edges).toEqual([
      'busybox → glibc',
      'busybox → libc6',
      'busybox → quilt-native',
      'core-image-minimal → base-files',
      'core-image-minimal → busybox',
      'core-image-minimal → libc6',
      'glibc → quilt-native',
    ])
    expect(sbom.report.dropped.map((entry) => entry.reason)).toContain(
      '3 relationship(s) GENERATED_FROM have no CycloneDX dependency equivalent',
    )
    expect(sbom.report.notes.join('\n')).toMatch(
      /spdx-files: exclude: 6 of the input's 6 SPDX file\(s\) are not components/,
    )
  })

  it('says when documents are missing, unlisted or changed since the index was written', () => {
    const tar = kirkstoneTar((files) =>
      files
        .filter((file) => file.name !== 'recipe-quilt-native.spdx.json')
        .map((file) =>
          file.name === 'libc6.spdx.json' ? { ...file, data: `${file.data} ` } : file,
        )
        .concat({ name: 'extra.spdx.json', data: '{}' }),
    )
    const combined = readYoctoSpdxArchive('image.spdx.tar', tar)
    const notes = yoctoArchiveNotes(combined).join('\n')
    expect(notes).toMatch(
      /the index lists 1 document\(s\) the archive does not hold \(recipe-quilt-native\.spdx\.json\)/,
    )
    expect(notes).toMatch(
      /1 document\(s\) differ from the sha1 the index gives \(libc6\.spdx\.json\)/,
    )
    expect(notes).toMatch(
      /1 \*\.spdx\.json file\(s\) in the archive are not in its index and were not read \(extra\.spdx\.json\)/,
    )
    // The recipe is gone, so references into it stay as written, with their DocumentRef.
    expect((combined as Json).externalDocumentRefs).toEqual([
      expect.objectContaining({ externalDocumentId: 'DocumentRef-dependency-recipe-quilt-native' }),
    ])
  })

  it('reads every *.spdx.json when there is no index, saying so', () => {
    const combined = readYoctoSpdxArchive(
      'image.spdx.tar',
      kirkstoneTar((files) => files.filter((file) => file.name !== 'index.json')),
    )
    expect((combined as Json).packages).toHaveLength(8)
    expect(yoctoArchiveNotes(combined).join('\n')).toMatch(/has no index \(index\.json\)/)
  })

  it.each([
    ['not an archive', Buffer.from('{"spdxVersion":"SPDX-2.2"}'), /is not a Yocto SPDX archive/],
    [
      'truncated zstd',
      zst.subarray(0, zst.length - 100),
      /cannot be decompressed .*damaged or truncated/,
    ],
    ['truncated gzip', gz.subarray(0, 200), /cannot be decompressed/],
    [
      'a tar cut inside an entry',
      Buffer.from(kirkstoneTar()).subarray(0, 3000),
      /is a tar archive that cannot be read|holds no SPDX 2\.2\/2\.3 JSON document/,
    ],
    [
      'a tar of other files',
      createTar([{ name: 'README', data: 'hello' }]),
      /holds no SPDX 2\.2\/2\.3 JSON document/,
    ],
    [
      'a document that is not JSON',
      kirkstoneTar((files) =>
        files.map((f) => (f.name === 'busybox.spdx.json' ? { ...f, data: '{"a":' } : f)),
      ),
      /^image\.spdx\.tar:busybox\.spdx\.json: is not valid JSON/,
    ],
  ])('refuses %s with an SbomError', (_, bytes, message) => {
    let error: unknown
    try {
      readYoctoSpdxArchive('image.spdx.tar', bytes)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(SbomError)
    expect((error as Error).message).toMatch(message)
  })

  it('stops a zstd or gzip bomb at 512 MiB instead of inflating it', () => {
    // 9 frames / members of 64 MiB of zeros each: 576 MiB from a few kB.
    const zeros = Buffer.alloc(64 * MiB)
    const zstdBomb = Buffer.concat(Array(9).fill(zstdCompressSync(zeros)))
    const gzipBomb = Buffer.concat(Array(9).fill(gzipSync(zeros, { level: 9 })))
    expect(zstdBomb.length).toBeLessThan(MiB)
    for (const [name, bomb] of [
      ['zstd', zstdBomb],
      ['gzip', gzipBomb],
    ] as const)
      expect(() => readYoctoSpdxArchive(`bomb.tar.${name}`, bomb)).toThrow(
        new RegExp(`is a ${name}-compressed archive that decompresses to more than 512 MiB`),
      )
  }, 60_000)

  it(`refuses a tar of more than ${MAX_TAR_ENTRIES} entries without reading them`, () => {
    const header = createTar([{ name: 'x', data: '' }]).subarray(0, 512)
    // The same empty-file header repeated: a valid tar of MAX_TAR_ENTRIES + 1 entries.
    const tar = Buffer.concat([...Array(MAX_TAR_ENTRIES + 1).fill(header), Buffer.alloc(1024)])
    expect(() => readYoctoSpdxArchive('many.tar', tar)).toThrow(
      /is a tar archive with more than 100000 entries/,
    )
  })

  it('index sha1s in the fixture archive are those of its documents', () => {
    const index = JSON.parse(readFileSync(`${KIRKSTONE}/index.json`, 'utf8')) as Json
    for (const { filename, sha1 } of index.documents as Json[])
      expect(
        createHash('sha1')
          .update(readFileSync(`${KIRKSTONE}/${filename}`))
          .digest('hex'),
      ).toBe(sha1)
  })
})
