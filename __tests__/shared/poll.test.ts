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
  it('stops as soon as the answer is final, backing off ×1.5 up to the cap', async () => {
    const clock = fakeClock()
    let calls = 0
    const result = await pollUntil(
      async () => ++calls,
      (n) => n === 5,
      {
        timeoutMs: 60_000,
        initialDelayMs: 1000,
        maxDelayMs: 2000,
        clock,
      },
    )
    expect(result).toEqual({ value: 5, timedOut: false, attempts: 5 })
    expect(clock.sleeps).toEqual([1000, 1500, 2000, 2000])
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
