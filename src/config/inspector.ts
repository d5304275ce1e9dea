// generator: inspector's inputs: what Inspector exports, and where it writes the export.
import { quoted, shortened } from '../context/quoted.js'
import { errorMessage } from '../shared/errors.js'
import { keyPrefixInput, oneOf, timeoutInput, type Inputs } from './inputs.js'
import { BUCKET_NAME } from './s3.js'

/** generator: inspector — what to export, where Inspector writes it, and where it runs. */
export interface InspectorSettings {
  /** Inspector's resourceFilterCriteria: field → [{comparison, value[, key]}]. */
  readonly filter: Readonly<Record<string, readonly InspectorFilter[]>>
  readonly reportFormat: InspectorReportFormat
  readonly kmsKeyArn: string
  readonly bucket: string
  /** Base prefix; the pipeline adds a part unique to the run. */
  readonly keyPrefix: string
  readonly timeoutSeconds: number
  /** aws-region: Inspector is called even in validate mode, so it is required with this generator. */
  readonly region: string
}

export interface InspectorFilter {
  readonly comparison: string
  readonly value: string
  readonly key?: string
}

/** The settings from the inspector-* inputs; the region is read with the other AWS inputs. */
export type InspectorExport = Omit<InspectorSettings, 'region'>

const REPORT_FORMATS = ['CYCLONEDX_1_4', 'SPDX_2_3'] as const
type InspectorReportFormat = (typeof REPORT_FORMATS)[number]

// The ResourceFilterCriteria fields of Inspector's CreateSbomExport.
const FILTER_FIELDS = [
  'accountId',
  'resourceId',
  'resourceType',
  'ecrRepositoryName',
  'ecrImageTags',
  'lambdaFunctionName',
  'ec2InstanceTags',
  'lambdaFunctionTags',
]
/** The shorthand inputs, each one EQUALS condition on its field. */
const FILTER_SHORTHANDS = [
  ['inspector-ecr-repository', 'ecrRepositoryName'],
  ['inspector-ecr-image-tag', 'ecrImageTags'],
  ['inspector-lambda-function', 'lambdaFunctionName'],
] as const
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/\S+$/

/** The inspector-* inputs (read only with generator: inspector). */
export function readInspector(inputs: Inputs): InspectorExport | undefined {
  const filter = readResourceFilter(inputs)
  const reportFormat = oneOf(inputs, 'inspector-report-format', REPORT_FORMATS, 'CYCLONEDX_1_4')
  const kmsKeyArn = readKmsKeyArn(inputs)
  const bucket = readExportBucket(inputs)
  const keyPrefix = keyPrefixInput(inputs, 'inspector-s3-key-prefix', 'inspector-sbom/')
  const timeoutSeconds = timeoutInput(inputs, 'inspector-timeout-seconds', 600)
  if (
    filter === undefined ||
    reportFormat === undefined ||
    kmsKeyArn === undefined ||
    bucket === undefined ||
    keyPrefix === undefined ||
    timeoutSeconds === undefined
  )
    return undefined
  return Object.freeze({ filter, reportFormat, kmsKeyArn, bucket, keyPrefix, timeoutSeconds })
}

/** inspector-resource-filter and the shorthands, combined; refused when it would match everything. */
function readResourceFilter(inputs: Inputs): Record<string, InspectorFilter[]> | undefined {
  const filter: Record<string, InspectorFilter[]> = Object.fromEntries(resourceFilterJson(inputs))
  for (const [name, field] of FILTER_SHORTHANDS) {
    const value = inputs.get(name)
    if (value) (filter[field] ??= []).push({ comparison: 'EQUALS', value })
  }
  if (inputs.get('inspector-ecr-image-tag') && !inputs.get('inspector-ecr-repository'))
    inputs.fail(
      'inspector-ecr-image-tag needs inspector-ecr-repository: a tag alone matches images of every repository.',
    )
  if (Object.keys(filter).length === 0)
    return inputs.fail(
      'generator: inspector needs a resource filter, or it would export every resource of the account: set inspector-ecr-repository (+ inspector-ecr-image-tag), inspector-lambda-function, or inspector-resource-filter.',
    )
  return filter
}

/** The fields of inspector-resource-filter that are valid; a problem for each one that is not. */
function resourceFilterJson(inputs: Inputs): [string, InspectorFilter[]][] {
  const text = inputs.get('inspector-resource-filter')
  if (!text) return []
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    inputs.fail(`inspector-resource-filter is not valid JSON: ${shortened(errorMessage(error))}.`)
    return []
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    inputs.fail(
      'inspector-resource-filter must be a JSON object of Inspector resourceFilterCriteria.',
    )
    return []
  }
  return Object.entries(parsed).flatMap(([field, conditions]): [string, InspectorFilter[]][] => {
    if (FILTER_FIELDS.includes(field) && isFilterList(conditions)) return [[field, [...conditions]]]
    inputs.fail(
      `inspector-resource-filter field ${quoted(field)} must be one of ${FILTER_FIELDS.join(', ')}, holding a list of {"comparison": "EQUALS", "value": "…"}.`,
    )
    return []
  })
}

function isFilterList(value: unknown): value is InspectorFilter[] {
  return Array.isArray(value) && value.every(isFilter)
}

function isFilter(value: unknown): value is InspectorFilter {
  return (
    typeof value === 'object' &&
    value !== null &&
    'value' in value &&
    typeof value.value === 'string' &&
    'comparison' in value &&
    typeof value.comparison === 'string'
  )
}

function readKmsKeyArn(inputs: Inputs): string | undefined {
  const kmsKeyArn = inputs.get('inspector-kms-key-arn')
  if (!kmsKeyArn)
    return inputs.fail(
      'generator: inspector needs inspector-kms-key-arn: Inspector encrypts the export with it.',
    )
  if (!KMS_KEY_ARN.test(kmsKeyArn))
    return inputs.fail(
      `inspector-kms-key-arn ${quoted(kmsKeyArn)} is not a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>).`,
    )
  return kmsKeyArn
}

/** Where Inspector writes the export: inspector-s3-bucket, else s3-bucket. */
function readExportBucket(inputs: Inputs): string | undefined {
  const bucket = inputs.get('inspector-s3-bucket') || inputs.get('s3-bucket')
  if (!bucket)
    return inputs.fail(
      'generator: inspector needs inspector-s3-bucket (or s3-bucket): where Inspector writes the export.',
    )
  if (!BUCKET_NAME.test(bucket))
    return inputs.fail(`inspector-s3-bucket ${quoted(bucket)} is not a valid S3 bucket name.`)
  return bucket
}
