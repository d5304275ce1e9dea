import { describe, expect, it } from 'vitest'
import { pollUntil, type Clock } from '../../src/shared/poll.ts'

function fakeClock(): Clock & { sleeps: number[] } {
  let now = 0
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms)
      now += ms
    },
  }
}

describe('pollUntil', () => {
  it('stops as soon as the answer is final, pausing a fifth of the time waited within the bounds', async () => {
    const clock = fakeClock()
    let calls = 0
    const result = await pollUntil(
      async () => ++calls,
      (n) => n === 12,
      {
        timeoutMs: 600_000,
        initialDelayMs: 2000,
        maxDelayMs: 15_000,
        clock,
      },
    )
    expect(result).toEqual({ value: 12, timedOut: false, attempts: 12 })
    // 2 s until 10 s have passed, then 20 % of the elapsed time, capped at 15 s.
    expect(clock.sleeps).toEqual([2000, 2000, 2000, 2000, 2000, 2000, 2400, 2880, 3456, 4148, 4977])
  })

  it('notices a result within max(initial delay, 20 % of the time it took)', async () => {
    for (const readyAtMs of [500, 1000, 10_000, 60_000, 300_000]) {
      const clock = fakeClock()
      const result = await pollUntil(
        async () => clock.now() >= readyAtMs,
        (ready) => ready,
        { timeoutMs: 3_600_000, initialDelayMs: 2000, maxDelayMs: 120_000, clock },
      )
      expect(result.value).toBe(true)
      expect(clock.now() - readyAtMs).toBeLessThanOrEqual(Math.max(2000, 0.2 * readyAtMs))
    }
  })

  it('makes its last probe exactly at the deadline and reports the timeout', async () => {
    const clock = fakeClock()
    const result = await pollUntil(
      async () => 'IN_PROGRESS',
      () => false,
      {
        timeoutMs: 10_000,
        initialDelayMs: 3000,
        maxDelayMs: 3000,
        clock,
      },
    )
    expect(result.timedOut).toBe(true)
    expect(clock.now()).toBe(10_000)
    expect(clock.sleeps).toEqual([3000, 3000, 3000, 1000])
    expect(result.attempts).toBe(5)
  })

  it('lets probe errors through', async () => {
    await expect(
      pollUntil(
        () => Promise.reject(new Error('boom')),
        () => true,
        {
          timeoutMs: 1000,
          initialDelayMs: 10,
          maxDelayMs: 10,
          clock: fakeClock(),
        },
      ),
    ).rejects.toThrow('boom')
  })
})
