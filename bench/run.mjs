// `npm run bench`: the action's performance, measured side by side with baselines in the same
// run (ratios, medians of several runs, whole processes where the peer is a process), printed
// and written to bench/results.md. `--smoke` (CI) runs every case at small sizes, once, and
// enforces nothing: it only proves the benchmark still runs.
//
// Runs on Node 24 (scripts/node24.mjs) with bench/lib/source-loader.mjs, so the cases import
// the action's TypeScript sources; the cold-start and lockfile cases run the built bundle.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs'
import { cpus, platform, release, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { syntheticSbom } from './lib/synthetic-sbom.mjs'
import { syntheticSpdx, syntheticSpdxTagValue } from './lib/synthetic-spdx.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const SMOKE = process.argv.includes('--smoke')
// Runs per measurement: 9 in a full run, so one slow stretch of a shared machine does not decide.
const RUNS = SMOKE ? 1 : 9
const LOADER = ['--import', join(ROOT, 'bench', 'lib', 'source-loader.mjs')]
const BUNDLE = join(ROOT, 'dist', 'index.mjs')
const work = mkdtempSync(join(tmpdir(), 'iot-sbom-bench-'))

const budgets = []
const sections = []

try {
  try {
    statSync(BUNDLE)
  } catch {
    fail(`${BUNDLE} is missing: run \`npm run build\` first.`)
  }
  await normalizeCase()
  lockfileCase()
  await coldStartCase()
  await uploadCase()
  await pollingCase()
  await spdx3Case()
  report()
} catch (error) {
  console.error(`BENCH FAILED: ${error.message}`)
  process.exitCode = 1
} finally {
  rmSync(work, { recursive: true, force: true })
}

// 1. Normalize + validate synthetic CycloneDX 1.6 SBOMs vs JSON.parse + JSON.stringify.
async function normalizeCase() {
  const sizes = SMOKE ? [1_000] : [1_000, 10_000, 50_000]
  const rows = []
  const actionMs = new Map()
  const normalize = join(ROOT, 'bench/cases/normalize.mjs')
  for (const size of sizes) {
    const file = join(work, `synthetic-${size}.cdx.json`)
    writeFileSync(file, JSON.stringify(syntheticSbom(size), null, 2))
    // Each run is a pair, the baseline and the action back to back (the largest size once more
    // without the input check: what checking the input against its own schema costs), so a
    // slow stretch of the machine weighs on both sides of a ratio alike.
    const pairs = []
    for (let run = 0; run < RUNS; run += 1) {
      const baseline = await nodeJson([normalize, 'baseline', file])
      const action = await nodeJson([...LOADER, normalize, 'action', file])
      const unchecked =
        size === sizes.at(-1)
          ? await nodeJson([...LOADER, normalize, 'action', file, '1.4', 'skip'])
          : undefined
      pairs.push({ baseline, action, unchecked })
    }
    const base = median(pairs.map((pair) => pair.baseline.ms))
    const row = (label, runs) => {
      const ratios = pairs.map((pair, index) => runs[index].ms / pair.baseline.ms)
      return {
        ratio: median(ratios),
        cells: [
          label,
          mib(statSync(file).size),
          ms(base),
          ms(median(runs.map((r) => r.ms))),
          `${ratio(median(ratios))} (${ratio(Math.min(...ratios))}–${ratio(Math.max(...ratios))})`,
          median(pairs.map((pair) => pair.baseline.rssMiB)).toFixed(0),
          median(runs.map((r) => r.rssMiB)).toFixed(0),
        ],
      }
    }
    const action = pairs.map((pair) => pair.action)
    const checked = row(size.toLocaleString('en'), action)
    rows.push(checked.cells)
    actionMs.set(size, median(action.map((r) => r.ms)))
    if (size === 50_000) {
      budget('normalize+validate 50k ≤ 5× baseline', checked.ratio, 5, '×')
      // The quality score's two passes (output and input) inside that normalization.
      budget(
        'quality evaluation at 50k ≤ 10 % of normalize',
        (median(action.map((r) => r.qualityMs)) / median(action.map((r) => r.ms))) * 100,
        10,
        ' %',
      )
      budget('peak RSS at 50k ≤ 600 MiB', median(action.map((r) => r.rssMiB)), 600, ' MiB')
    }
    if (size === sizes.at(-1))
      rows.push(
        row(
          `${size.toLocaleString('en')}, input-validation: skip`,
          pairs.map((pair) => pair.unchecked),
        ).cells,
      )
  }
  if (actionMs.has(50_000) && actionMs.has(10_000))
    budget('50k/10k time ratio ≤ 6 (linear)', actionMs.get(50_000) / actionMs.get(10_000), 6, '')
  sections.push({
    title: '1. Normalize + validate (CycloneDX 1.6 → 1.4, the default target)',
    text:
      'Synthetic SBOMs from bench/lib/synthetic-sbom.mjs (nested components, dependencies, licenses, hashes, purls). ' +
      'Action: read, check the input against its schema, build the model, enrich, serialize, validate the output, report what was dropped, zip. ' +
      'Baseline: `JSON.parse` + `JSON.stringify` of the same file. In-process time of the work (module loading is the cold-start case), ' +
      `${RUNS} runs, each a fresh process, the baseline and the action back to back; times are medians, the ratio is the median of ` +
      "the runs' ratios (lowest–highest in brackets).",
    header: [
      'components',
      'file MiB',
      'baseline ms',
      'action ms',
      'ratio (range)',
      'baseline RSS MiB',
      'action RSS MiB',
    ],
    rows,
  })
}

// 2. Lockfile → SBOM: the npm generator vs cyclonedx-npm and cdxgen, whole processes.
function lockfileCase() {
  const json = join(work, 'lockfiles.json')
  const args = [
    join(ROOT, 'scripts/compare-npm-generators.mjs'),
    '--runs',
    String(RUNS),
    '--json',
    json,
  ]
  // The smoke run's report must not replace the full one the README links to.
  if (SMOKE) args.push('--quick', '--report', join(work, 'npm-generators.md'))
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] })
  if (result.status !== 0) fail('scripts/compare-npm-generators.mjs failed (see above)')
  const runs = JSON.parse(readFileSync(json, 'utf8'))
  const rows = []
  let slowest = Infinity
  let rssOk = true
  for (const run of runs.filter((r) => r.scope === 'production')) {
    const peers = runs.filter(
      (r) => r.lockfile === run.lockfile && r.scope === run.scope && r.tool !== 'ours',
    )
    if (run.tool !== 'ours') continue
    const speedups = peers.map((peer) => peer.wallS / run.wallS)
    slowest = Math.min(slowest, ...speedups)
    rssOk &&= peers.every((peer) => run.rssMb < peer.rssMb)
    rows.push([
      run.lockfile,
      String(run.packages),
      run.wallS.toFixed(2),
      ...peers.map((peer) => `${peer.wallS.toFixed(2)} (${ratio(peer.wallS / run.wallS)})`),
      run.rssMb.toFixed(0),
      ...peers.map((peer) => peer.rssMb.toFixed(0)),
      run.sameProductionPurls,
    ])
  }
  budget('npm generator ≥ 5× faster than both peers', slowest, 5, '×', 'min')
  budgets.push({
    name: 'npm generator peak RSS below both peers',
    value: rssOk ? 'yes' : 'no',
    met: rssOk,
  })
  sections.push({
    title: '2. Lockfile → SBOM (production scope)',
    text:
      'Whole processes: the action bundle in validate mode with `generator: npm` (its own run includes cold start, ' +
      'input checks, normalization and validation), `@cyclonedx/cyclonedx-npm --package-lock-only --omit dev`, ' +
      '`@cyclonedx/cdxgen --required-only` without install. Wall seconds, median of ' +
      `${RUNS}; peak RSS of the largest process (\`/usr/bin/time -v\`). Purl differences: bench/npm-generators.md.`,
    header: [
      'lockfile',
      'packages',
      'ours s',
      'cyclonedx-npm s (×)',
      'cdxgen s (×)',
      'ours MiB',
      'cyclonedx-npm MiB',
      'cdxgen MiB',
      'purls = cyclonedx-npm',
    ],
    rows,
  })
}

