import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { ACTION_NAME } from '../action-info.js'
import type { Config } from '../config/config.js'
import {
  writeConfinedFile,
  type ProtectedFiles,
  type WriteTarget,
} from '../context/confined-files.js'
import { ARCHIVE_FORMATS } from '../sbom/archive-formats.js'
import type { NormalizedSbom } from '../sbom/normalize.js'

/** Longest file name most file systems take, in bytes. */
const MAX_FILE_NAME_BYTES = 255
const REPORT_SUFFIX = '.normalization.json'

/** The two files a run writes beside each other: the artifact and its normalization report. */
export interface ArtifactFiles {
  readonly artifact: WriteTarget
  readonly report: WriteTarget
  /** The report's path, for log lines written before it exists. */
  readonly reportShownAs: string
}

/**
 * The artifact and its report in RUNNER_TEMP/iot-sbom-action/: `<package>-<version>-<sha>.<ext>`,
 * with the SHA cut to 12 characters when the report's name would not fit a file name (a
 * 128-character package, a 64-character version and a 64-character SHA do not). The S3 key
 * keeps the full SHA.
 */
export function artifactFiles(config: Config, env: NodeJS.ProcessEnv): ArtifactFiles {
  const root = env.RUNNER_TEMP || tmpdir()
  const rootName = env.RUNNER_TEMP ? 'RUNNER_TEMP' : `the temporary directory (${root})`
  const named = (sha: string) => `${config.packageName}-${config.versionName}-${sha}`
  const base =
    Buffer.byteLength(`${named(config.commitSha)}${REPORT_SUFFIX}`) <= MAX_FILE_NAME_BYTES
      ? named(config.commitSha)
      : named(config.commitSha.slice(0, 12))
  const hint = `${rootName} must be a directory the action can write to, and ${join(root, ACTION_NAME)} a directory in it (or absent); remove whatever is in the way.`
  const target = (name: string, subject: string): WriteTarget => ({
    root,
    rootName,
    relativePath: `${ACTION_NAME}/${name}`,
    subject,
    hint,
  })
  const report = target(`${base}${REPORT_SUFFIX}`, 'the normalization report')
  return {
    artifact: target(`${base}.${ARCHIVE_FORMATS[config.archive].extension}`, 'the artifact'),
    report,
    reportShownAs: join(report.root, report.relativePath),
  }
}

/** The normalization reports as JSON beside the artifact, for later steps and audits. */
export async function writeNormalizationReport(
  target: WriteTarget,
  sboms: readonly NormalizedSbom[],
  protectedFiles: ProtectedFiles,
): Promise<string> {
  return writeConfinedFile(
    target,
    `${JSON.stringify(
      sboms.map((sbom) => sbom.report),
      null,
      2,
    )}\n`,
    protectedFiles,
  )
}
