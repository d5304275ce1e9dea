// One measured upload in a fresh process: the artifact file is read once into memory (the action
// builds its artifact in memory), hashed, and put to the emulator's S3 through the real SDK with
// the action's own upload code. Prints one JSON line: the file size, the RSS before reading it,
// and the peak RSS, so the runner can tell how many copies of the artifact were held at once.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'

const [file, bucket] = process.argv.slice(2)
const { createAwsClients } = await import('../../src/aws/clients.ts')
const { storeArtifact } = await import('../../src/aws/s3-store.ts')
const { silentLogger } = await import('../../src/shared/logger.ts')
const { s3 } = createAwsClients({ region: 'us-east-1' })
// Warm the SDK (connection, signer, XML parser) so the baseline holds everything but the artifact.
await s3.send(new (await import('@aws-sdk/client-s3')).HeadBucketCommand({ Bucket: bucket }))

const baseMiB = process.memoryUsage().rss / 1048576
const body = readFileSync(file)
const sha256Hex = createHash('sha256').update(body).digest('hex')
const stored = await storeArtifact(
  s3,
  {
    bucket,
    key: `bench/${sha256Hex}.zip`,
    body,
    sha256Hex,
    contentType: 'application/zip',
    metadata: {},
    sse: undefined,
    kmsKeyId: undefined,
  },
  silentLogger,
)
const peakMiB = process.resourceUsage().maxRSS / 1024
console.log(
  JSON.stringify({ fileMiB: body.length / 1048576, baseMiB, peakMiB, versionId: stored.versionId }),
)
