import type { Logger } from '../../src/shared/logger.ts'

/** A Logger that keeps each line as `<kind> <message>`, for tests of what a step says. */
export function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = []
  return {
    lines,
    info: (message) => lines.push(`info ${message}`),
    notice: (message) => lines.push(`notice ${message}`),
    warning: (message) => lines.push(`warning ${message}`),
    debug: () => {},
  }
}
