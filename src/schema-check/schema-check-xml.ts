// The schema check of CycloneDX XML input: against the XSD of the version it declares, with
// libxml2 compiled to WebAssembly (xmllint-wasm): no native addon, no network. Only called after
// formats/cyclonedx-xml.ts has refused DTDs, so no entity is ever resolved.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { validateXML } from 'xmllint-wasm'
import { SbomError } from '../shared/errors.js'
import type { SchemaProblem } from './schema-check.js'
import type { SpecVersion } from '../formats/spec-versions.js'

// Bundled: dist/cyclonedx/res/schema (scripts/finish-bundle.mjs). From source: the library's own copy.
const here = dirname(fileURLToPath(import.meta.url))
const SCHEMA_DIRECTORIES = [
  join(here, 'cyclonedx', 'res', 'schema'),
  join(here, '..', '..', 'node_modules', '@cyclonedx', 'cyclonedx-library', 'res', 'schema'),
]
// 32 MiB of wasm memory (xmllint-wasm's default) is too little for large SBOMs; 1 GiB is the ceiling.
const MAX_MEMORY_PAGES = 16_384

export async function findXmlSchemaProblems(
  xml: string,
  version: SpecVersion,
  file: string,
): Promise<SchemaProblem[]> {
  const directory = SCHEMA_DIRECTORIES.find((candidate) =>
    existsSync(join(candidate, 'spdx.SNAPSHOT.xsd')),
  )
  if (directory === undefined)
    throw new SbomError(file, 'could not be validated: the CycloneDX XML schemas are missing.', {
      hint: 'This is a problem of the action, not of your SBOM: please report it.',
    })
  let result: Awaited<ReturnType<typeof validateXML>>
  try {
    result = await validateXML({
      xml: [{ fileName: 'input.xml', contents: xml }],
      schema: [
        {
          fileName: 'bom.xsd',
          contents: await readFile(join(directory, `bom-${version}.SNAPSHOT.xsd`), 'utf8'),
        },
      ],
      // The XSDs import the SPDX license list by this file name.
      preload: [
        {
          fileName: 'spdx.SNAPSHOT.xsd',
          contents: await readFile(join(directory, 'spdx.SNAPSHOT.xsd'), 'utf8'),
        },
      ],
      maxMemoryPages: MAX_MEMORY_PAGES,
    })
  } catch (error) {
    throw new SbomError(
      file,
      `could not be validated against the CycloneDX ${version} XML schema: ${(error as Error).message}`,
      {
        cause: error,
        hint: 'This is a problem of the action, not of your SBOM: please report it.',
      },
    )
  }
  return result.errors.map((error) => ({
    path: error.loc ? `line ${error.loc.lineNumber}` : '',
    message: error.message
      .replace(/^Schemas validity error : /, '')
      .replace(/\{http:\/\/cyclonedx\.org\/schema\/bom\/[\d.]+\}/g, ''),
  }))
}
