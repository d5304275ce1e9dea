// SPDX 3.0 / 3.0.1 JSON-LD examples (../shared/corpus/spdx3/) → CycloneDX: every file is read or
// refused with a reason, and the SPDX 2 twins (tag-value / JSON, ../shared/corpus/spdx-tagvalue/
// and spdx-examples/) give the same components, purls and dependency edges. A table per file is
// printed (file, read/refused, components, dependencies, purls in → out, dropped).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { normalizeSbom, type NormalizedSbom } from '../../src/sbom/normalize.ts'
import { SbomError } from '../../src/shared/errors.ts'
import { normalizeRequest } from '../sbom/normalize-request.ts'
import type { SpdxFiles } from '../../src/formats/spdx-files.ts'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const CORPUS = new URL('../../../shared/corpus/', import.meta.url).pathname
const SPDX3 = join(CORPUS, 'spdx3')
const haveCorpus = existsSync(SPDX3)
if (!haveCorpus)
  console.warn(
    `\n*** SPDX 3 CONFORMANCE SKIPPED: ${SPDX3} is missing (CI has ../shared beside the repo). ***\n`,
  )

const files = haveCorpus
  ? readdirSync(SPDX3)
      .filter((name) => /\.(json|jsonld)$/.test(name))
      .sort()
  : []

/**
 * Documents that are not software SBOMs: refused, and why. ai_example02 and dataset_example01
 * describe an AI model / a data set (root ai_AIPackage / dataset_DatasetPackage) and hold no
 * software_Package: their files are the model's and the data set's.
 */
const REFUSED: Readonly<Record<string, RegExp>> = {
  'ai_example02_spdx3.0_sbom.spdx3.json':
    /is an SPDX 3 AI profile document, not a software SBOM: it describes ai_AIPackage/,
  'dataset_example01_spdx3.0_example01.spdx3.json':
    /is an SPDX 3 Dataset profile document, not a software SBOM: it describes dataset_DatasetPackage/,
}

/** Every purl the input states (software_packageUrl, externalIdentifier packageUrl). */
function purlsIn(document: Json): Set<string> {
  const purls = new Set<string>()
  for (const element of document['@graph'] ?? []) {
    if (typeof element.software_packageUrl === 'string') purls.add(element.software_packageUrl)
    for (const identifier of element.externalIdentifier ?? [])
      if (identifier.externalIdentifierType === 'packageUrl') purls.add(identifier.identifier)
  }
  return purls
}

interface Summary {
  readonly names: string[]
  readonly purls: Set<string>
  /** "dependent name → dependency name", sorted. */
  readonly edges: string[]
  readonly components: number
  readonly dropped: number
}

function summarize(sbom: NormalizedSbom): Summary {
  const bom = JSON.parse(sbom.json) as Json
  const all: Json[] = [
    ...(bom.metadata?.component ? [bom.metadata.component] : []),
    ...(bom.components ?? []),
  ]
  const nameOf = new Map(all.map((component) => [component['bom-ref'], component.name as string]))
  // The IoT package's edges only restate which element is the input's root: not compared.
  const inputDependencies = (bom.dependencies ?? []).filter(
    (dependency: Json) => !String(dependency.ref).startsWith('iot-package:'),
  )
  const edges = inputDependencies.flatMap((dependency: Json) =>
    (dependency.dependsOn ?? []).map(
      (to: string) => `${nameOf.get(dependency.ref) ?? dependency.ref} → ${nameOf.get(to) ?? to}`,
    ),
  )
  return {
    names: all
      .filter((component) => !String(component['bom-ref']).startsWith('iot-package:'))
      .map((component) => component.name as string)
      .sort(),
    purls: new Set(all.map((component) => component.purl).filter(Boolean)),
    edges: [...new Set<string>(edges)].sort(),
    components: sbom.componentCount,
    dropped: sbom.report.dropped.length,
  }
}

async function normalize(name: string, content: string, spdxFiles: SpdxFiles = 'exclude') {
  return normalizeSbom(normalizeRequest(name, content, { spdxFiles, targetSpecVersion: '1.6' }))
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
  return rows
    .map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | '))
    .join('\n')
}

if (!haveCorpus)
  it.skip(`SPDX 3 CONFORMANCE SKIPPED: ${SPDX3} is missing, so no SPDX 3 example was checked`, () => {})

