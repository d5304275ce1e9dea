import * as core from '@actions/core'
import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  makeCommandTextGate,
  makeGate,
  neutralizeForLog,
  redactSecrets,
  secretsFromEnv,
} from '../../src/shared/log-gate.ts'

const RUNS = 2_000

/** How the runner splits its input into lines. */
const LINE_BREAK = /\r\n|\r|\n/

// Pieces a hostile file name, SBOM field or lockfile would use to forge a command, mixed with
// arbitrary text: line breaks before `::`, already-escaped breaks, the legacy form, the escape
// characters themselves, whitespace the runner or JavaScript trims, and non-ASCII.
const hostilePiece = fc.oneof(
  fc.constantFrom(
    '\n::',
    '\r::',
    '\r\n::',
    '%0A::',
    '%0D%0A::',
    '##[',
    '##[error]forged',
    '#',
    '##',
    '[',
    '::',
    ':',
    '%',
    '%25',
    '%3A',
    '%23',
    '%0A',
    '::error title=forged::pwned',
    '::add-mask::x',
    '::stop-commands::abc',
    ' ',
    '\t',
    '\v',
    '\f',
    '\u00a0',
    '\u0085',
    '\u2028',
    '\u3000',
    '\ufeff',
    'é',
    '😀',
    'x',
  ),
  fc.string({ unit: 'binary', maxLength: 8 }),
)
const hostileText = fc.array(hostilePiece, { maxLength: 24 }).map((pieces) => pieces.join(''))

/** The runner's TrimStart (.NET whitespace) and JavaScript's, together. */
const trimBoth = (line: string) => line.replace(/^[\s\u0085]+/, '')

/** Text the gate has nothing to change in: no line break, no leading `::`, no `##[`. */
const isPlain = (text: string) =>
  !/[\r\n]/.test(text) && !trimBoth(text).startsWith('::') && !text.includes('##[')

describe('neutralizeForLog', () => {
  it('gives one line that is never a workflow command, and plain text unchanged', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const line = neutralizeForLog(text)
        expect(line.split(LINE_BREAK)).toHaveLength(1)
        expect(trimBoth(line).startsWith('::')).toBe(false)
        expect(line).not.toContain('##[')
        if (isPlain(text)) expect(line).toBe(text)
      }),
      { numRuns: RUNS },
    )
  })

  it('escapes like the runner, and only the leading `::`', () => {
    expect(neutralizeForLog('a\nb\rc%d')).toBe('a%0Ab%0Dc%d')
    // A purl is shown as written: the runner does not decode a plain line.
    expect(neutralizeForLog('pkg:npm/%40acme/x@1')).toBe('pkg:npm/%40acme/x@1')
    expect(neutralizeForLog(' \t::error::x::y')).toBe(' \t%3A%3Aerror::x::y')
    expect(neutralizeForLog('x\n::error title=forged::pwned')).toBe(
      'x%0A::error title=forged::pwned',
    )
    expect(neutralizeForLog('see ##[error]x and ###[')).toBe('see %23%23[error]x and #%23%23[')
    expect(neutralizeForLog('\u0085::x')).toBe('\u0085%3A%3Ax')
    expect(neutralizeForLog('plain text: a::b')).toBe('plain text: a::b')
  })
})

describe('what @actions/core writes for gated text', () => {
  let written: string[] = []
  afterEach(() => {
    vi.restoreAllMocks()
    written = []
  })
  const captureStdout = () =>
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk))
      return true
    })
  const gateLine = makeGate([])
  const gateCommandText = makeCommandTextGate([])
  /** The runner's unescaping of a command property. */
  const unescapeProperty = (value: string) =>
    value.replace(
      /%(0D|0A|3A|2C|25)/g,
      (_, code: string) => ({ '0D': '\r', '0A': '\n', '3A': ':', '2C': ',', '25': '%' })[code]!,
    )

  it('core.info, core.warning with a title, core.error, core.debug and group titles: one line each, only our command', () => {
    captureStdout()
    fc.assert(
      fc.property(hostileText, hostileText, (message, title) => {
        written = []
        core.info(gateLine(message))
        core.warning(gateCommandText(message), { title: gateCommandText(title) })
        core.error(gateCommandText(message), { title: gateCommandText(title) })
        core.debug(gateCommandText(message))
        core.startGroup(gateCommandText(title))
        const lines = written.join('').split(LINE_BREAK)
        expect(lines.pop()).toBe('')
        expect(lines).toHaveLength(5)
        for (const line of lines) expect(line).not.toContain('##[')
        expect(trimBoth(lines[0]!).startsWith('::')).toBe(false)
        const [warning, error, debug, group] = lines.slice(1)
        for (const [line, command] of [
          [warning, 'warning'],
          [error, 'error'],
        ] as const) {
          const match = /^::(\w+)(?: (?:title=([^:,]*))?)?::/.exec(line!)
          expect(match?.[1]).toBe(command)
          // The title the runner shows is the gated title, whatever it contained.
          expect(unescapeProperty(match?.[2] ?? '')).toBe(gateCommandText(title))
        }
        expect(debug!.startsWith('::debug::')).toBe(true)
        expect(group!.startsWith('::group::')).toBe(true)
      }),
      { numRuns: RUNS },
    )
  })
})

