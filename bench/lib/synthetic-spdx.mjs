// One synthetic product described three ways: SPDX 2.3 JSON, SPDX 2.3 tag-value and SPDX 3.0.1
// JSON-LD, with the same packages (name, version, purl, SHA-256), the same root and the same
// dependency edges, so the three readers can be timed on the same content. Deterministic.

const CREATED = '2026-01-01T00:00:00Z'

/** Packages with up to three dependency edges each; package 0 is the product. */
function productOf(count) {
  let state = count >>> 0 || 1
  const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32
  const packages = Array.from({ length: count }, (_, index) => ({
    id: `Package-${index}`,
    name: `pkg-${index}`,
    version: `1.${index % 100}.${index}`,
    purl: `pkg:generic/acme/pkg-${index}@1.${index % 100}.${index}`,
    sha256: (index.toString(16).padStart(8, '0') + 'ab'.repeat(28)).slice(0, 64),
  }))
  const edges = []
  for (let from = 0; from < count; from += 1)
    for (let edge = Math.floor(random() * 4); edge > 0 && count > 1; edge -= 1) {
      const to = Math.floor(random() * count)
      if (to !== from) edges.push([from, to])
    }
  return { packages, edges }
}

export function syntheticSpdxJson(count) {
  const { packages, edges } = productOf(count)
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: `synthetic-${count}`,
    documentNamespace: `https://example.com/spdx/synthetic-${count}`,
    creationInfo: { created: CREATED, creators: ['Tool: bench'] },
    packages: packages.map((pkg) => ({
      name: pkg.name,
      SPDXID: `SPDXRef-${pkg.id}`,
      versionInfo: pkg.version,
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      checksums: [{ algorithm: 'SHA256', checksumValue: pkg.sha256 }],
      externalRefs: [
        { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: pkg.purl },
      ],
    })),
    relationships: [
      {
        spdxElementId: 'SPDXRef-DOCUMENT',
        relationshipType: 'DESCRIBES',
        relatedSpdxElement: 'SPDXRef-Package-0',
      },
      ...edges.map(([from, to]) => ({
        spdxElementId: `SPDXRef-${packages[from].id}`,
        relationshipType: 'DEPENDS_ON',
        relatedSpdxElement: `SPDXRef-${packages[to].id}`,
      })),
    ],
  }
}

export function syntheticSpdxTagValue(count) {
  const { packages, edges } = productOf(count)
  const lines = [
    'SPDXVersion: SPDX-2.3',
    'DataLicense: CC0-1.0',
    'SPDXID: SPDXRef-DOCUMENT',
    `DocumentName: synthetic-${count}`,
    `DocumentNamespace: https://example.com/spdx/synthetic-${count}`,
    'Creator: Tool: bench',
    `Created: ${CREATED}`,
    '',
    'Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-Package-0',
  ]
  for (const pkg of packages)
    lines.push(
      '',
      `PackageName: ${pkg.name}`,
      `SPDXID: SPDXRef-${pkg.id}`,
      `PackageVersion: ${pkg.version}`,
      'PackageDownloadLocation: NOASSERTION',
      'FilesAnalyzed: false',
      `PackageChecksum: SHA256: ${pkg.sha256}`,
      `ExternalRef: PACKAGE-MANAGER purl ${pkg.purl}`,
    )
  lines.push('')
  for (const [from, to] of edges)
    lines.push(`Relationship: SPDXRef-${packages[from].id} DEPENDS_ON SPDXRef-${packages[to].id}`)
  return `${lines.join('\n')}\n`
}

/** SPDX 3.0.1 JSON-LD, compact form; `count` packages plus their relationships as elements. */
export function syntheticSpdx3(count) {
  const { packages, edges } = productOf(count)
  const base = `https://example.com/spdx3/synthetic-${count}`
  const info = '_:creationinfo'
  const id = (pkg) => `${base}#${pkg.id}`
  const elements = packages.map((pkg) => ({
    type: 'software_Package',
    spdxId: id(pkg),
    creationInfo: info,
    name: pkg.name,
    software_packageVersion: pkg.version,
    software_packageUrl: pkg.purl,
    verifiedUsing: [{ type: 'Hash', algorithm: 'sha256', hashValue: pkg.sha256 }],
  }))
  const relationships = edges.map(([from, to], index) => ({
    type: 'Relationship',
    spdxId: `${base}#Relationship-${index}`,
    creationInfo: info,
    from: id(packages[from]),
    to: [id(packages[to])],
    relationshipType: 'dependsOn',
  }))
  const ids = [...elements, ...relationships].map((element) => element.spdxId)
  return {
    '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld',
    '@graph': [
      {
        type: 'CreationInfo',
        '@id': info,
        specVersion: '3.0.1',
        created: CREATED,
        createdBy: [`${base}#bench`],
      },
      { type: 'Tool', spdxId: `${base}#bench`, creationInfo: info, name: 'bench' },
      {
        type: 'SpdxDocument',
        spdxId: `${base}#document`,
        creationInfo: info,
        rootElement: [`${base}#sbom`],
        element: [`${base}#sbom`, ...ids],
      },
      {
        type: 'software_Sbom',
        spdxId: `${base}#sbom`,
        creationInfo: info,
        rootElement: [id(packages[0])],
        element: ids,
      },
      ...elements,
      ...relationships,
    ],
  }
}

/** The same product as SPDX 2.3 JSON and as SPDX 3.0.1 JSON-LD. */
export function syntheticSpdx(count) {
  return { spdx2: syntheticSpdxJson(count), spdx3: syntheticSpdx3(count) }
}
