import * as Models from '@cyclonedx/cyclonedx-library/Models'
import { ComponentType, HashAlgorithm } from '@cyclonedx/cyclonedx-library/Enums'
import { describe, expect, it } from 'vitest'
import {
  assignStableBomRefs,
  enrichBom,
  MOVED_ROOT,
  unparentedComponents,
  type Enrichment,
} from '../../src/sbom/enrich.ts'

const enrichment: Enrichment = {
  packageName: 'thermostat-firmware',
  versionName: 'v2.4.0',
  commitSha: '0123456789abcdef0123456789abcdef01234567',
  repository: 'acme/thermostat',
  tool: { name: 'iot-sbom-action', version: '1.0.0', vendor: 'acme' },
}

describe('enrichBom', () => {
  it('derives the same serialNumber forever for the same repository, commit, package and version', () => {
    const bom = new Models.Bom()
    enrichBom(bom, enrichment)
    // Cross-checked with Python's uuid.uuid5. A golden value: if this changes, every artifact's bytes change, and re-runs stop deduplicating.
    expect(bom.serialNumber).toBe('urn:uuid:fe2947f3-0333-543e-bec8-ba3bda540162')
  })

  it('leaves the timestamp empty without a commit time (nothing from the clock)', () => {
    const bom = new Models.Bom()
    enrichBom(bom, enrichment)
    expect(bom.metadata.timestamp).toBeUndefined()
    const withTime = new Models.Bom()
    enrichBom(withTime, { ...enrichment, commitTime: new Date('2026-01-02T03:04:05Z') })
    expect(withTime.metadata.timestamp?.toISOString()).toBe('2026-01-02T03:04:05.000Z')
  })

  it('keeps a timestamp the input has', () => {
    const bom = new Models.Bom()
    bom.metadata.timestamp = new Date('2025-05-05T00:00:00Z')
    enrichBom(bom, { ...enrichment, commitTime: new Date('2026-01-02T03:04:05Z') })
    expect(bom.metadata.timestamp.toISOString()).toBe('2025-05-05T00:00:00.000Z')
  })

  it('adds the IoT package as a firmware with its iot-package: bom-ref, once', () => {
    const bom = new Models.Bom()
    expect(enrichBom(bom, enrichment).notes).toContain(
      'metadata.component is the IoT package thermostat-firmware@v2.4.0 (firmware); the input has no root and no components.',
    )
    expect(bom.metadata.component).toMatchObject({
      type: 'firmware',
      name: 'thermostat-firmware',
      version: 'v2.4.0',
    })
    expect(bom.metadata.component?.bomRef.value).toBe('iot-package:thermostat-firmware@v2.4.0')
    // Enriching again (a re-normalized output, a merge) neither adds nor talks.
    expect(enrichBom(bom, enrichment)).toEqual({ notes: [], moved: [] })
    expect(bom.metadata.tools.components.size).toBe(1)
  })

  it('gives the package the type package-type names', () => {
    const bom = new Models.Bom()
    enrichBom(bom, { ...enrichment, packageType: 'device' })
    expect(bom.metadata.component?.type).toBe('device')
    // Its own output, enriched with another package-type: the package is retyped, with a note.
    expect(enrichBom(bom, { ...enrichment, packageType: 'application' }).notes).toEqual([
      'metadata.component is the IoT package thermostat-firmware@v2.4.0 (application); its type was device (package-type: application).',
    ])
    expect(bom.metadata.component?.type).toBe('application')
  })

  it('adds the tool in the legacy list when the input uses that shape', () => {
    const bom = new Models.Bom()
    bom.metadata.tools.tools.add(new Models.Tool({ name: 'syft', version: '0.90.0' }))
    enrichBom(bom, enrichment)
    expect([...bom.metadata.tools.tools].map((tool) => tool.name)).toEqual([
      'syft',
      'iot-sbom-action',
    ])
    expect(bom.metadata.tools.components.size).toBe(0)
  })
})

