import type { NormalizeRequest } from '../../src/sbom/normalize.ts'

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
