// Synthetic CycloneDX 1.6 SBOMs of any size, shaped like a large product's: every tenth component
// carries a nested one, each has a purl, two hashes, a license (id, name or expression), an
// external reference and a property, and the dependency graph gives each up to three edges.
// Deterministic: the same count gives the same bytes, so runs and machines compare.

/** A CycloneDX 1.6 document with `count` components in all (nested ones included). */
export function syntheticSbom(count) {
  const random = lcg(count)
  const refs = []
  const topLevel = []
  let made = 0
  while (made < count) {
    const component = makeComponent(made, random)
    refs.push(component['bom-ref'])
    made += 1
    if (made % 10 === 0 && made < count) {
      const nested = makeComponent(made, random)
      refs.push(nested['bom-ref'])
      component.components = [nested]
      made += 1
    }
    topLevel.push(component)
  }
  const dependencies = refs.map((ref) => {
    const edges = new Set()
    const wanted = Math.floor(random() * 4)
    for (let edge = 0; edge < wanted && refs.length > 1; edge += 1) {
      const target = refs[Math.floor(random() * refs.length)]
      if (target !== ref) edges.add(target)
    }
    return edges.size > 0 ? { ref, dependsOn: [...edges] } : { ref }
  })
  return {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
    version: 1,
    metadata: {
      timestamp: '2026-01-01T00:00:00Z',
      tools: { components: [{ type: 'application', name: 'synthetic-sbom', version: '1.0.0' }] },
      component: {
        type: 'firmware',
        name: 'synthetic-product',
        version: '1.0.0',
        'bom-ref': 'product',
      },
    },
    components: topLevel,
    dependencies: [{ ref: 'product', dependsOn: refs.slice(0, 5) }, ...dependencies],
  }
}

const LICENSES = [
  { license: { id: 'MIT' } },
  { license: { id: 'Apache-2.0' } },
  { license: { name: 'Proprietary firmware licence' } },
  { expression: 'MIT OR Apache-2.0' },
]

function makeComponent(index, random) {
  const group = `@scope${index % 97}`
  const name = `package-${index}`
  const version = `${1 + (index % 7)}.${index % 13}.${Math.floor(random() * 100)}`
  return {
    type: 'library',
    'bom-ref': `ref-${index}`,
    group,
    name,
    version,
    description: `Synthetic component number ${index}`,
    purl: `pkg:npm/${encodeURIComponent(group)}/${name}@${version}`,
    hashes: [
      { alg: 'SHA-256', content: hex(random, 64) },
      { alg: 'SHA-1', content: hex(random, 40) },
    ],
    licenses: [LICENSES[index % LICENSES.length]],
    externalReferences: [{ type: 'vcs', url: `https://example.com/${group}/${name}.git` }],
    properties: [{ name: 'build:origin', value: index % 2 === 0 ? 'vendored' : 'registry' }],
  }
}

function hex(random, length) {
  let text = ''
  while (text.length < length)
    text += Math.floor(random() * 0x100000000)
      .toString(16)
      .padStart(8, '0')
  return text.slice(0, length)
}

/** A small linear congruential generator: deterministic and fast enough for 50k components. */
function lcg(seed) {
  let state = (seed * 2654435761) >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 0x100000000
  }
}