// 3. Cold start: the bundle to its first log line vs `node -e 0`.
async function coldStartCase() {
  const workspace = mkdtempSync(join(work, 'cold-'))
  const sbom = join(workspace, 'sbom.cdx.json')
  writeFileSync(sbom, readFileSync(join(ROOT, '__tests__/fixtures/demo/thermostat.cdx.json')))
  const env = actionEnv(workspace, { INPUT_SBOM: 'sbom.cdx.json' })
  const runs = SMOKE ? 3 : 11
  const baseline = []
  const first = []
  const whole = []
  for (let run = 0; run < runs; run += 1) {
    baseline.push((await timeProcess(['-e', '0'], {})).exitMs)
    const action = await timeProcess([BUNDLE], env)
    if (action.code !== 0) fail(`the bundle failed in validate mode:\n${action.stdout}`)
    first.push(action.firstLineMs)
    whole.push(action.exitMs)
  }
  const base = median(baseline)
  const over = median(first) - base
  const distFiles = readdirSync(join(ROOT, 'dist'), { recursive: true })
    .map((name) => ({ name: String(name), stats: statSync(join(ROOT, 'dist', String(name))) }))
    .filter((file) => file.stats.isFile())
  const sum = (files) => files.reduce((total, file) => total + file.stats.size, 0)
  const bundleBytes = sum(distFiles.filter((file) => /^(index|\d+\.index)\.mjs$/.test(file.name)))
  const distBytes = sum(distFiles)
  budget('cold start ≤ 150 ms over `node -e 0`', over, 150, ' ms')
  sections.push({
    title: '3. Cold start',
    text: `\`node dist/index.mjs\` (validate mode, a 4-component SBOM) to its first log line, and to its exit, vs \`node -e 0\`; median of ${runs}.`,
    header: [
      'node -e 0 ms',
      'first log line ms',
      'over baseline ms',
      'whole validate run ms',
      'JavaScript MB (index.mjs + chunks)',
      'dist/ MB (with schemas, xmllint.wasm, licenses)',
    ],
    rows: [
      [ms(base), ms(median(first)), ms(over), ms(median(whole)), mb(bundleBytes), mb(distBytes)],
    ],
  })
}

