import { describe, expect, it } from 'vitest'
import { readConfig, type PublishConfig, type ValidateConfig } from '../../src/config/config.ts'
import type { RunContext } from '../../src/context/run-context.ts'
import { ConfigError } from '../../src/shared/errors.ts'

const SHA = 'a'.repeat(40)
const context: RunContext = {
  sha: SHA,
  shaSource: 'GITHUB_SHA',
  ref: 'refs/heads/main',
  eventName: 'push',
  repository: 'acme/thermostat',
  serverUrl: 'https://github.com',
  runId: '1',
  runAttempt: '1',
  apiUrl: 'https://api.github.com',
  defaultBranch: 'main',
  workspace: '/tmp',
  commitTime: undefined,
}
const required = {
  'package-name': 'thermostat-firmware',
  'version-name': 'v2.4.0',
  sbom: 'build/sbom.cdx.json',
  's3-bucket': 'acme-sboms',
}
const env = { AWS_REGION: 'eu-west-1' }

function configWith(inputs: Record<string, string>, runContext: RunContext = context) {
  return readConfig((name) => inputs[name] ?? '', runContext, env)
}

function publishConfigWith(
  inputs: Record<string, string>,
  runContext: RunContext = context,
): PublishConfig {
  const config = configWith(inputs, runContext)
  if (config.mode !== 'publish') throw new Error(`expected mode publish, got ${config.mode}`)
  return config
}

function validateConfigWith(inputs: Record<string, string>): ValidateConfig {
  const config = configWith({ ...inputs, mode: 'validate' })
  if (config.mode !== 'validate') throw new Error(`expected mode validate, got ${config.mode}`)
  return config
}

function problemsOf(inputs: Record<string, string>, runContext: RunContext = context): string[] {
  try {
    configWith(inputs, runContext)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return [...(error as ConfigError).problems]
  }
  throw new Error('expected a ConfigError')
}

