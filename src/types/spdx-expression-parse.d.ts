// spdx-expression-parse ships no types; only "throws on an invalid expression" is used.
declare module 'spdx-expression-parse' {
  export default function parse(expression: string): unknown
}
