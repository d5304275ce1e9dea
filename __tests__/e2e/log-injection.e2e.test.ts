// Hostile data must never drive the runner: file names, SBOM fields, lockfile entries and AWS's
// answers, with workflow commands injected after line breaks, reach the log of the bundled action.
// The runner reads a line as a command when it starts (after whitespace) with `::`, or when it
// holds `##[` anywhere; it splits lines on \n, \r and \r\n, and reads stderr as well as stdout.
import { readFile } from 'node:fs/promises'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { startAwsEmulator, type AwsEmulator } from '../emulator/aws-emulator.ts'
import { runAction, workspaceWith, type ActionRun } from './run-action.ts'

const DEMO_SBOM = new URL('../fixtures/demo/thermostat.cdx.json', import.meta.url)
const SPDX_SBOM = new URL('../fixtures/spdx/dependency-graph.spdx.json', import.meta.url)
const GITHUB_TOKEN = 'ghs_FakeGitHubTokenForTheLogGate0123456789'
const BASE = { 'package-name': 'thermostat-firmware', 'version-name': 'v2.4.0' }

/** Each run spawns the bundle a few times (~0.3 s each). */
// Each run spawns the bundle (twice in validate mode): seconds each on a loaded 2-core runner, so
// these properties get minutes, not the default minute.
const VALIDATE_RUNS = 20
const PUBLISH_RUNS = 5

// Every injected command carries `forged` or `pwned` in its name, properties or the start of
// its message, so a line the payload managed to turn into a command is recognisable.
const injectedCommand = fc.constantFrom(
  '::error::forged',
  '::error title=forged::pwned',
  '::warning title=forged,file=pwned::x',
  '::notice::forged',
  '::debug::forged',
  '::group::forged',
  '::add-mask::pwned',
  '::stop-commands::forged',
  '::set-output name=forged::pwned',
  '##[error]forged',
  '##[add-mask]pwned',
)
// '' puts the command mid-line, where only the legacy `##[` form works.
const lineBreak = fc.constantFrom('\n', '\r', '\r\n', '%0A', '%0D%0A', '')
const indent = fc.constantFrom('', ' ', '\t', ' \u00a0', '\u3000', '\u0085')
const filler = fc.string({ unit: 'grapheme', maxLength: 4 })
const injection = fc
  .tuple(filler, lineBreak, indent, injectedCommand, filler)
  .map((parts) => parts.join(''))
const payload = fc.array(injection, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(''))
/** A file name holds no `/` or NUL and at most 255 bytes. */
const fileNamePayload = injection.map((text) => text.replace(/[/\0]/g, '_'))

/** .NET's TrimStart (the runner) and JavaScript's trimStart, together. */
const trimBoth = (line: string) => line.replace(/^[\s\u0085]+/, '')

const COMMANDS = ['group', 'endgroup', 'debug', 'warning', 'error', 'notice', 'add-mask']

/** The runner's unescaping of a command property. */
const unescapeProperty = (value: string) =>
  value.replace(
    /%(0D|0A|3A|2C|25)/g,
    (_, code: string) => ({ '0D': '\r', '0A': '\n', '3A': ':', '2C': ',', '25': '%' })[code]!,
  )

/**
 * Every line the runner would read as a command is one the action issued: a known command,
 * written at the start of the line by @actions/core, at most a title as property (whose text,
 * like the message's, does not start with the payload), and add-mask only for the action's own
 * token. Returns the titles, for the caller to check.
 */
function expectOnlyOwnCommands(run: ActionRun): string[] {
  const titles: string[] = []
  for (const line of `${run.stdout}\n${run.stderr}`.split(/\r\n|\r|\n/)) {
    expect(line, 'the legacy command form').not.toContain('##[')
    if (!trimBoth(line).startsWith('::')) continue
    const command = /^::([^\s:]+)(?: ([^:]*))?::(.*)$/.exec(line)
    expect(command, `a command line the action did not write: ${JSON.stringify(line)}`).not.toBe(
      null,
    )
    const [, name, properties = '', message] = command!
    expect(COMMANDS, line).toContain(name)
    expect(message, line).not.toMatch(/^\s*(forged|pwned)/)
    if (name === 'add-mask') expect(message).toBe(GITHUB_TOKEN)
    if (properties === '') continue
    const title = /^title=([^,]*)$/.exec(properties)
    expect(title, `properties the action did not set: ${line}`).not.toBe(null)
    const text = unescapeProperty(title![1]!)
    expect(text, line).not.toMatch(/^\s*(forged|pwned)/)
    titles.push(text)
  }
  return titles
}