// 4. Large upload: peak memory against the artifact size.
async function uploadCase() {
  const { startAwsEmulator } = await import('../__tests__/emulator/aws-emulator.ts')
  const emulator = await startAwsEmulator({ buckets: { bench: {} } })
  try {
    const size = (SMOKE ? 10 : 100) * 1048576
    const file = join(work, 'artifact.zip')
    // Incompressible bytes, like a zip.
    const chunk = Buffer.alloc(1048576)
    for (let offset = 0; offset < chunk.length; offset += 4)
      chunk.writeUInt32LE((offset * 2654435761) >>> 0, offset)
    writeFileSync(file, Buffer.concat(Array.from({ length: size / chunk.length }, () => chunk)))
    const results = []
    for (let run = 0; run < (SMOKE ? 1 : 3); run += 1)
      results.push(
        await nodeJson([...LOADER, join(ROOT, 'bench/cases/upload.mjs'), file, 'bench'], {
          ...process.env,
          AWS_ENDPOINT_URL: emulator.endpoint,
          AWS_ACCESS_KEY_ID: 'AKIDBENCH',
          AWS_SECRET_ACCESS_KEY: 'bench-secret',
          AWS_REGION: 'us-east-1',
        }),
      )
    const extra = median(results.map((r) => r.peakMiB - r.baseMiB))
    const fileMiB = results[0].fileMiB
    budget(
      'upload holds ≤ 1 copy of the artifact (peak RSS − RSS before reading, ÷ size)',
      extra / fileMiB,
      1.25,
      '×',
    )
    sections.push({
      title: '4. Large upload',
      text: "The action's S3 upload code (`storeArtifact`, real SDK, SHA-256 checksum) putting an incompressible artifact to the emulator; the artifact is read into memory once, as the action holds it. RSS measured in a fresh process; the emulator runs in the benchmark process.",
      header: [
        'artifact MiB',
        'RSS before reading MiB',
        'peak RSS MiB',
        'peak − before MiB',
        'copies held',
      ],
      rows: [
        [
          fileMiB.toFixed(0),
          median(results.map((r) => r.baseMiB)).toFixed(0),
          median(results.map((r) => r.peakMiB)).toFixed(0),
          extra.toFixed(0),
          (extra / fileMiB).toFixed(2),
        ],
      ],
    })
  } finally {
    await emulator.close()
  }
}

