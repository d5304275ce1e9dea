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
  /** The shortest pause between probes (the first ones). */
  initialDelayMs: number
  maxDelayMs: number
  clock: Clock
}

/** Pause as a share of the time waited so far: a result is noticed at most this late, relatively. */
const DELAY_SHARE_OF_ELAPSED = 0.2

export interface PollResult<T> {
  value: T
  /** The deadline passed before `isDone` held. `value` is the last answer seen. */
  timedOut: boolean
  attempts: number
}

/**
 * Calls `probe` until `isDone(answer)` or the deadline. Each pause is a fifth of the time waited
 * so far, at least `initialDelayMs` and at most `maxDelayMs`: a result that arrives after T is
 * seen within max(initialDelayMs, 0.2·T), and a long wait costs few calls (the pause grows by
 * ×1.2 per probe). The last sleep is cut short so the final probe happens at the deadline,
 * never after it. Errors from `probe` propagate: the SDK has already retried anything retryable.
 */
export async function pollUntil<T>(
  probe: () => Promise<T>,
  isDone: (answer: T) => boolean,
  options: PollOptions,
): Promise<PollResult<T>> {
  const started = options.clock.now()
  const deadline = started + options.timeoutMs
  let attempts = 0
  for (;;) {
    const value = await probe()
    attempts += 1
    if (isDone(value)) return { value, timedOut: false, attempts }
    const now = options.clock.now()
    const remaining = deadline - now
    if (remaining <= 0) return { value, timedOut: true, attempts }
    const delay = Math.min(
      Math.max(options.initialDelayMs, Math.ceil((now - started) * DELAY_SHARE_OF_ELAPSED)),
      options.maxDelayMs,
    )
    await options.clock.sleep(Math.min(delay, remaining))
  }
}