/** The payload reached the log: otherwise the test would prove nothing about that path. */
function expectLogged(run: ActionRun, marker: string): void {
  expect(run.stdout, `nothing from ${marker} reached the log`).toContain(marker)
}

describe('hostile data in every log path (mode: validate)', () => {
  it('file names, CycloneDX and SPDX fields, unknown fields: no forged command', async () => {
    const demo = await readFile(DEMO_SBOM, 'utf8')
    const spdx = await readFile(SPDX_SBOM, 'utf8')
    await fc.assert(
      fc.asyncProperty(
        fileNamePayload,
        fc.array(payload, { minLength: 7, maxLength: 7 }),
        async (inName, [meta, name, version, description, unknown, spdxRoot, spdxPackage]) => {
          const bom = JSON.parse(demo)
          bom.metadata.component.name = `META${meta}`
          Object.assign(bom.components[0], {
            name: `NAME${name}`,
            version: `VERSION${version}`,
            description: `DESCRIPTION${description}`,
          })
          // Not in the CycloneDX model: reported as 'not carried over', field name and all.
          bom.components[1][`UNKNOWN${unknown}`] = 'x'
          const document = JSON.parse(spdx)
          document.packages[0].name = `SPDXROOT${spdxRoot}`
          document.packages[1].name = `SPDXPKG${spdxPackage}`
          const files = {
            'x\n::error title=forged::pwned.cdx.json': JSON.stringify(bom),
            '::warning title=x::forged.cdx.json': JSON.stringify(bom),
            [`FILE${inName}.cdx.json`]: JSON.stringify(bom),
            'dependency-graph.spdx.json': JSON.stringify(document),
          }
          const inputs = { ...BASE, mode: 'validate', sbom: '*.cdx.json\n*.spdx.json' }

          const run = await runAction({
            workspace: await workspaceWith(files),
            inputs: { ...inputs, 'github-token': GITHUB_TOKEN },
            env: { RUNNER_DEBUG: '1' },
          })
          expect(run.exitCode, run.stdout).toBe(0)
          const titles = expectOnlyOwnCommands(run)
          expect(new Set(titles)).toEqual(
            new Set([
              'Input is not valid CycloneDX JSON 1.5',
              'SBOM data not carried over',
              'SBOM fields CycloneDX 1.4 cannot hold',
            ]),
          )
          expect(run.errors).toEqual([])
          for (const marker of ['FILE', 'META', 'UNKNOWN', 'SPDXROOT', 'pwned.cdx.json'])
            expectLogged(run, marker)

          // The same data stops the run under strict-normalization: the error path, too.
          const failed = await runAction({
            workspace: await workspaceWith(files),
            inputs: { ...inputs, 'strict-normalization': 'true' },
          })
          expect(failed.exitCode, failed.stdout).toBe(1)
          expectOnlyOwnCommands(failed)
          expect(failed.errors).toHaveLength(1)
          expect(failed.errors[0]).toContain('strict-normalization is on')
          expect(failed.summary).toContain('strict-normalization is on')
        },
      ),
      { numRuns: VALIDATE_RUNS },
    )
  }, 300_000)

  it('npm lockfile dependency and package names (generator npm): no forged command', async () => {
    await fc.assert(
      fc.asyncProperty(payload, payload, async (dependency, folder) => {
        const lockfile = {
          name: 'thermostat-app',
          version: '1.0.0',
          lockfileVersion: 3,
          requires: true,
          packages: {
            '': {
              name: 'thermostat-app',
              version: '1.0.0',
              // Not in `packages`: named in the note about missing edges.
              dependencies: { [`DEPENDENCY${dependency}`]: '^1.0.0', mqtt: '5.10.1' },
            },
            'node_modules/mqtt': { version: '5.10.1' },
            [`node_modules/FOLDER${folder}`]: { version: '2.0.0' },
          },
        }
        const run = await runAction({
          workspace: await workspaceWith({ 'package-lock.json': JSON.stringify(lockfile) }),
          inputs: { ...BASE, mode: 'validate', generator: 'npm', 'github-token': GITHUB_TOKEN },
          env: { RUNNER_DEBUG: '1' },
        })
        expect(run.exitCode, run.stdout).toBe(0)
        expectOnlyOwnCommands(run)
        expectLogged(run, 'DEPENDENCY')
      }),
      { numRuns: VALIDATE_RUNS },
    )
  }, 300_000)
})

