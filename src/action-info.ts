/** Who we are, for the SDK user agent, the SBOM tools entry and the summary. Kept equal to package.json by a test. */
export const ACTION_NAME = 'iot-sbom-action'
export const ACTION_VERSION = '0.1.0'
export const ACTION_VENDOR = 'iot-sbom-action contributors'
