// Types of synthetic-sbom.mjs, for the tests that import it.
export interface SyntheticComponent {
  [key: string]: unknown
  'bom-ref': string
  hashes: { alg: string; content: string }[]
  components?: SyntheticComponent[]
}

export interface SyntheticSbom {
  [key: string]: unknown
  components: SyntheticComponent[]
  dependencies: { ref: string; dependsOn?: string[] }[]
}

export function syntheticSbom(count: number): SyntheticSbom