describe('readConfig', () => {
  it('applies the documented defaults', () => {
    const config = publishConfigWith(required)
    expect(config).toMatchObject({
      specVersion: '1.4',
      archive: 'zip',
      mode: 'publish',
      clientToken: SHA,
      createPackageVersion: false,
      publishPackageVersion: false,
      waitForValidation: true,
      validationTimeoutSeconds: 600,
      failOnValidationFailure: true,
      region: 'eu-west-1',
    })
    expect(config.s3).toEqual({
      bucket: 'acme-sboms',
      key: `sbom/thermostat-firmware/v2.4.0/${SHA}.zip`,
      packagePrefix: 'sbom/thermostat-firmware/',
      sse: undefined,
      kmsKeyId: undefined,
    })
    expect(validateConfigWith(required).wouldUploadTo).toEqual({
      bucket: 'acme-sboms',
      key: config.s3.key,
    })
    expect(Object.isFrozen(config)).toBe(true)
  })

  it('names a plain JSON artifact .cdx.json and honours the prefix', () => {
    const config = publishConfigWith({
      ...required,
      'sbom-archive': 'json',
      's3-key-prefix': 'fw/sboms/',
    })
    expect(config.s3.key).toBe(`fw/sboms/thermostat-firmware/v2.4.0/${SHA}.cdx.json`)
  })

  it('takes the version from a tag ref', () => {
    const { 'version-name': _, ...withoutVersion } = required
    const config = configWith(withoutVersion, { ...context, ref: 'refs/tags/v3.0.1' })
    expect(config.versionName).toBe('v3.0.1')
  })

  it('lists every problem at once', () => {
    const problems = problemsOf({
      'package-name': 'bad name!',
      'version-name': 'x'.repeat(65),
      generator: 'syft',
      'cyclonedx-spec-version': '1.1',
      's3-bucket': 'Bad_Bucket',
      'wait-for-validation': 'yes',
      'validation-timeout-seconds': '0',
      mode: 'publsh',
    })
    expect(problems).toHaveLength(8)
    expect(problems.join('\n')).toMatch(/package-name "bad name!"/)
    expect(problems.join('\n')).toMatch(/version-name "x{65}"/)
    expect(problems.join('\n')).toMatch(
      /generator "syft" must be one of: auto, npm, github-dependency-graph, command/,
    )
    expect(problems.join('\n')).toMatch(
      /cyclonedx-spec-version "1.1" is not supported: use one of 1.2, 1.3, 1.4, 1.5, 1.6, 1.7/,
    )
    expect(problems.join('\n')).toMatch(/wait-for-validation "yes" must be true or false/)
    expect(problems.join('\n')).toMatch(/mode "publsh" must be one of: publish, validate/)
  })

  it('refuses a short SHA as client token and says why', () => {
    const [problem] = problemsOf({ ...required, 'client-token': 'abc1234' })
    expect(problem).toMatch(/36–64 characters/)
    expect(problem).toMatch(/short commit SHA/)
  })

  it('refuses a missing version on a branch ref, naming the ref', () => {
    const { 'version-name': _, ...withoutVersion } = required
    expect(problemsOf(withoutVersion)).toEqual([expect.stringContaining('refs/heads/main')])
  })

  it('refuses a tag that cannot be a version name', () => {
    const { 'version-name': _, ...withoutVersion } = required
    const problems = problemsOf(withoutVersion, { ...context, ref: 'refs/tags/release/2.0' })
    expect(problems[0]).toMatch(/taken from refs\/tags\/release\/2.0/)
  })

  it('needs a bucket and a region to publish but not to validate', () => {
    const { 's3-bucket': _, ...withoutBucket } = required
    const problems = (() => {
      try {
        readConfig((name) => ({ ...withoutBucket })[name] ?? '', context, {})
      } catch (error) {
        return (error as ConfigError).problems
      }
      return []
    })()
    expect(problems).toEqual([
      expect.stringContaining('s3-bucket is required'),
      expect.stringContaining('aws-region is required'),
    ])
    const validate = readConfig(
      (name) => ({ ...withoutBucket, mode: 'validate' })[name] ?? '',
      context,
      {},
    )
    expect(validate).toMatchObject({
      mode: 'validate',
      region: undefined,
      wouldUploadTo: { bucket: undefined, key: `sbom/thermostat-firmware/v2.4.0/${SHA}.zip` },
    })
    expect(validate).not.toHaveProperty('s3')
  })

  it('accepts booleans case-insensitively, nothing else', () => {
    expect(configWith({ ...required, 'create-package-version': 'TRUE' }).createPackageVersion).toBe(
      true,
    )
    expect(problemsOf({ ...required, 'create-package-version': '1' })[0]).toMatch(
      /must be true or false/,
    )
  })

  it('refuses a non-hex commit SHA', () => {
    expect(problemsOf(required, { ...context, sha: '' })[0]).toMatch(
      /not a full hexadecimal commit id/,
    )
  })

  it('implies aws:kms when a KMS key is given and refuses the contradiction', () => {
    expect(publishConfigWith({ ...required, 's3-kms-key-id': 'alias/sbom' }).s3.sse).toBe('aws:kms')
    expect(
      problemsOf({ ...required, 's3-kms-key-id': 'alias/sbom', 's3-sse': 'AES256' })[0],
    ).toMatch(/s3-sse: aws:kms/)
  })

  it('refuses a key prefix that escapes or starts with a slash', () => {
    expect(problemsOf({ ...required, 's3-key-prefix': '../x/' })[0]).toMatch(/s3-key-prefix/)
    expect(problemsOf({ ...required, 's3-key-prefix': '/abs/' })[0]).toMatch(/s3-key-prefix/)
  })

  it('needs waiting to publish', () => {
    expect(
      problemsOf({
        ...required,
        'publish-package-version': 'true',
        'wait-for-validation': 'false',
      })[0],
    ).toMatch(/publish-package-version/)
  })
})

