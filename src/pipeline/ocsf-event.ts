// ocsf-output: the OCSF Software Inventory Info event describing the artifact, written to the
// workspace beside the package step and, with ocsf-s3-key-prefix, uploaded after the association.
import type { S3Client } from '@aws-sdk/client-s3'
import { ACTION_NAME, ACTION_VENDOR, ACTION_VERSION } from '../action-info.js'
import type { Config, PublishConfig } from '../config/config.js'
import { writeConfinedFile, type ProtectedFiles } from '../context/confined-files.js'
import { quoted } from '../context/quoted.js'
import type { RunContext } from '../context/run-context.js'
import { buildSoftwareInventoryEvent, OCSF_VERSION } from '../report/ocsf.js'
import { readArtifactDocuments } from '../sbom/diff.js'
import { AwsError, errorMessage } from '../shared/errors.js'
import type { Logger } from '../shared/logger.js'
import type { LocalArtifact, PipelineDeps } from './types.js'

export interface OcsfEvent {
  readonly path: string
  readonly json: string
}

export async function writeOcsfEvent(
  config: Config & { readonly ocsfOutput: string },
  context: RunContext,
  { log, outputs, clock }: Pick<PipelineDeps, 'log' | 'outputs' | 'clock'>,
  local: LocalArtifact,
  protectedFiles: ProtectedFiles,
): Promise<OcsfEvent> {
  const event = buildSoftwareInventoryEvent({
    documents: readArtifactDocuments(local.artifact) ?? [],
    packageName: config.packageName,
    versionName: config.versionName,
    action: { name: ACTION_NAME, vendor: ACTION_VENDOR, version: ACTION_VERSION },
    time: clock.now(),
    deviceTypeId: config.ocsfDeviceTypeId,
  })
  const json = `${JSON.stringify(event, null, 2)}\n`
  const relativePath = config.ocsfOutput
  const path = await writeConfinedFile(
    {
      root: context.workspace,
      rootName: 'GITHUB_WORKSPACE',
      relativePath,
      subject: `ocsf-output ${quoted(relativePath)}`,
      hint: 'Point ocsf-output at a new file, or a regular file, inside the workspace: not a directory, pipe, device, a symlink leading out of the workspace, or a file the action reads.',
    },
    json,
    protectedFiles,
  )
  outputs.set('ocsf-file', path)
  log.info(
    `OCSF Software Inventory Info event (class 5020, OCSF ${OCSF_VERSION}) with ${(event.sbom.software_components as unknown[]).length} components written to ${path}.`,
  )
  return { path, json }
}

/**
 * Uploads the event under ocsf-s3-key-prefix. Runs after the association, so it never stands in
 * the SBOM's way: a failure is returned (the job fails, the SBOM stays published), not thrown.
 */
export async function uploadOcsfEvent(
  s3: S3Client,
  config: PublishConfig & { readonly ocsfKeyPrefix: string },
  event: OcsfEvent,
  log: Logger,
): Promise<string | undefined> {
  const { putJsonObject } = await import('../aws/s3-store.js')
  const key = `${config.ocsfKeyPrefix}${config.packageName}/${config.versionName}/${config.commitSha}.ocsf.json`
  try {
    await putJsonObject(s3, config.s3.bucket, key, event.json)
    log.info(`OCSF event uploaded to s3://${config.s3.bucket}/${key}.`)
    return undefined
  } catch (error) {
    return `The SBOM is associated, but the OCSF event could not be uploaded: ${errorMessage(error)}${error instanceof AwsError && error.hint ? ` ${error.hint}` : ''} Re-running the job is safe: it reuses the association and uploads the event again.`
  }
}