// 5. Polling latency with an emulated clock: validation finishes at T, when does the action see it?
async function pollingCase() {
  const { waitForValidation } = await import('../src/aws/iot-sbom.ts')
  const { silentLogger } = await import('../src/shared/logger.ts')
  const rows = []
  for (const seconds of [1, 10, 60, 300]) {
    const readyAt = seconds * 1000
    let now = 0
    const clock = { now: () => now, sleep: async (delay) => void (now += delay) }
    let calls = 0
    // An IoT client whose package version is validated from time T on (the emulated clock's).
    const iot = {
      send: async () => {
        calls += 1
        return {
          packageName: 'bench',
          versionName: '1.0.0',
          sbomValidationStatus: now >= readyAt ? 'SUCCEEDED' : 'IN_PROGRESS',
        }
      },
    }
    const outcome = await waitForValidation(
      iot,
      { packageName: 'bench', versionName: '1.0.0' },
      { timeoutSeconds: 3600, clock },
      silentLogger,
    )
    const late = (now - readyAt) / 1000
    const allowed = Math.max(2, 0.2 * seconds)
    rows.push([
      String(seconds),
      outcome.status,
      (now / 1000).toFixed(2),
      late.toFixed(2),
      allowed.toFixed(1),
      late <= allowed ? 'yes' : 'no',
      String(calls),
    ])
    if (seconds <= 60)
      budget(
        `validation done at T=${seconds} s noticed within max(2 s, 0.2·T)`,
        late,
        allowed,
        ' s',
      )
  }
  sections.push({
    title: '5. Polling latency (emulated clock)',
    text: "The action's `waitForValidation` with its default pauses (2 s, then a fifth of the time waited, at most 15 s), against an IoT client that reports SUCCEEDED from time T on.",
    header: [
      'T s',
      'status',
      'noticed at s',
      'late by s',
      'allowed s',
      'within',
      'GetPackageVersion calls',
    ],
    rows,
  })
}

// 6. SPDX 3 JSON-LD vs SPDX 2.3 JSON: the same content, each reader, and the whole normalization.
async function spdx3Case() {
  // 40,000 packages make about 100k SPDX 3 elements; a tenth of it checks that the readers are linear.
  const sizes = SMOKE ? [333] : [4_000, 40_000]
  const packages = sizes.at(-1)
  const script = join(ROOT, 'bench/cases/spdx3.mjs')
  const rows = []
  const normalizeMs = new Map()
  let files
  let elements = 0
  for (const size of sizes) {
    const { spdx2, spdx3 } = syntheticSpdx(size)
    elements = spdx3['@graph'].length
    files = {
      spdx2: join(work, `synthetic-${size}.spdx.json`),
      tag: join(work, `synthetic-${size}.spdx`),
      spdx3: join(work, `synthetic-${size}.spdx3.json`),
    }
    writeFileSync(files.spdx2, JSON.stringify(spdx2, null, 2))
    writeFileSync(files.tag, syntheticSpdxTagValue(size))
    writeFileSync(files.spdx3, JSON.stringify(spdx3, null, 2))
    for (const mode of size === packages ? ['reader', 'normalize'] : ['normalize']) {
      const runs = []
      for (let run = 0; run < RUNS; run += 1)
        runs.push({
          two: await nodeJson([...LOADER, script, mode, files.spdx2]),
          tag: await nodeJson([...LOADER, script, mode, files.tag]),
          three: await nodeJson([...LOADER, script, mode, files.spdx3]),
        })
      const of = (side) => median(runs.map((r) => r[side].ms))
      const ratios = (side) => runs.map((r) => r[side].ms / r.two.ms)
      const spread = (side) =>
        `${ratio(median(ratios(side)))} (${ratio(Math.min(...ratios(side)))}–${ratio(Math.max(...ratios(side)))})`
      normalizeMs.set(`${mode}-${size}`, { tag: of('tag'), three: of('three') })
      rows.push([
        `${mode === 'reader' ? 'read (parse + reader)' : 'normalize (everything)'}, ${size.toLocaleString('en')} packages`,
        ms(of('two')),
        ms(of('tag')),
        spread('tag'),
        ms(of('three')),
        spread('three'),
        median(runs.map((r) => r.three.rssMiB)).toFixed(0),
      ])
      if (!SMOKE && size === packages && mode === 'normalize') {
        budget(
          'SPDX tag-value normalize ≤ 2× SPDX JSON on the same content',
          median(ratios('tag')),
          2,
          '×',
        )
        budget(
          'SPDX 3 normalize at 100k elements ≤ 2× SPDX JSON on the same content',
          median(ratios('three')),
          2,
          '×',
        )
      }
    }
  }
  const small = normalizeMs.get(`normalize-${sizes[0]}`)
  const large = normalizeMs.get(`normalize-${packages}`)
  if (!SMOKE && small && large) {
    budget('SPDX tag-value 10× the packages ≤ 12× the time (linear)', large.tag / small.tag, 12, '')
    budget('SPDX 3 10× the elements ≤ 12× the time (linear)', large.three / small.three, 12, '')
  }
  sections.push({
    title: `6. SPDX tag-value and SPDX 3 JSON-LD vs SPDX 2.3 JSON (${packages.toLocaleString('en')} packages; ${elements.toLocaleString('en')} SPDX 3 elements)`,
    text:
      `The same synthetic SBOM (bench/lib/synthetic-spdx.mjs) as SPDX 2.3 JSON (${mib(statSync(files.spdx2).size)} MiB), SPDX 2.3 tag-value (${mib(statSync(files.tag).size)} MiB) and SPDX 3.0.1 JSON-LD (${mib(statSync(files.spdx3).size)} MiB): ` +
      'packages with version, purl and SHA-256, and up to three dependency edges each. SPDX 3 writes each relationship as an element of its own. ' +
      `${RUNS} runs, each a fresh process, times are medians, ratios are against SPDX 2.3 JSON (lowest–highest in brackets).`,
    header: [
      'work',
      'SPDX 2.3 JSON ms',
      'tag-value ms',
      'tag-value ratio',
      'SPDX 3 ms',
      'SPDX 3 ratio',
      'SPDX 3 RSS MiB',
    ],
    rows,
  })
}