describe('readConfig: validation policy inputs', () => {
  it('defaults to warn / not strict and refuses other values', () => {
    expect(configWith(required)).toMatchObject({
      inputValidation: 'warn',
      strictNormalization: false,
    })
    expect(
      configWith({ ...required, 'input-validation': 'strict', 'strict-normalization': 'true' }),
    ).toMatchObject({
      inputValidation: 'strict',
      strictNormalization: true,
    })
    expect(problemsOf({ ...required, 'input-validation': 'lenient' })[0]).toMatch(
      /input-validation "lenient" must be one of: warn, strict/,
    )
  })
})

describe('generator inputs', () => {
  const { sbom: _, ...noSbom } = required

  it('defaults to auto with no sbom: the source stage chooses npm or the dependency graph', () => {
    const config = configWith(noSbom)
    expect(config.generator).toBe('auto')
    expect(config.sbomPatterns).toEqual([])
    expect(config.workingDirectory).toBe('.')
    expect(config.includeDev).toBe(false)
  })

  it('reads npm with include-dev and a working directory', () => {
    const config = configWith({
      ...noSbom,
      generator: 'npm',
      'include-dev': 'true',
      'working-directory': 'firmware/web',
    })
    expect(config).toMatchObject({
      generator: 'npm',
      includeDev: true,
      workingDirectory: 'firmware/web',
    })
  })

  it('needs generator-command and sbom for command, and refuses a command without it', () => {
    expect(problemsOf({ ...noSbom, generator: 'command' })).toEqual([
      expect.stringMatching(/generator: command needs generator-command/),
      expect.stringMatching(/generator: command needs sbom: the path of the file/),
    ])
    expect(problemsOf({ ...required, 'generator-command': 'syft . -o cyclonedx-json' })).toEqual([
      expect.stringMatching(/generator-command is set but generator is "auto"/),
    ])
    const config = configWith({
      ...required,
      generator: 'command',
      'generator-command': 'syft . -o cyclonedx-json=build/sbom.cdx.json',
    })
    expect(config.generatorCommand).toBe('syft . -o cyclonedx-json=build/sbom.cdx.json')
  })

  it('refuses sbom together with a generator that makes its own, inspector, and escaping directories', () => {
    expect(problemsOf({ ...required, generator: 'npm' })).toEqual([
      expect.stringMatching(/sbom is set, so there is nothing for generator "npm" to do/),
    ])
    expect(problemsOf({ ...noSbom, 'working-directory': '../elsewhere' })[0]).toMatch(
      /working-directory "..\/elsewhere" must be a path inside the workspace/,
    )
    expect(problemsOf({ ...noSbom, 'working-directory': '/etc' })[0]).toMatch(
      /working-directory "\/etc"/,
    )
    expect(problemsOf({ ...noSbom, 'include-dev': 'yes' })[0]).toMatch(
      /include-dev "yes" must be true or false/,
    )
  })
})

describe('max-sbom-size-mb', () => {
  it('defaults to 100 MB and accepts fractions up to 512', () => {
    expect(configWith(required).maxSbomBytes).toBe(100 * 1024 * 1024)
    expect(configWith({ ...required, 'max-sbom-size-mb': '0.5' }).maxSbomBytes).toBe(512 * 1024)
    expect(configWith({ ...required, 'max-sbom-size-mb': '512' }).maxSbomBytes).toBe(
      512 * 1024 * 1024,
    )
  })

  it.each(['0', '513', '-1', '1e3', 'lots'])('refuses %s', (value) => {
    expect(problemsOf({ ...required, 'max-sbom-size-mb': value })).toEqual([
      expect.stringMatching(
        /max-sbom-size-mb ".*" must be a number of megabytes above 0 and at most 512/,
      ),
    ])
  })
})

