/** The log, as the inner layers see it. Only main.ts binds it to @actions/core. */
export interface Logger {
  info(message: string): void
  warning(message: string, title?: string): void
  debug(message: string): void
}

export const silentLogger: Logger = { info() {}, warning() {}, debug() {} }
