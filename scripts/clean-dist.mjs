// Empties dist/ before a build: ncc writes into it without removing what is there, so chunks an
// earlier build split off (their names are numbers that change) would stay, ship and be counted.
import { rmSync } from 'node:fs'

rmSync(new URL('../dist/', import.meta.url), { recursive: true, force: true })