describe('version-name from the tag', () => {
  const { 'version-name': _, ...noVersion } = required
  const onTag = (tag: string) => ({ ...context, ref: `refs/tags/${tag}` })

  it('strips version-name-strip-prefix from the tag, never from an explicit version-name', () => {
    expect(
      configWith({ ...noVersion, 'version-name-strip-prefix': 'v' }, onTag('v2.4.0')).versionName,
    ).toBe('2.4.0')
    expect(
      configWith({ ...noVersion, 'version-name-strip-prefix': 'v' }, onTag('2.4.0')).versionName,
    ).toBe('2.4.0')
    expect(
      configWith({ ...required, 'version-name-strip-prefix': 'v' }, onTag('v9.9.9')).versionName,
    ).toBe('v2.4.0')
    expect(
      configWith({ ...noVersion, 'version-name-strip-prefix': 'release/' }, onTag('release/3.1'))
        .versionName,
    ).toBe('3.1')
  })

  it('refuses a tag that cannot be a version name, saying where it came from', () => {
    expect(problemsOf(noVersion, onTag('release/3.1'))).toEqual([
      expect.stringMatching(
        /version-name "release\/3.1" \(taken from refs\/tags\/release\/3.1\) is not a valid IoT package version name.*set version-name/,
      ),
    ])
    expect(problemsOf({ ...noVersion, 'version-name-strip-prefix': 'v' }, onTag('v'))).toEqual([
      expect.stringMatching(/the tag "v" is nothing but version-name-strip-prefix "v"/),
    ])
  })
})

describe('generator inspector', () => {
  const { sbom: _, ...noSbom } = required
  const kms = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'

  it('builds the resource filter from the shorthands and the JSON, with defaults for the rest', () => {
    const config = configWith({
      ...noSbom,
      generator: 'inspector',
      'inspector-ecr-repository': 'gateway',
      'inspector-ecr-image-tag': 'v2.4.0',
      'inspector-resource-filter': '{"accountId":[{"comparison":"EQUALS","value":"123456789012"}]}',
      'inspector-kms-key-arn': kms,
    })
    expect(config.inspector).toEqual({
      filter: {
        accountId: [{ comparison: 'EQUALS', value: '123456789012' }],
        ecrRepositoryName: [{ comparison: 'EQUALS', value: 'gateway' }],
        ecrImageTags: [{ comparison: 'EQUALS', value: 'v2.4.0' }],
      },
      reportFormat: 'CYCLONEDX_1_4',
      kmsKeyArn: kms,
      bucket: 'acme-sboms',
      keyPrefix: 'inspector-sbom/',
      timeoutSeconds: 600,
      region: 'eu-west-1',
    })
  })

  it('refuses a missing filter, a bad filter, a missing or malformed key, and a lone tag, all at once', () => {
    expect(problemsOf({ ...noSbom, generator: 'inspector' })).toEqual([
      expect.stringMatching(/needs a resource filter, or it would export every resource/),
      expect.stringMatching(/needs inspector-kms-key-arn/),
    ])
    const problems = problemsOf({
      ...noSbom,
      generator: 'inspector',
      'inspector-resource-filter': '{"imageName":[{"comparison":"EQUALS","value":"x"}]}',
      'inspector-ecr-image-tag': 'latest',
      'inspector-kms-key-arn': 'alias/mine',
      'inspector-report-format': 'SWID',
    })
    expect(problems.join('\n')).toMatch(/field "imageName" must be one of accountId/)
    expect(problems.join('\n')).toMatch(/inspector-ecr-image-tag needs inspector-ecr-repository/)
    expect(problems.join('\n')).toMatch(/inspector-kms-key-arn "alias\/mine" is not a KMS key ARN/)
    expect(problems.join('\n')).toMatch(
      /inspector-report-format "SWID" must be one of: CYCLONEDX_1_4, SPDX_2_3/,
    )
    expect(
      problemsOf({
        ...noSbom,
        generator: 'inspector',
        'inspector-lambda-function': 'f',
        'inspector-kms-key-arn': kms,
        'inspector-resource-filter': '{oops',
      })[0],
    ).toMatch(/inspector-resource-filter is not valid JSON/)
  })

  it('needs a region even in validate mode, since Inspector is called', () => {
    expect(
      configWith({
        ...noSbom,
        mode: 'validate',
        generator: 'inspector',
        'inspector-lambda-function': 'f',
        'inspector-kms-key-arn': kms,
      }).inspector,
    ).toMatchObject({
      filter: { lambdaFunctionName: [{ comparison: 'EQUALS', value: 'f' }] },
      region: 'eu-west-1',
    })
    const withoutRegion = readConfigProblems({
      ...noSbom,
      mode: 'validate',
      generator: 'inspector',
      'inspector-lambda-function': 'f',
      'inspector-kms-key-arn': kms,
      's3-bucket': 'acme-sboms',
    })
    expect(withoutRegion).toEqual([
      expect.stringMatching(/aws-region is required for generator: inspector/),
    ])
  })
})

