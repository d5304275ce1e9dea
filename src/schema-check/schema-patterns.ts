// The RegExp engine of the generated validators (scripts/compile-schema-validators.mjs) for the
// schemas' `pattern` keywords: V8's own, except for the hash-content pattern, which is met once
// per hash of every component. V8 tries its alternatives one after another (a 128-digit hash is
// scanned five times); the equivalent check here, a length from the list and hex digits only,
// is about four times faster.

/** `^([a-fA-F0-9]{32}|[a-fA-F0-9]{40}|…)$`, the form every CycloneDX schema uses for hash content. */
const HEX_OF_LENGTHS = /^\^\((\[a-fA-F0-9\]\{\d+\}(?:\|\[a-fA-F0-9\]\{\d+\})*)\)\$$/
const HEX_DIGITS = /^[a-fA-F0-9]*$/

export interface SchemaPattern {
  test(value: string): boolean
}

export function schemaRegExp(pattern: string, flags: string): SchemaPattern {
  const alternatives = HEX_OF_LENGTHS.exec(pattern)?.[1]
  if (alternatives === undefined) return new RegExp(pattern, flags)
  const lengths = new Set([...alternatives.matchAll(/\{(\d+)\}/g)].map((match) => Number(match[1])))
  return { test: (value) => lengths.has(value.length) && HEX_DIGITS.test(value) }
}
