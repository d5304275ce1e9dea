// One measured run in a fresh process: `baseline` parses and re-serializes the file, `action`
// does what the action does with it (read, check the input against its schema, build the model,
// enrich, serialize at the target spec, schema-check the output, zip). Prints one JSON line: the
// work's milliseconds (module loading excluded: that is the cold-start case) and peak RSS.
// Arguments: mode, file, target spec (default 1.4), input-validation (default warn).
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'

const [mode, file, target = '1.4', inputValidation = 'warn'] = process.argv.slice(2)
const work =
  mode === 'baseline'
    ? async () => JSON.stringify(JSON.parse(readFileSync(file, 'utf8')), null, 2).length
    : await actionWork(file, target, inputValidation)

const started = performance.now()
const size = await work()
const ms = performance.now() - started
const rssMiB = process.resourceUsage().maxRSS / 1024
console.log(JSON.stringify({ ms, rssMiB, size, qualityMs: work.qualityMs }))

async function actionWork(path, targetSpecVersion, inputValidation) {
  const { normalizeSbom } = await import('../../src/sbom/normalize.ts')
  const { buildArtifact } = await import('../../src/sbom/archive.ts')
  const { readTextOrBytes } = await import('../../src/sources/read-text.ts')
  // The validators are loaded on first use. In the bundle that is a chunk read in milliseconds
  // (the cold-start case measures loading); here it would go through the TypeScript loader, a
  // cost the action does not have, so they are loaded before the clock starts.
  const { linearSchemaCheck } = await import('../../src/schema-check/schema-check-runner.ts')
  await linearSchemaCheck(targetSpecVersion)
  if (inputValidation !== 'skip') await linearSchemaCheck('1.6') // the synthetic SBOMs' version
  const { evaluateQuality } = await import('../../src/sbom/quality.ts')
  const run = async () => {
    const normalized = await normalizeSbom({
      file: 'bench.cdx.json',
      // Read as the action reads an SBOM file (src/sources/collect-sboms.ts).
      content: await readTextOrBytes(path),
      targetSpecVersion,
      inputValidation,
      packageName: 'synthetic-product',
      versionName: '1.0.0',
      commitSha: '0123456789abcdef0123456789abcdef01234567',
      repository: 'example/bench',
      tool: { name: 'iot-sbom-action', version: 'bench', vendor: 'bench' },
      // As src/pipeline/normalize.ts asks for one SBOM going into a zip, with the default profile.
      compressForZip: true,
      qualityProfile: 'ntia-2021',
    })
    // What the quality evaluation inside normalizeSbom costs (it scores the output and the input):
    // the same two passes again, timed on their own.
    const output = JSON.parse(normalized.json)
    const qualityStarted = performance.now()
    evaluateQuality(output, 'ntia-2021')
    evaluateQuality(output, 'ntia-2021')
    run.qualityMs = performance.now() - qualityStarted
    const artifact = await buildArtifact(
      [
        {
          name: normalized.entryName,
          content: normalized.json,
          compressed: normalized.compressed,
        },
      ],
      'zip',
    )
    return artifact.length
  }
  return run
}