function readConfigProblems(inputs: Record<string, string>): string[] {
  try {
    readConfig((name) => inputs[name] ?? '', context, {})
    return []
  } catch (error) {
    return (error as ConfigError).problems as string[]
  }
}

describe('OCSF output', () => {
  it('reads ocsf-output and its S3 prefix, and refuses the prefix alone or escaping', () => {
    expect(
      configWith({ ...required, 'ocsf-output': 'out/e.json', 'ocsf-s3-key-prefix': 'ocsf/' }),
    ).toMatchObject({
      ocsfOutput: 'out/e.json',
      ocsfKeyPrefix: 'ocsf/',
    })
    expect(problemsOf({ ...required, 'ocsf-s3-key-prefix': 'ocsf/' })).toEqual([
      expect.stringMatching(/ocsf-s3-key-prefix uploads the OCSF event that ocsf-output writes/),
    ])
    expect(
      problemsOf({ ...required, 'ocsf-output': 'e.json', 'ocsf-s3-key-prefix': '../x/' })[0],
    ).toMatch(
      /ocsf-s3-key-prefix "..\/x\/" has a "." or ".." segment: a key prefix may only contain/,
    )
  })

  it('takes ocsf-output relative to the workspace, normalized', () => {
    expect(configWith({ ...required, 'ocsf-output': './reports//./e.json' }).ocsfOutput).toBe(
      'reports/e.json',
    )
  })

  it.each([
    ['../x.json', /contains "\.\."/],
    ['reports/../../x.json', /contains "\.\."/],
    ['/tmp/x.json', /is an absolute path/],
    ['reports/', /names a directory, not a file/],
    ['.', /names a directory, not a file/],
    ['reports/.', /names a directory, not a file/],
  ])('refuses ocsf-output %s before anything is read', (value, reason) => {
    const problems = problemsOf({ ...required, 'ocsf-output': value })
    expect(problems).toEqual([expect.stringMatching(reason)])
    expect(problems[0]).toMatch(/give a file path relative to the workspace/)
  })

  it('refuses ocsf-output pointing at an SBOM input, by its path or a pattern that matches it', () => {
    expect(problemsOf({ ...required, 'ocsf-output': 'build/sbom.cdx.json' })).toEqual([
      'ocsf-output "build/sbom.cdx.json" is also named by sbom ("build/sbom.cdx.json"): the event would overwrite the SBOM; pick another file.',
    ])
    expect(problemsOf({ ...required, 'ocsf-output': './build//sbom.cdx.json' })[0]).toMatch(
      /is also named by sbom/,
    )
    expect(
      problemsOf({ ...required, sbom: 'build/*.json', 'ocsf-output': 'build/event.json' })[0],
    ).toMatch(/ocsf-output "build\/event.json" is also named by sbom \("build\/\*\.json"\)/)
    expect(
      problemsOf({
        ...required,
        sbom: '/tmp/build/sbom.cdx.json',
        'ocsf-output': 'build/sbom.cdx.json',
      })[0],
    ).toMatch(/is also named by sbom/)
  })
})

