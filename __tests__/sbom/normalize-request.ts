import { normalizeSbom, type NormalizeRequest } from '../../src/sbom/normalize.ts'
import { SbomError } from '../../src/shared/errors.ts'

/** A normalizeSbom request with the test suite's defaults: target 1.4, input-validation warn. */
export function normalizeRequest(
  file: string,
  content: string | Buffer,
  overrides: Partial<NormalizeRequest> = {},
): NormalizeRequest {
  return {
    file,
    content,
    targetSpecVersion: '1.4',
    inputValidation: 'warn',
    packageName: 'thermostat-firmware',
    versionName: 'v2.4.0',
    commitSha: 'a'.repeat(40),
    repository: 'acme/thermostat',
    commitTime: undefined,
    tool: { name: 'iot-sbom-action', version: '9.9.9', vendor: 'acme' },
    ...overrides,
  }
}

/** The SbomError normalizeSbom refuses `content` with (named `file`); anything else fails the test. */
export async function normalizeRefusal(
  content: string | Buffer,
  file = 'build/sbom.json',
): Promise<SbomError> {
  const error: unknown = await normalizeSbom(normalizeRequest(file, content)).then(
    () => undefined,
    (reason: unknown) => reason,
  )
  if (!(error instanceof SbomError)) throw new Error(`expected an SbomError, got ${String(error)}`)
  return error
}
