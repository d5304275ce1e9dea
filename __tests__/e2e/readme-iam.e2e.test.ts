// The IAM policies in README.md and docs/*.md grant what their examples call. Each publishing
// example's inputs run through the bundled action against the emulator (first publish, identical
// re-run, the next version); every request sent becomes the IAM action, resource and condition
// keys AWS would check, and the policy shown next to the example (or on a page its page links to)
// must allow each one.
import { readdir, readFile } from 'node:fs/promises'
import { posix } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { startAwsEmulator, type AwsEmulator } from '../emulator/aws-emulator.ts'
import { runAction, workspaceWith } from './run-action.ts'

const ROOT = new URL('../../', import.meta.url)
const DEMO_SBOM = new URL('../fixtures/demo/thermostat.cdx.json', import.meta.url)

interface Statement {
  Effect: 'Allow' | 'Deny'
  Action: string | string[]
  Resource: string | string[]
  Condition?: Record<string, Record<string, string | string[]>>
}
interface Policy {
  Statement: Statement[]
}
/** One authorization AWS makes: an action on a resource, with the request's condition keys. */
interface Check {
  action: string
  resource: string
  context: Record<string, string>
}

/** `<!-- <kind>: <name> … -->` followed by a fenced block: [name, the block's text], in order. */
function markedBlocks(markdown: string, kind: 'example' | 'iam-policy'): [string, string][] {
  const pattern = new RegExp(
    `<!-- ${kind}: ([a-z0-9-]+)[^>]*-->\\s*\`\`\`[a-z]+\\n([\\s\\S]*?)\\n\`\`\``,
    'g',
  )
  return [...markdown.matchAll(pattern)].map((match) => [match[1] ?? '', match[2] ?? ''])
}

/** README.md and every page of docs/, by path from the repository root. */
async function readPages(): Promise<Map<string, string>> {
  const docs = (await readdir(new URL('docs/', ROOT)))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`)
  const pages = new Map<string, string>()
  for (const page of ['README.md', ...docs])
    pages.set(page, await readFile(new URL(page, ROOT), 'utf8'))
  return pages
}

interface Marked {
  page: string
  text: string
}

/** The marked blocks of one kind across all pages, by name; a name marked twice fails. */
function markedAcross(pages: Map<string, string>, kind: 'example' | 'iam-policy') {
  const found = new Map<string, Marked>()
  for (const [page, markdown] of pages)
    for (const [name, text] of markedBlocks(markdown, kind)) {
      const earlier = found.get(name)
      expect(earlier, `${kind} "${name}" is marked in ${earlier?.page} and again in ${page}`).toBe(
        undefined,
      )
      found.set(name, { page, text })
    }
  return found
}

/** Whether `page` holds a Markdown link to `target` (both paths from the repository root). */
function linksTo(markdown: string, page: string, target: string): boolean {
  const relative = posix.relative(posix.dirname(page), target)
  return markdown.includes(`](${relative})`) || markdown.includes(`](${relative}#`)
}

interface Example {
  inputs: Record<string, string>
  region: string
  account: string
}