describe('names that become key segments, file names and URL segments', () => {
  it.each(['.', '..'])('refuses package-name and version-name %s', (name) => {
    expect(problemsOf({ ...required, 'package-name': name, 'version-name': name })).toEqual([
      expect.stringMatching(
        new RegExp(
          `^package-name "${name.replace(/\./g, '\\.')}" is refused: it becomes a segment of the S3 key`,
        ),
      ),
      expect.stringMatching(
        new RegExp(
          `^version-name "${name.replace(/\./g, '\\.')}" is refused: it becomes a segment of the S3 key`,
        ),
      ),
    ])
  })

  it('still takes names made of dots and more', () => {
    expect(
      publishConfigWith({ ...required, 'package-name': '...', 'version-name': '.1' }).s3.key,
    ).toBe(`sbom/.../.1/${SHA}.zip`)
  })
})

describe('key prefixes', () => {
  const kms = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'
  const inspectorInputs = {
    'package-name': 'thermostat-firmware',
    'version-name': 'v2.4.0',
    's3-bucket': 'acme-sboms',
    generator: 'inspector',
    'inspector-lambda-function': 'f',
    'inspector-kms-key-arn': kms,
  }
  const withPrefix = (name: string, value: string) =>
    name === 'inspector-s3-key-prefix'
      ? { ...inspectorInputs, [name]: value }
      : name === 'ocsf-s3-key-prefix'
        ? { ...required, 'ocsf-output': 'e.json', [name]: value }
        : { ...required, [name]: value }
  const names = ['s3-key-prefix', 'ocsf-s3-key-prefix', 'inspector-s3-key-prefix']

  it.each(
    names.flatMap((name) =>
      [
        ['./', /has a "\." or "\.\." segment/],
        ['a/./b/', /has a "\." or "\.\." segment/],
        ['a/../b/', /has a "\." or "\.\." segment/],
        ['..', /has a "\." or "\.\." segment/],
        ['a//b/', /has an empty segment/],
        ['/abs/', /starts with "\/"/],
        ['a b/', /has characters other than/],
      ].map(([value, reason]) => [name, value, reason] as const),
    ),
  )('%s %s is refused', (name, value, reason) => {
    expect(problemsOf(withPrefix(name, value as string))).toEqual([
      expect.stringMatching(
        new RegExp(`^${name} ".*" ${(reason as RegExp).source}.*: a key prefix may only contain`),
      ),
    ])
  })

  it('adds the missing trailing "/" and says so, in every mode', () => {
    const config = publishConfigWith({ ...required, 's3-key-prefix': 'sboms' })
    expect(config.s3.key).toBe(`sboms/thermostat-firmware/v2.4.0/${SHA}.zip`)
    expect(config.s3.packagePrefix).toBe('sboms/thermostat-firmware/')
    expect(config.notes).toEqual([
      's3-key-prefix "sboms" does not end with "/": using "sboms/", so the keys are <prefix>/<package>/… rather than <prefix><package>/….',
    ])
    const validate = validateConfigWith({ ...required, 's3-key-prefix': 'fw/sboms' })
    expect(validate.wouldUploadTo.key).toBe(`fw/sboms/thermostat-firmware/v2.4.0/${SHA}.zip`)
    expect(validate.notes).toHaveLength(1)
    expect(configWith(required).notes).toEqual([])
  })

  it('adds it to the OCSF and Inspector prefixes too', () => {
    expect(
      configWith({ ...required, 'ocsf-output': 'e.json', 'ocsf-s3-key-prefix': 'ocsf' }),
    ).toMatchObject({
      ocsfKeyPrefix: 'ocsf/',
      notes: [expect.stringMatching(/^ocsf-s3-key-prefix "ocsf"/)],
    })
    const inspector = configWith({ ...inspectorInputs, 'inspector-s3-key-prefix': 'exports' })
    expect(inspector.inspector?.keyPrefix).toBe('exports/')
    expect(inspector.notes).toEqual([expect.stringMatching(/^inspector-s3-key-prefix "exports"/)])
  })

  it('checks s3-key-prefix in validate mode too, since the summary shows the key', () => {
    expect(problemsOf({ ...required, mode: 'validate', 's3-key-prefix': 'a//b/' })).toEqual([
      expect.stringMatching(/^s3-key-prefix "a\/\/b\/" has an empty segment/),
    ])
  })
})

