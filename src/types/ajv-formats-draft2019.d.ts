// ajv-formats-draft2019 ships no types: the plugin call (build time) and the idn-email format (run time).
declare module 'ajv-formats-draft2019' {
  import type { Ajv } from 'ajv'
  export default function addFormats(ajv: Ajv, options?: { formats?: string[] }): Ajv
}

declare module 'ajv-formats-draft2019/formats/idn-email.js' {
  export default function idnEmail(value: string): boolean
}