describe.skipIf(!haveCorpus)('SPDX 3 examples (conformance)', () => {
  it('has the 33 documents of ../shared/corpus/spdx3 (38 files with its SOURCE and licences)', () => {
    expect(files).toHaveLength(33)
    expect(readdirSync(SPDX3)).toHaveLength(38)
  })

  it.each(['exclude', 'include'] as const)(
    'reads every example (spdx-files: %s) or refuses it saying why; every purl is kept',
    async (spdxFiles) => {
      const rows: string[][] = [
        ['file', 'outcome', 'components', 'dependencies', 'purls in → out', 'dropped'],
      ]
      const problems: string[] = []
      for (const name of files) {
        const content = readFileSync(join(SPDX3, name), 'utf8')
        const document = JSON.parse(content) as Json
        const purls = purlsIn(document)
        try {
          const sbom = await normalize(name, content, spdxFiles)
          const summary = summarize(sbom)
          rows.push([
            name,
            'read',
            String(summary.components),
            String(sbom.report.after.dependencies),
            `${purls.size} → ${[...purls].filter((purl) => summary.purls.has(purl)).length}`,
            String(summary.dropped),
          ])
          if (REFUSED[name]) problems.push(`${name}: read, but expected to be refused`)
          for (const purl of purls)
            if (!summary.purls.has(purl)) problems.push(`${name}: purl ${purl} lost`)
          expect(sbom.report.sourceFormat).toBe('SPDX 3 JSON-LD')
          expect(sbom.report.sourceSpecVersion).toMatch(/^SPDX-3\.0(\.\d)?$/)
          // Every reader drop names a path in the SPDX 3 graph (or the CycloneDX output).
          for (const entry of sbom.report.dropped)
            expect(entry.path).toMatch(/^\$\.(@graph\[\]|metadata|components|dependencies)/)
        } catch (error) {
          const message = (error as Error).message
          rows.push([
            name,
            `refused: ${message.replace(/^[^:]*: /, '').slice(0, 70)}…`,
            '-',
            '-',
            `${purls.size} → -`,
            '-',
          ])
          if (!(error instanceof SbomError)) problems.push(`${name}: ${message}`)
          else if (!REFUSED[name]) problems.push(`${name}: refused: ${message.slice(0, 300)}`)
          else expect(message).toMatch(REFUSED[name])
        }
      }
      console.log(`\nSPDX 3 corpus, spdx-files: ${spdxFiles}\n${table(rows)}\n`)
      expect(problems).toEqual([])
    },
  )
})

/** SPDX 2 twin (tag-value or JSON) ↔ SPDX 3 JSON-LD, from the corpus SOURCE files. */
const TWINS: readonly { spdx2: string; spdx3: string }[] = [
  {
    spdx2: 'spdx-tagvalue/spdx-spec_SPDXJSONExample-v2.3.spdx.json',
    spdx3: 'spdx3/spdx-3-model_converted_from_spdx_2.json',
  },
  ...[
    '1_spdx2.2_example1',
    '2_spdx2.2_example2-bin',
    '2_spdx2.2_example2-src',
    '3_spdx2.2_example3-bin',
    '3_spdx2.2_example3-src',
    '4_spdx2.2_example4-bin',
    '4_spdx2.2_example4-src',
    '5_spdx2.2_example5-bin',
    '5_spdx2.2_example5-src',
    '6_spdx2.2_example6-bin',
    '6_spdx2.2_example6-lib',
    '6_spdx2.2_example6-src',
  ].map((stem) => ({
    spdx2: `spdx-tagvalue/software_example${stem}.spdx`,
    spdx3: `spdx3/software_example${stem.replace('spdx2.2', 'spdx3.0')}.json`,
  })),
  ...[
    '7_spdx2.2_example7-bin',
    '7_spdx2.2_example7-go-module',
    '7_spdx2.2_example7-golang',
    '7_spdx2.2_example7-third-party-modules',
    '8_spdx2.3_examplemaven-0.0.1',
    '9_spdx2.2_appbomination',
    '10_spdx2.3_hello-source',
    '11_spdx2.3_sbom',
    '12_spdx2.2_hello-dist',
    '12_spdx2.2_hello-src',
    '14_spdx2.3_examplemaven-0.0.1-enriched',
  ].map((stem) => ({
    spdx2: `spdx-examples/software_example${stem}.spdx.json`,
    spdx3: `spdx3/software_example${stem.replace(/spdx2\.\d/, 'spdx3.0')}.spdx3.json`,
  })),
]

