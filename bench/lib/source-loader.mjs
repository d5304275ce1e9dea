// Lets the benchmark run the action's TypeScript sources on Node 24 directly (type stripping):
// src/ imports its siblings as `./x.js` (what the bundler and tsc expect); here such an import
// falls back to `./x.ts` when no .js file exists. Measuring the sources, not a bundle, keeps the
// benchmark free of a build step; the bundle's own cost is measured by the cold-start case.
import { register } from 'node:module'

register(
  'data:text/javascript,' +
    encodeURIComponent(`
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context)
  } catch (error) {
    if (specifier.startsWith('.') && specifier.endsWith('.js'))
      return next(specifier.slice(0, -3) + '.ts', context)
    throw error
  }
}`),
)