// ---------------------------------------------------------------------------------------------

function report() {
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()}, Node ${process.version}`
  const lines = [
    `# Benchmark results${SMOKE ? ' (smoke run: small sizes, one run, not for quoting)' : ''}`,
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench${SMOKE ? ' -- --smoke' : ''}\` on ${machine}.`,
    '',
  ]
  if (!SMOKE) {
    lines.push(
      '## Budgets',
      '',
      ...table(
        ['budget', 'measured', 'met'],
        budgets.map((b) => [b.name, b.value, b.met ? '✅ met' : '❌ missed']),
      ),
      '',
    )
  }
  for (const section of sections)
    lines.push(
      `## ${section.title}`,
      '',
      section.text,
      '',
      ...table(section.header, section.rows),
      '',
    )
  const markdown = lines.join('\n')
  console.log(markdown)
  writeFileSync(join(ROOT, 'bench', SMOKE ? 'results-smoke.md' : 'results.md'), markdown)
  const missed = budgets.filter((b) => !b.met).length
  console.log(
    SMOKE
      ? 'BENCH SMOKE OK: every case ran (budgets are not checked at smoke sizes)'
      : `BENCH DONE: ${budgets.length - missed} of ${budgets.length} budgets met (see bench/results.md)`,
  )
}

function budget(name, measured, limit, unit, kind = 'max') {
  const met = kind === 'min' ? measured >= limit : measured <= limit
  budgets.push({
    name,
    value: `${measured.toFixed(unit === '×' || unit === '' ? 2 : 0)}${unit}`,
    met,
  })
}

function table(header, rows) {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ]
}

/**
 * Runs a node script that prints one JSON line; returns it parsed. Asynchronous, so the emulator
 * in this process keeps answering while the child runs.
 */
function nodeJson(args, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (data) => (stdout += data))
    child.stderr.on('data', (data) => (stderr += data))
    child.on('close', (code) => {
      const line = stdout.trim().split('\n').at(-1)
      if (code !== 0 || !line?.startsWith('{'))
        reject(new Error(`node ${args.join(' ')} failed:\n${stderr}`))
      else resolve(JSON.parse(line))
    })
  })
}

/** Starts node and times its first line on stdout and its exit. */
function timeProcess(args, env) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint()
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6
    const child = spawn(process.execPath, args, {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let firstLineMs
    let stdout = ''
    child.stdout.on('data', (data) => {
      firstLineMs ??= elapsed()
      stdout += data
    })
    child.on('close', (code) => resolve({ code, firstLineMs, exitMs: elapsed(), stdout }))
  })
}

function actionEnv(workspace, inputs) {
  const output = join(workspace, 'github-output')
  const summary = join(workspace, 'step-summary')
  writeFileSync(output, '')
  writeFileSync(summary, '')
  return {
    HOME: process.env.HOME,
    RUNNER_TEMP: workspace,
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_WORKSPACE: workspace,
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REPOSITORY: 'bench/bench',
    GITHUB_REF: 'refs/heads/main',
    INPUT_MODE: 'validate',
    'INPUT_PACKAGE-NAME': 'bench',
    'INPUT_VERSION-NAME': '1.0.0',
    ...inputs,
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

function ms(value) {
  return value.toFixed(0)
}

function ratio(value) {
  return `${value.toFixed(2)}×`
}

function mib(bytes) {
  return (bytes / 1048576).toFixed(1)
}

function mb(bytes) {
  return (bytes / 1e6).toFixed(2)
}

function fail(message) {
  throw new Error(message)
}