describe('redactSecrets', () => {
  const shapes: [string, string][] = [
    ['ghp_' + 'a1B2'.repeat(9), 'a GitHub personal token'],
    ['gho_' + 'Z'.repeat(36), 'a GitHub OAuth token'],
    ['ghu_' + '0'.repeat(40), 'a GitHub user-to-server token'],
    ['ghs_' + 'x9'.repeat(18), 'a GitHub Actions token'],
    ['ghr_' + 'Q'.repeat(36), 'a GitHub refresh token'],
    ['github_pat_' + '11ABCDEFG0_abcdefghijkl', 'a fine-grained GitHub token'],
    ['AKIAIOSFODNN7EXAMPLE', 'an AWS access key id'],
    ['ASIAY34FZKBOKMUTVV7A', 'a temporary AWS access key id'],
    ['IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+abc==', 'a session token'],
    ['FwoGZXIvYXdzEBYaDHhBTEXAMPLEEXAMPLEEXAMPLE0123456789abcdef', 'an older session token'],
    ['IQoJb3JpZ2luX2VjEJr%2F%2F%2F%2F%2F%2F%2F%2F%2FwEaCXVzLWVhc3QtMSJHMEUC%3D', 'an encoded one'],
  ]
  it.each(shapes)('redacts %s (%s)', (secret) => {
    for (const text of [secret, `before ${secret} after`, `"${secret}"`, `(${secret}).`]) {
      const redacted = redactSecrets(text, [])
      expect(redacted).not.toContain(secret)
      expect(redacted).toContain('***')
    }
  })

  it.each([
    ['X-Amz-Security-Token: abc/def+ghi=', 'X-Amz-Security-Token: ***'],
    ['x-amz-security-token=abc%2Fdef&X-Amz-Date=1', 'x-amz-security-token=***&X-Amz-Date=1'],
    ['{"x-amz-security-token":"abc/def"}', '{"x-amz-security-token":"***"}'],
    [
      'Authorization: AWS4-HMAC-SHA256 Credential=KEY/20250101/us-east-1/s3/aws4_request, Signature=0f\nnext',
      'Authorization: ***\nnext',
    ],
    ['{"authorization":"Bearer abc.def"}', '{"authorization":"***"}'],
  ])('redacts the value of a credential field: %j', (text, redacted) => {
    expect(redactSecrets(text, [])).toBe(redacted)
  })

  it('leaves ordinary text alone', () => {
    for (const text of [
      'User is not authorized to perform: iot:GetPackage',
      'AKIA is a prefix; AKIASHORT is not a key id',
      'pkg:npm/ghp_short@1.0.0',
      'sha256 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
      'Authorization header is missing',
    ])
      expect(redactSecrets(text, [])).toBe(text)
  })

  it('redacts known values of 8 or more characters, raw, URL- and JSON-escaped', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', minLength: 8, maxLength: 40 }).filter((s) => s.trim() === s),
        hostileText,
        hostileText,
        (secret, before, after) => {
          for (const spelling of [
            secret,
            encodeURIComponent(secret),
            JSON.stringify(secret).slice(1, -1),
          ]) {
            const redacted = redactSecrets(`${before}${spelling}${after}`, [secret])
            expect(redacted).not.toContain(spelling)
          }
        },
      ),
      { numRuns: RUNS },
    )
  })

  it('ignores known values under 8 characters, and redacts the longest value first', () => {
    expect(redactSecrets('a short1 value', ['short1'])).toBe('a short1 value')
    expect(redactSecrets('key=secret-value-one', ['secret-value', 'secret-value-one'])).toBe(
      'key=***',
    )
  })
})

describe('makeGate', () => {
  it('redacts before it escapes, so a secret with line breaks or % is still found', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(hostileText, fc.string({ unit: 'binary', minLength: 8, maxLength: 30 }))
          .map(([noise, tail]) => `${noise}${tail}`)
          .filter((s) => s.trim() === s && s.length >= 8),
        hostileText,
        (secret, text) => {
          const line = makeGate([secret])(`${text}${secret}${text}`)
          expect(line).not.toContain(neutralizeForLog(secret))
          expect(line.split(LINE_BREAK)).toHaveLength(1)
          expect(line).not.toContain('##[')
        },
      ),
      { numRuns: RUNS },
    )
  })

  it('gated command text keeps % and line breaks for @actions/core to escape', () => {
    const gate = makeCommandTextGate(['secret-value-1'])
    expect(gate('100%\nsecret-value-1 ##[x')).toBe('100%\n*** %23%23[x')
  })
})

describe('secretsFromEnv', () => {
  it('reads the credentials the runner and the action hold, and nothing else', () => {
    expect(
      secretsFromEnv({
        AWS_SECRET_ACCESS_KEY: 'a',
        AWS_SESSION_TOKEN: 'b',
        AWS_ACCESS_KEY_ID: 'c',
        ACTIONS_RUNTIME_TOKEN: 'd',
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'e',
        GITHUB_TOKEN: 'f',
        'INPUT_GITHUB-TOKEN': 'g',
        AWS_REGION: 'eu-west-1',
        AWS_SECRET_EMPTY: '',
      }).sort(),
    ).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g'])
  })
})
