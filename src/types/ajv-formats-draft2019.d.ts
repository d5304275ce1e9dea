// ajv-formats-draft2019 ships no types; only the plugin call with a format list is used.
declare module 'ajv-formats-draft2019' {
  import type { Ajv } from 'ajv'
  export default function addFormats(ajv: Ajv, options?: { formats?: string[] }): Ajv
}