describe('assignStableBomRefs', () => {
  it('derives missing bom-refs from purl or group/name@version and keeps the first holder of a duplicate', () => {
    const bom = new Models.Bom()
    const first = new Models.Component(ComponentType.Library, 'x', { bomRef: 'shared' })
    const second = new Models.Component(ComponentType.Library, 'y', { bomRef: 'shared' })
    const withPurl = new Models.Component(ComponentType.Library, 'z', { purl: 'pkg:npm/z@1' })
    const grouped = new Models.Component(ComponentType.Library, 'w', {
      group: 'acme',
      version: '2',
    })
    const nested = new Models.Component(ComponentType.File, 'w')
    grouped.components.add(nested)
    for (const component of [first, second, withPurl, grouped]) bom.components.add(component)
    bom.services.add(new Models.Service('api'))
    const notes = assignStableBomRefs(bom)
    expect(
      [first, second, withPurl, grouped, nested].map((component) => component.bomRef.value),
    ).toEqual(['shared', 'shared~2', 'pkg:npm/z@1', 'acme/w@2', 'w'])
    expect([...bom.services][0]?.bomRef.value).toBe('api')
    expect(notes).toHaveLength(2)
    // Idempotent: nothing left to do.
    expect(assignStableBomRefs(bom)).toEqual([])
  })
})

const PACKAGE_REF = 'iot-package:thermostat-firmware@v2.4.0'

const refsOf = (refs: Iterable<Models.BomRef>) => [...refs].map((ref) => ref.value).sort()

