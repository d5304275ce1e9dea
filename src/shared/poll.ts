/** Time, injectable so polling is tested without waiting. */
export interface Clock {
  now(): number
  sleep(ms: number): Promise<void>
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}

export interface PollOptions {
  timeoutMs: number
  initialDelayMs: number
  maxDelayMs: number
  clock: Clock
}

export interface PollResult<T> {
  value: T
  /** The deadline passed before `isDone` held. `value` is the last answer seen. */
  timedOut: boolean
  attempts: number
}

/**
 * Calls `probe` until `isDone(answer)` or the deadline. Delays grow ×1.5 up to `maxDelayMs`, and
 * the last sleep is cut short so the final probe happens at the deadline, never after it.
 * Errors from `probe` propagate: the SDK has already retried anything retryable.
 */
export async function pollUntil<T>(
  probe: () => Promise<T>,
  isDone: (answer: T) => boolean,
  options: PollOptions,
): Promise<PollResult<T>> {
  const deadline = options.clock.now() + options.timeoutMs
  let delay = options.initialDelayMs
  let attempts = 0
  for (;;) {
    const value = await probe()
    attempts += 1
    if (isDone(value)) return { value, timedOut: false, attempts }
    const remaining = deadline - options.clock.now()
    if (remaining <= 0) return { value, timedOut: true, attempts }
    await options.clock.sleep(Math.min(delay, remaining))
    delay = Math.min(Math.ceil(delay * 1.5), options.maxDelayMs)
  }
}
