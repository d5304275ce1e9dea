// Fails when the committed dist/ is not what the sources build: users run dist/, not src/.
// Builds into the working tree, then asks git whether dist/ changed (or gained untracked files).
import { execFileSync } from 'node:child_process'

execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' })
const changed = execFileSync('git', ['status', '--porcelain', '--', 'dist'], {
  encoding: 'utf8',
}).trim()
if (changed) {
  console.error(
    `dist/ is stale: rebuilding changed\n${changed}\nRun \`npm run build\` and commit dist/.`,
  )
  execFileSync('git', ['--no-pager', 'diff', '--stat', '--', 'dist'], { stdio: 'inherit' })
  process.exit(1)
}
console.log('dist/ matches the sources.')