describe('the IoT package is the subject; the input’s root stays', () => {
  /** A root with everything a root may carry, and a library that uses the root's bom-ref too. */
  function rootedBom() {
    const bom = new Models.Bom()
    const root = new Models.Component(ComponentType.Firmware, 'tstat-fw', {
      bomRef: 'fw',
      version: '2.4.0',
      purl: 'pkg:generic/acme/tstat-fw@2.4.0',
      supplier: new Models.OrganizationalEntity({ name: 'Acme' }),
    })
    root.hashes.set(HashAlgorithm['SHA-256'], 'ab'.repeat(32))
    root.licenses.add(new Models.SpdxLicense('Apache-2.0'))
    const bootloader = new Models.Component(ComponentType.Firmware, 'bootloader', {
      bomRef: 'boot',
    })
    root.components.add(bootloader)
    const clash = new Models.Component(ComponentType.Library, 'lwip', { bomRef: 'fw' })
    const mbedtls = new Models.Component(ComponentType.Library, 'mbedtls', { bomRef: 'tls' })
    root.dependencies.add(mbedtls.bomRef)
    bom.metadata.component = root
    bom.components.add(clash)
    bom.components.add(mbedtls)
    return { bom, root, bootloader, clash, mbedtls }
  }

  it('moves the root, with everything it has, into the components; the package depends on it', () => {
    const { bom, root, bootloader, mbedtls } = rootedBom()
    const { notes, moved } = enrichBom(bom, enrichment)
    const pkg = bom.metadata.component!
    expect(pkg).not.toBe(root)
    expect(pkg).toMatchObject({ type: 'firmware', name: 'thermostat-firmware', version: 'v2.4.0' })
    expect(pkg.bomRef.value).toBe(PACKAGE_REF)
    expect([...bom.components]).toContain(root)
    // The same object: purl, hashes, licenses, supplier, nested components and edges all stay.
    expect(root).toMatchObject({ purl: 'pkg:generic/acme/tstat-fw@2.4.0', version: '2.4.0' })
    expect(root.supplier?.name).toBe('Acme')
    expect(root.hashes.size).toBe(1)
    expect(root.licenses.size).toBe(1)
    expect([...root.components]).toEqual([bootloader])
    expect([...root.dependencies]).toEqual([mbedtls.bomRef])
    expect([...pkg.dependencies]).toEqual([root.bomRef])
    expect(moved).toEqual([MOVED_ROOT])
    expect(notes).toContain(
      'metadata.component is the IoT package thermostat-firmware@v2.4.0 (firmware); the input\'s root firmware tstat-fw@2.4.0 (bom-ref "fw") is kept as a component the package depends on.',
    )
  })

  it('keeps the root’s bom-ref and renames a component that used it too (edges on it meant the root)', () => {
    const { bom, root, clash } = rootedBom()
    const { notes } = enrichBom(bom, enrichment)
    expect(root.bomRef.value).toBe('fw')
    expect(clash.bomRef.value).toBe('fw~2')
    expect(notes.join('\n')).toMatch(/made unique .*"fw" → "fw~2"/)
  })

  it('renames a component that held the package’s own bom-ref', () => {
    const bom = new Models.Bom()
    const squatter = new Models.Component(ComponentType.Library, 'x', { bomRef: PACKAGE_REF })
    bom.components.add(squatter)
    enrichBom(bom, enrichment)
    expect(bom.metadata.component?.bomRef.value).toBe(PACKAGE_REF)
    expect(squatter.bomRef.value).toBe(`${PACKAGE_REF}~2`)
    expect(refsOf(bom.metadata.component!.dependencies)).toEqual([`${PACKAGE_REF}~2`])
  })

  it('gives a root without bom-ref a stable one before the package depends on it', () => {
    const bom = new Models.Bom()
    bom.metadata.component = new Models.Component(ComponentType.Application, 'gateway', {
      version: '1.6.0',
    })
    enrichBom(bom, enrichment)
    expect(refsOf(bom.metadata.component.dependencies)).toEqual(['gateway@1.6.0'])
  })

  it('treats an earlier output for another version like any root, and says what it is', () => {
    const bom = new Models.Bom()
    enrichBom(bom, { ...enrichment, versionName: 'v2.3.0' })
    const earlier = bom.metadata.component!
    const { notes, moved } = enrichBom(bom, enrichment)
    expect([...bom.components]).toEqual([earlier])
    expect(refsOf(bom.metadata.component!.dependencies)).toEqual([
      'iot-package:thermostat-firmware@v2.3.0',
    ])
    expect(moved).toEqual([MOVED_ROOT])
    expect(notes.join('\n')).toMatch(
      /root firmware thermostat-firmware@v2\.3\.0 \(bom-ref "iot-package:thermostat-firmware@v2\.3\.0": the package of an earlier output of this action\) is kept/,
    )
  })

  it('without a root, hangs the top-level components nothing depends on under the package', () => {
    const bom = new Models.Bom()
    const [app, lib, shared, nestedUser] = ['app', 'lib', 'shared', 'nested-user'].map(
      (name) => new Models.Component(ComponentType.Library, name, { bomRef: name }),
    ) as [Models.Component, Models.Component, Models.Component, Models.Component]
    app.dependencies.add(lib.bomRef)
    app.dependencies.add(app.bomRef) // a self-edge makes nobody a dependent
    app.components.add(nestedUser)
    nestedUser.dependencies.add(shared.bomRef) // depended on by a nested component
    for (const component of [app, lib, shared]) bom.components.add(component)
    const { notes, moved } = enrichBom(bom, enrichment)
    expect(refsOf(bom.metadata.component!.dependencies)).toEqual(['app'])
    expect(moved).toEqual([])
    expect(notes).toContain(
      'metadata.component is the IoT package thermostat-firmware@v2.4.0 (firmware); the input has no root: the package depends on its 1 top-level component(s) nothing else depends on (app).',
    )
  })

  it('enters a cycle nothing reaches there, not at a component that hangs under it', () => {
    const bom = new Models.Bom()
    const [a, b, c] = ['a', 'b', 'c'].map(
      (name) => new Models.Component(ComponentType.Library, name, { bomRef: name }),
    ) as [Models.Component, Models.Component, Models.Component]
    // b ⇄ c, and b → a: `a` comes first by bom-ref but hangs under the cycle.
    b.dependencies.add(c.bomRef)
    c.dependencies.add(b.bomRef)
    b.dependencies.add(a.bomRef)
    for (const component of [a, b, c]) bom.components.add(component)
    expect(unparentedComponents(bom)).toEqual([b])
  })

  it('counts a service as a dependent, and enters a cycle nothing reaches at its first bom-ref', () => {
    const bom = new Models.Bom()
    const [a, b, c, d, viaService] = ['c-1', 'b-1', 'x', 'a-1', 'svc-lib'].map(
      (name) => new Models.Component(ComponentType.Library, name, { bomRef: name }),
    ) as Models.Component[] as [
      Models.Component,
      Models.Component,
      Models.Component,
      Models.Component,
      Models.Component,
    ]
    // c-1 → b-1 → a-1 → c-1: a cycle nothing outside reaches; x stands alone.
    a.dependencies.add(b.bomRef)
    b.dependencies.add(d.bomRef)
    d.dependencies.add(a.bomRef)
    const service = new Models.Service('api', { bomRef: 'api' })
    service.dependencies.add(viaService.bomRef)
    for (const component of [a, b, c, d, viaService]) bom.components.add(component)
    bom.services.add(service)
    expect(unparentedComponents(bom).map((component) => component.bomRef.value)).toEqual([
      'a-1',
      'x',
    ])
  })
})