/** `+x`: only the SPDX 3 reading has x; `-x`: only the SPDX 2 reading. */
function differences(two: Summary, three: Summary): string[] {
  const lines: string[] = []
  const compare = (what: string, a: Iterable<string>, b: Iterable<string>) => {
    const left = new Set(a)
    const right = new Set(b)
    for (const item of right) if (!left.has(item)) lines.push(`${what} +${item}`)
    for (const item of left) if (!right.has(item)) lines.push(`${what} -${item}`)
  }
  compare('name', two.names, three.names)
  compare('purl', two.purls, three.purls)
  compare('edge', two.edges, three.edges)
  return lines.sort()
}

describe.skipIf(!haveCorpus)('SPDX 2 ↔ SPDX 3 twins', () => {
  it('lists twins that exist', () => {
    for (const twin of TWINS) {
      expect(existsSync(join(CORPUS, twin.spdx2)), twin.spdx2).toBe(true)
      expect(existsSync(join(CORPUS, twin.spdx3)), twin.spdx3).toBe(true)
    }
  })

  it.each(['exclude', 'include'] as const)(
    'read to the same component names, purls and dependency edges, but for differences of the inputs (spdx-files: %s)',
    async (spdxFiles) => {
      const rows: string[][] = [['SPDX 2 ↔ SPDX 3', 'components', 'purls', 'edges', 'differences']]
      const found: Record<string, string[]> = {}
      for (const twin of TWINS) {
        const read = async (path: string) =>
          summarize(await normalize(path, readFileSync(join(CORPUS, path), 'utf8'), spdxFiles))
        let two: Summary
        try {
          two = await read(twin.spdx2)
        } catch (error) {
          // The tag-value reader is another change: until it reads a file, say so loudly.
          console.warn(`*** ${twin.spdx2} (SPDX 2 twin) not read: ${(error as Error).message}`)
          rows.push([`${twin.spdx2} ↔ ${twin.spdx3}`, '-', '-', '-', 'SPDX 2 twin not read'])
          continue
        }
        const three = await read(twin.spdx3)
        const lines = differences(two, three)
        if (lines.length > 0) found[`${twin.spdx3.split('/')[1]} (${spdxFiles})`] = lines
        rows.push([
          `${twin.spdx2.split('/')[1]} ↔ ${twin.spdx3.split('/')[1]}`,
          `${two.names.length} / ${three.names.length}`,
          `${two.purls.size} / ${three.purls.size}`,
          `${two.edges.length} / ${three.edges.length}`,
          lines.length === 0 ? 'none' : `${lines.length}, in the inputs (INPUT_DIFFERENCES)`,
        ])
      }
      console.log(`\nSPDX 2 ↔ SPDX 3 twins, spdx-files: ${spdxFiles}\n${table(rows)}\n`)
      const expected = Object.fromEntries(
        Object.entries(INPUT_DIFFERENCES).filter(([key]) => key.endsWith(`(${spdxFiles})`)),
      )
      expect(found).toEqual(expected)
    },
  )
})

/**
 * The twins are not always the same document: the SPDX 3 versions were written separately, and
 * say some things differently. Each line was checked against both inputs (`+`: only the SPDX 3
 * reading has it, `-`: only the SPDX 2 one):
 * - examples 3 and 4 (bin): SPDX 2 says `main DYNAMIC_LINK lib.so` (and libc, libdl); the SPDX 3
 *   version writes `lib.so hasDynamicLink main`, the other way round, next to `main dependsOn
 *   lib.so`; so SPDX 3 has the reverse edges too (and, with files left out, libc ↔ libdl through
 *   ./main). Example 4's SPDX 3 also lists libc.so.6 / libdl.so.2 as files (hasDistributionArtifact)
 *   where SPDX 2 names them in PackageFileName.
 * - example 6 (lib): the SPDX 3 version has two more files, go and go_6715.snap.
 * - example 7: in golang, SPDX 2 has packages go and go1.16.4.linux-amd64; SPDX 3 a package
 *   go1.16.4.linux-amd64.tar.gz that contains a *file* go. third-party-modules: SPDX 3 has no
 *   rsc.io/sampler.
 * - examples 8, 9, 14: the SPDX 3 versions add the built jars/zip as files (hasDistributionArtifact),
 *   and (8, 14) write the Maven dependencies as `log4j hasDynamicLink examplemaven`, the reverse of
 *   SPDX 2's `examplemaven DYNAMIC_LINK log4j`.
 */
