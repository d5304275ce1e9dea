// Step 3, package: the normalized documents become the artifact (merged into one BOM when asked),
// a .zip of them or the one JSON file, written with the normalization report to RUNNER_TEMP.
import { createHash } from 'node:crypto'
import type { Config } from '../config/config.js'
import { writeConfinedFile, type ProtectedFiles } from '../context/confined-files.js'
import type { RunContext } from '../context/run-context.js'
import { buildArtifact, type ArtifactEntry } from '../sbom/archive.js'
import { mergeSboms, type NormalizedSbom } from '../sbom/normalize.js'
import { writeNormalizationReport, type ArtifactFiles } from './artifact-files.js'
import { enrichmentOf } from './normalize.js'
import type { LocalArtifact, PipelineDeps } from './types.js'

export async function packageArtifact(
  config: Config,
  context: RunContext,
  sboms: readonly NormalizedSbom[],
  { log, outputs }: Pick<PipelineDeps, 'log' | 'outputs'>,
  files: ArtifactFiles,
  protectedFiles: ProtectedFiles,
): Promise<LocalArtifact> {
  const merged =
    config.merge && sboms.length > 1
      ? await mergeSboms(sboms, {
          ...enrichmentOf(config, context),
          targetSpecVersion: config.specVersion,
          qualityProfile: config.quality.profile,
        })
      : undefined
  for (const note of merged?.notes ?? []) log.info(note)
  const entries = merged
    ? [{ name: merged.entryName, content: merged.json }]
    : uniqueEntryNames(sboms)
  const artifact = await buildArtifact(entries, config.archive)
  const artifactSha256 = createHash('sha256').update(artifact).digest('hex')
  const artifactPath = await writeConfinedFile(files.artifact, artifact, protectedFiles)
  await protectedFiles.add(artifactPath, 'the artifact this run wrote')
  const reportPath = await writeNormalizationReport(files.report, sboms, protectedFiles)
  await protectedFiles.add(reportPath, 'the normalization report this run wrote')
  const componentCount =
    merged?.componentCount ?? sboms.reduce((sum, sbom) => sum + sbom.componentCount, 0)
  const fileCount =
    merged?.fileCount ?? sboms.reduce((sum, sbom) => sum + sbom.report.after.files, 0)
  outputs.set('sbom-file', artifactPath)
  outputs.set('sbom-sha256', artifactSha256)
  outputs.set('component-count', String(componentCount))
  outputs.set('file-count', String(fileCount))
  log.info(
    `Artifact ${artifactPath}: ${artifact.length} bytes, SHA-256 ${artifactSha256}, ${describeCount(componentCount, fileCount)}. Normalization report: ${reportPath}`,
  )
  return {
    sboms,
    artifact,
    artifactPath,
    artifactSha256,
    artifactBytes: artifact.length,
    componentCount,
    fileCount,
    quality: merged
      ? merged.quality
        ? [{ file: merged.entryName, output: merged.quality }]
        : []
      : sboms.flatMap(({ report }) =>
          report.quality ? [{ file: report.file, ...report.quality }] : [],
        ),
  }
}

/** `1001 components (20 packages, 981 files)`, or `20 components` when there are no files. */
export function describeCount(components: number, files: number): string {
  return files === 0
    ? `${components} components`
    : `${components} components (${components - files} packages, ${files} files)`
}

/** Zip entry names must be unique even when two inputs share a base name. */
function uniqueEntryNames(sboms: readonly NormalizedSbom[]): ArtifactEntry[] {
  const used = new Set<string>()
  return sboms.map((sbom) => {
    let name = sbom.entryName
    for (let n = 2; used.has(name); n += 1)
      name = sbom.entryName.replace(/(\.cdx\.json)?$/, `-${n}$1`)
    used.add(name)
    return { name, content: sbom.json, compressed: sbom.compressed }
  })
}
