/** The log, as the inner layers see it. Only main.ts binds it to @actions/core. */
export interface Logger {
  info(message: string): void
  /** Worth knowing, nothing to fix: a notice annotation on a runner. */
  notice(message: string, title?: string): void
  warning(message: string, title?: string): void
  debug(message: string): void
  /** A foldable section of the log (core.group on a runner); absent in tests that do not care. */
  group?<T>(title: string, run: () => Promise<T>): Promise<T>
}

export const silentLogger: Logger = { info() {}, notice() {}, warning() {}, debug() {} }

/** Runs `run` inside a log group when the logger has groups. */
export function inGroup<T>(log: Logger, title: string, run: () => Promise<T>): Promise<T> {
  return log.group ? log.group(title, run) : run()
}