/** The action's `with:` and the region/account of the credentials step, from a workflow or a step list. */
function exampleOf(yamlText: string): Example {
  const document = parseYaml(yamlText) as unknown
  const steps: Record<string, unknown>[] = Array.isArray(document)
    ? (document as Record<string, unknown>[])
    : Object.values(
        ((document as { jobs?: Record<string, { steps?: Record<string, unknown>[] }> }).jobs ??
          {}) as Record<string, { steps?: Record<string, unknown>[] }>,
      ).flatMap((job) => job.steps ?? [])
  const ours = steps.find((step) => String(step.uses ?? '').includes('iot-sbom-action@'))
  const credentials = steps.find((step) =>
    String(step.uses ?? '').startsWith('aws-actions/configure-aws-credentials@'),
  )?.with as Record<string, string> | undefined
  const inputs = Object.fromEntries(
    Object.entries((ours?.with ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
  )
  return {
    inputs,
    region: credentials?.['aws-region'] ?? 'eu-west-1',
    account:
      /^arn:aws:iam::(\d{12}):/.exec(credentials?.['role-to-assume'] ?? '')?.[1] ?? '123456789012',
  }
}

/** What AWS authorizes for each request the emulator saw. */
function checksOf(aws: AwsEmulator, example: Example): Check[] {
  const checks: Check[] = []
  const iotArn = (path: string[]) =>
    `arn:aws:iot:${example.region}:${example.account}:package/${path[1]}${path[3] === undefined ? '' : `/version/${path[3]}`}`
  const s3Actions: Record<string, string> = {
    GetBucketVersioning: 's3:GetBucketVersioning',
    ListObjectsV2: 's3:ListBucket',
    ListObjectVersions: 's3:ListBucketVersions',
    PutObject: 's3:PutObject',
  }
  for (const request of aws.requests) {
    const url = new URL(request.path, 'http://emulator')
    const path = url.pathname.split('/').filter(Boolean).map(decodeURIComponent)
    if (request.service === 'iot') {
      checks.push({ action: `iot:${request.operation}`, resource: iotArn(path), context: {} })
      if (
        ['CreatePackage', 'CreatePackageVersion', 'UpdatePackageVersion'].includes(
          request.operation,
        )
      )
        checks.push({ action: 'iot:GetIndexingConfiguration', resource: '*', context: {} })
      continue
    }
    const [bucket = '', ...keyParts] = path
    const key = keyParts.join('/')
    const versioned = url.searchParams.has('versionId')
    const action =
      s3Actions[request.operation] ??
      (['HeadObject', 'GetObject'].includes(request.operation)
        ? versioned
          ? 's3:GetObjectVersion'
          : 's3:GetObject'
        : `s3:${request.operation}`)
    const context: Record<string, string> = {}
    const prefix = url.searchParams.get('prefix')
    if (prefix !== null) context['s3:prefix'] = prefix
    checks.push({
      action,
      resource: key === '' ? `arn:aws:s3:::${bucket}` : `arn:aws:s3:::${bucket}/${key}`,
      context,
    })
  }
  // AWS IoT reads the associated object with the caller's credentials.
  for (const association of aws.state.associations)
    checks.push({
      action: 's3:GetObjectVersion',
      resource: `arn:aws:s3:::${association.s3Location.bucket}/${association.s3Location.key}`,
      context: {},
    })
  return checks
}

const glob = (pattern: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  )
const list = (value: string | string[]) => (Array.isArray(value) ? value : [value])

/** Allow statements only (the README's policies have no Deny); StringLike/StringEquals conditions. */
function allows(policy: Policy, check: Check): boolean {
  return policy.Statement.some(
    (statement) =>
      statement.Effect === 'Allow' &&
      list(statement.Action).some((action) => glob(action).test(check.action)) &&
      list(statement.Resource).some((resource) => glob(resource).test(check.resource)) &&
      Object.entries(statement.Condition ?? {}).every(([operator, keys]) =>
        Object.entries(keys).every(([key, values]) => {
          const actual = check.context[key]
          if (actual === undefined) return false
          if (operator === 'StringLike') return list(values).some((v) => glob(v).test(actual))
          if (operator === 'StringEquals') return list(values).includes(actual)
          throw new Error(`the test does not evaluate condition operator ${operator}`)
        }),
      ),
  )
}

/** First publish, identical re-run, then the next version: every call the configuration makes. */
async function callsOf(example: Example): Promise<Check[]> {
  const create = example.inputs['create-package-version'] === 'true'
  const fromTag = example.inputs['version-name'] === undefined
  const versions = fromTag ? ['v2.4.0', 'v2.5.0'] : [example.inputs['version-name'] ?? '', '2.5.0']
  const strip = example.inputs['version-name-strip-prefix'] ?? ''
  const packageName = example.inputs['package-name'] ?? ''
  const aws = await startAwsEmulator({
    buckets: { [example.inputs['s3-bucket'] ?? '']: { versioning: 'Enabled' } },
    packages: create
      ? {}
      : { [packageName]: { versions: Object.fromEntries(versions.map((v) => [v, {}])) } },
  })
  try {
    for (const [index, version] of [versions[0], versions[0], versions[1]].entries()) {
      const run = await runAction({
        workspace: await workspaceWith({ [example.inputs.sbom ?? 'sbom.cdx.json']: DEMO_SBOM }),
        inputs: fromTag ? example.inputs : { ...example.inputs, 'version-name': version ?? '' },
        env: {
          ...aws.env,
          AWS_REGION: example.region,
          ...(fromTag ? { GITHUB_REF: `refs/tags/${version}` } : {}),
        },
      })
      expect(run.exitCode, `run ${index + 1}: ${run.stdout}`).toBe(0)
      // A permission the run lacks shows as a warning where the action goes on without it.
      const awsWarnings = run.warnings.filter((warning) => !warning.includes('not carried over'))
      expect(awsWarnings, `run ${index + 1} warned`).toEqual([])
    }
    if (fromTag) expect(strip === '' || versions[0]?.startsWith(strip)).toBe(true)
    return checksOf(aws, example)
  } finally {
    await aws.close()
  }
}

describe('README IAM policies', () => {
  it('every publishing example has a policy next to it, and each policy grants what its example calls', async () => {
    const pages = await readPages()
    const examples = markedAcross(pages, 'example')
    const policies = markedAcross(pages, 'iam-policy')
    expect([...policies.keys()].sort()).toEqual(['existing-version', 'release'])
    expect([...examples.keys()].sort()).toEqual(['existing-version', 'release'])
    for (const [name, { page, text: yamlText }] of examples) {
      const example = exampleOf(yamlText)
      if (example.inputs.mode === 'validate') continue
      const marked = policies.get(name)
      expect(marked, `example "${name}" (${page}) has no iam-policy block`).toBeDefined()
      // On the example's page, or on a page the example's page links to.
      if (marked !== undefined && marked.page !== page)
        expect(
          linksTo(pages.get(page) ?? '', page, marked.page),
          `example "${name}" is in ${page}, its policy in ${marked.page}, and ${page} does not link there`,
        ).toBe(true)
      const policy = JSON.parse(marked?.text ?? '{}') as Policy
      const checks = await callsOf(example)
      const missing = [
        ...new Set(
          checks
            .filter((check) => !allows(policy, check))
            .map((c) => `${c.action} on ${c.resource}`),
        ),
      ]
      expect(missing, `policy "${name}" misses`).toEqual([])
      // The checker itself can fail: without its last statement the policy must miss something.
      const weaker = { Statement: policy.Statement.slice(0, -1) }
      expect(
        checks.some((check) => !allows(weaker, check)),
        `policy "${name}" trimmed`,
      ).toBe(true)
    }
  }, 120_000)

  it('the checker refuses a condition key the request does not carry (IAM semantics)', () => {
    const policy: Policy = {
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:GetBucketVersioning', 's3:ListBucket'],
          Resource: 'arn:aws:s3:::b',
          Condition: { StringLike: { 's3:prefix': ['sbom/*'] } },
        },
      ],
    }
    expect(
      allows(policy, {
        action: 's3:ListBucket',
        resource: 'arn:aws:s3:::b',
        context: { 's3:prefix': 'sbom/p/' },
      }),
    ).toBe(true)
    expect(
      allows(policy, {
        action: 's3:ListBucket',
        resource: 'arn:aws:s3:::b',
        context: { 's3:prefix': 'other/' },
      }),
    ).toBe(false)
    expect(
      allows(policy, { action: 's3:GetBucketVersioning', resource: 'arn:aws:s3:::b', context: {} }),
    ).toBe(false)
  })
})
