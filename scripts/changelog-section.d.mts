// Types of changelog-section.mjs, for the tests that import it.

/** `v1.2.3` → `1.2.3`; throws for anything that is not a semantic version. */
export function versionOf(versionOrTag: string): string
/** The body of the version's section of a Keep a Changelog document; throws when missing, doubled or empty. */
export function changelogSection(markdown: string, versionOrTag: string): string