describe("AWS's answers and credentials (mode: publish, against the emulator)", () => {
  const credentials = {
    AWS_ACCESS_KEY_ID: 'AKIAFAKEKEYFORLOGGATE',
    AWS_SECRET_ACCESS_KEY: 'fake/secret+access+key+for+the+log+gate+0123',
    // Known to the action only as a value: no shape of a real token.
    AWS_SESSION_TOKEN: 'fakeSessionTokenForTheLogGate/with+base64=chars0123456789',
    ACTIONS_RUNTIME_TOKEN: 'fake-actions-runtime-token-0123456789',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'fake-id-token-request-token-0123456789',
  }
  // Never given to the action: only its shape can give it away.
  const unknownSessionToken = `IQoJb3JpZ2luX2VjEFakeUnknown${'A1b2/C3d4+'.repeat(6)}==`
  const echoedCredentials =
    ` X-Amz-Security-Token=${encodeURIComponent(credentials.AWS_SESSION_TOKEN)}` +
    ` token ${credentials.AWS_SESSION_TOKEN} ${unknownSessionToken}` +
    ` Authorization: AWS4-HMAC-SHA256 Credential=${credentials.AWS_ACCESS_KEY_ID}/20260101/us-east-1/iot/aws4_request, Signature=0f1e`

  let emulator: AwsEmulator | undefined
  afterEach(async () => {
    await emulator?.close()
    emulator = undefined
  })

  function expectNoCredentials(run: ActionRun): void {
    const everything = [run.stdout, run.stderr, run.summary, JSON.stringify(run.outputs)]
      .join('\n')
      .split('\n')
      // The runner learns the token it must hide from this line.
      .filter((line) => line !== `::add-mask::${GITHUB_TOKEN}`)
      .join('\n')
    for (const secret of [...Object.values(credentials), GITHUB_TOKEN, unknownSessionToken]) {
      expect(everything).not.toContain(secret)
      expect(everything).not.toContain(encodeURIComponent(secret))
    }
    expect(everything).not.toContain('Signature=0f1e')
  }

  async function publish(env: Record<string, string> = {}): Promise<ActionRun> {
    return runAction({
      workspace: await workspaceWith({ 'build/sbom.cdx.json': DEMO_SBOM }),
      inputs: {
        ...BASE,
        sbom: 'build/sbom.cdx.json',
        's3-bucket': 'acme-sboms',
        'github-token': GITHUB_TOKEN,
      },
      env: {
        ...emulator!.env,
        ...credentials,
        ACTIONS_STEP_DEBUG: 'true',
        RUNNER_DEBUG: '1',
        ...env,
      },
    })
  }

  it('a FAILED validation whose file name, message and error reason carry commands and credentials', async () => {
    await fc.assert(
      fc.asyncProperty(payload, payload, payload, async (fileName, message, reason) => {
        emulator = await startAwsEmulator({
          buckets: { 'acme-sboms': { versioning: 'Enabled' } },
          packages: { [BASE['package-name']]: { versions: { [BASE['version-name']]: {} } } },
          validation: {
            outcome: 'FAILED',
            afterPolls: 0,
            failures: [
              {
                fileName: `FILE${fileName}`,
                errorCode: 'INCOMPATIBLE_FORMAT',
                errorMessage: `MESSAGE${message}${echoedCredentials}`,
              },
            ],
            errorReason: `REASON${reason}${echoedCredentials}`,
          },
        })
        const run = await publish()
        await emulator.close()
        emulator = undefined
        expect(run.exitCode, run.stdout).toBe(1)
        const titles = expectOnlyOwnCommands(run)
        for (const title of titles)
          expect(title).toMatch(
            /^(SBOM data not carried over|SBOM fields CycloneDX 1\.4 cannot hold|AWS IoT package version error|AWS IoT SBOM validation failed for FILE)/,
          )
        expect(run.errors.join('\n')).toContain('MESSAGE')
        expect(run.errors.join('\n')).toContain('REASON')
        expect(run.summary).toContain('MESSAGE')
        expectNoCredentials(run)
      }),
      { numRuns: PUBLISH_RUNS },
    )
  }, 300_000)

  it('an AWS error (IAM denial), with debug logging on, prints no credentials', async () => {
    emulator = await startAwsEmulator({
      buckets: { 'acme-sboms': { versioning: 'Enabled' } },
      packages: { [BASE['package-name']]: { versions: { [BASE['version-name']]: {} } } },
      deny: [{ operation: 'AssociateSbomWithPackageVersion' }],
    })
    const run = await publish()
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(/AssociateSbomWithPackageVersion/)
    expectOnlyOwnCommands(run)
    expectNoCredentials(run)
  })
})
