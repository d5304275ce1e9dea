import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // e2e tests spawn the bundle; two cores, so keep files parallel but bounded
    maxWorkers: 2,
    globalSetup: ['__tests__/global-setup.ts'],
  },
})