describe('sbom patterns', () => {
  it('refuses ".." before any walk: outside the workspace, or only pointless', () => {
    expect(problemsOf({ ...required, sbom: '../**' })).toEqual([
      'sbom pattern "../**" resolves to "/**", outside the workspace /tmp: only files inside GITHUB_WORKSPACE are read.',
    ])
    expect(problemsOf({ ...required, sbom: '../../etc/passwd' })).toEqual([
      expect.stringMatching(
        /^sbom file "\.\.\/\.\.\/etc\/passwd" resolves to "\/etc\/passwd", outside the workspace/,
      ),
    ])
    expect(problemsOf({ ...required, sbom: 'build/../sbom.json' })).toEqual([
      'sbom file "build/../sbom.json" contains "..": write it without ("sbom.json"), so that no pattern can lead out of the workspace.',
    ])
  })

  it('refuses numeric ranges that expand to more than 10,000 names (matching them takes minutes)', () => {
    expect(problemsOf({ ...required, sbom: 'sbom-{1..100000}.json' })).toEqual([
      'sbom pattern "sbom-{1..100000}.json" has numeric ranges ({a..b}) that expand to 100000 names, more than 10000: list the files, or use * instead.',
    ])
    expect(problemsOf({ ...required, sbom: '{1..200}/{1..200}.json' })[0]).toMatch(
      /expand to 40000 names/,
    )
    expect(configWith({ ...required, sbom: 'sbom-{1..3}.json' }).sbomPatterns).toHaveLength(1)
  })

  it('takes paths and globs without "..", absolute ones too (checked when located)', () => {
    expect(
      configWith({ ...required, sbom: 'build/**/*.json\n/tmp/x/sbom.json\n..hidden/sbom.json' })
        .sbomPatterns,
    ).toEqual(['build/**/*.json', '/tmp/x/sbom.json', '..hidden/sbom.json'])
  })
})

describe('generator command bounds', () => {
  it('defaults to 1800 s and no token', () => {
    expect(configWith(required)).toMatchObject({
      generatorTimeoutSeconds: 1800,
      generatorGithubToken: false,
    })
    expect(
      configWith({
        ...required,
        generator: 'command',
        'generator-command': 'syft',
        'generator-timeout-seconds': '21600',
        'generator-github-token': 'true',
      }),
    ).toMatchObject({ generatorTimeoutSeconds: 21600, generatorGithubToken: true })
  })

  it.each(['0', '21601', '1.5', '10m', '-5'])('refuses generator-timeout-seconds %s', (value) => {
    expect(problemsOf({ ...required, 'generator-timeout-seconds': value })).toEqual([
      `generator-timeout-seconds "${value}" must be a whole number of seconds from 1 to 21600.`,
    ])
  })

  it('refuses a generator-github-token that is not a boolean', () => {
    expect(problemsOf({ ...required, 'generator-github-token': 'yes' })).toEqual([
      'generator-github-token "yes" must be true or false.',
    ])
  })
})

describe('echoed input values', () => {
  it('shows at most 200 characters of a value, with its length', () => {
    const huge = 'x'.repeat(120_000)
    let message = ''
    try {
      configWith({ ...required, 'package-name': huge, 's3-sse': `${huge}y` })
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError)
      message = (error as ConfigError).message
    }
    expect(message).toContain(`package-name "${'x'.repeat(200)}…" (120000 characters) is not`)
    expect(message).toContain(`s3-sse "${'x'.repeat(200)}…" (120001 characters) must be`)
    expect(message.length).toBeLessThan(2_000)
  })
})