const INPUT_DIFFERENCES: Readonly<Record<string, readonly string[]>> = {
  'software_example14_spdx3.0_examplemaven-0.0.1-enriched.spdx3.json (exclude)': [
    'edge +Apache Log4j API → examplemaven',
    'edge +Apache Log4j Core → examplemaven',
    'edge +Apache Log4j SLF4J Binding → examplemaven',
    'edge +SLF4J API Module → examplemaven',
    'edge -examplemaven → Apache Log4j API',
    'edge -examplemaven → Apache Log4j Core',
    'edge -examplemaven → Apache Log4j SLF4J Binding',
    'edge -examplemaven → SLF4J API Module',
  ],
  'software_example14_spdx3.0_examplemaven-0.0.1-enriched.spdx3.json (include)': [
    'edge +Apache Log4j API → examplemaven',
    'edge +Apache Log4j Core → examplemaven',
    'edge +Apache Log4j SLF4J Binding → examplemaven',
    'edge +SLF4J API Module → examplemaven',
    'edge -examplemaven → Apache Log4j API',
    'edge -examplemaven → Apache Log4j Core',
    'edge -examplemaven → Apache Log4j SLF4J Binding',
    'edge -examplemaven → SLF4J API Module',
    'name +examplemaven-0.0.1.jar',
  ],
  'software_example3_spdx3.0_example3-bin.json (include)': ['edge +./lib.so → ./main'],
  'software_example4_spdx3.0_example4-bin.json (exclude)': [
    'edge +libc → libdl',
    'edge +libdl → libc',
  ],
  'software_example4_spdx3.0_example4-bin.json (include)': [
    'edge +./lib.so → ./main',
    'edge +libc → ./main',
    'edge +libdl → ./main',
    'name +libc.so.6',
    'name +libdl.so.2',
  ],
  'software_example6_spdx3.0_example6-lib.json (include)': ['name +go_6715.snap'],
  'software_example7_spdx3.0_example7-golang.spdx3.json (exclude)': [
    'name +go1.16.4.linux-amd64.tar.gz',
    'name -go',
    'name -go1.16.4.linux-amd64',
  ],
  'software_example7_spdx3.0_example7-golang.spdx3.json (include)': [
    'edge +go1.16.4.linux-amd64.tar.gz → go',
    'name +go1.16.4.linux-amd64.tar.gz',
    'name -go1.16.4.linux-amd64',
  ],
  'software_example7_spdx3.0_example7-third-party-modules.spdx3.json (exclude)': [
    'name -rsc.io/sampler',
  ],
  'software_example7_spdx3.0_example7-third-party-modules.spdx3.json (include)': [
    'name -rsc.io/sampler',
  ],
  'software_example8_spdx3.0_examplemaven-0.0.1.spdx3.json (exclude)': [
    'edge +Apache Log4j API → examplemaven',
    'edge +Apache Log4j Core → examplemaven',
    'edge +Apache Log4j SLF4J Binding → examplemaven',
    'edge +SLF4J API Module → examplemaven',
    'edge -examplemaven → Apache Log4j API',
    'edge -examplemaven → Apache Log4j Core',
    'edge -examplemaven → Apache Log4j SLF4J Binding',
    'edge -examplemaven → SLF4J API Module',
  ],
  'software_example8_spdx3.0_examplemaven-0.0.1.spdx3.json (include)': [
    'edge +Apache Log4j API → examplemaven',
    'edge +Apache Log4j Core → examplemaven',
    'edge +Apache Log4j SLF4J Binding → examplemaven',
    'edge +SLF4J API Module → examplemaven',
    'edge -examplemaven → Apache Log4j API',
    'edge -examplemaven → Apache Log4j Core',
    'edge -examplemaven → Apache Log4j SLF4J Binding',
    'edge -examplemaven → SLF4J API Module',
    'name +examplemaven-0.0.1.jar',
  ],
  'software_example9_spdx3.0_appbomination.spdx3.json (include)': [
    'name +App-BOM-ination-1.0.zip',
    'name +commons-lang3-3.4.jar',
    'name +hamcrest-core-1.3.jar',
    'name +junit-4.12.jar',
    'name +slf4j-api-1.7.21.jar',
  ],
}