describe('quality inputs', () => {
  it('defaults to ntia-2021, gate off, no minimum score and no required elements', () => {
    expect(configWith(required).quality).toEqual({
      profile: 'ntia-2021',
      gate: 'off',
      minScore: undefined,
      requiredElements: [],
    })
  })

  it('reads a profile, a gate, a minimum score and required elements split on commas and newlines', () => {
    expect(
      configWith({
        ...required,
        'quality-profile': 'cisa-2025',
        'quality-gate': 'fail',
        'quality-min-score': '80',
        'quality-required-elements': 'supplier, version\nunique-id\n',
      }).quality,
    ).toEqual({
      profile: 'cisa-2025',
      gate: 'fail',
      minScore: 80,
      requiredElements: ['supplier', 'version', 'unique-id'],
    })
    expect(configWith({ ...required, 'quality-min-score': '0' }).quality.minScore).toBe(0)
    expect(configWith({ ...required, 'quality-min-score': '100' }).quality.minScore).toBe(100)
    expect(configWith({ ...required, 'quality-profile': 'none' }).quality.profile).toBe('none')
  })

  it('refuses an unknown profile or gate', () => {
    expect(problemsOf({ ...required, 'quality-profile': 'ntia' })[0]).toMatch(
      /quality-profile "ntia" must be one of: none, ntia-2021, cisa-2025, bsi-tr-03183-2/,
    )
    expect(problemsOf({ ...required, 'quality-gate': 'error' })[0]).toMatch(
      /quality-gate "error" must be one of: off, warn, fail/,
    )
  })

  it.each(['101', '-1', '7.5', 'x'])('refuses quality-min-score %s', (value) => {
    expect(problemsOf({ ...required, 'quality-min-score': value })).toEqual([
      `quality-min-score "${value}" must be a whole number from 0 to 100.`,
    ])
  })

  it('refuses a required element no profile checks, naming the valid ids', () => {
    const [problem] = problemsOf({
      ...required,
      'quality-required-elements': 'supplier, colour',
    })
    expect(problem).toMatch(
      /quality-required-elements names "colour", which no quality profile checks/,
    )
    expect(problem).not.toContain('"supplier"')
    expect(problem).toContain('supplier')
    expect(problem).toContain('unique-id')
  })

  it.each(['warn', 'fail'])('refuses quality-gate %s with quality-profile none', (gate) => {
    expect(problemsOf({ ...required, 'quality-profile': 'none', 'quality-gate': gate })).toEqual([
      expect.stringMatching(
        new RegExp(`quality-gate: ${gate} needs a quality-profile to judge by`),
      ),
    ])
  })
})

describe('ocsf-device-type', () => {
  it('is IOT (7) by default, and takes a caption in any case or a type_id', () => {
    expect(configWith(required).ocsfDeviceTypeId).toBe(7)
    expect(configWith({ ...required, 'ocsf-device-type': 'router' }).ocsfDeviceTypeId).toBe(12)
    expect(configWith({ ...required, 'ocsf-device-type': 'Server' }).ocsfDeviceTypeId).toBe(1)
    expect(configWith({ ...required, 'ocsf-device-type': '99' }).ocsfDeviceTypeId).toBe(99)
  })

  it('refuses what is not an OCSF device type, listing the captions', () => {
    for (const value of ['toaster', '16', '-1'])
      expect(problemsOf({ ...required, 'ocsf-device-type': value })).toEqual([
        expect.stringMatching(
          new RegExp(
            `^ocsf-device-type "${value}" is not an OCSF device type: use one of Unknown, Server,.*IOT`,
          ),
        ),
      ])
  })
})
