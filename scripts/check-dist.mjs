// Fails when the committed dist/ is not what the sources build: users run dist/, not src/. The
// same for the schema validators the build generates into src/schema-check/validators/. Builds into
// the working tree, then asks git whether either changed (or gained untracked files).
import { execFileSync } from 'node:child_process'

execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' })
const GENERATED = ['dist', 'src/schema-check/validators']
const changed = execFileSync('git', ['status', '--porcelain', '--', ...GENERATED], {
  encoding: 'utf8',
}).trim()
if (changed) {
  console.error(
    `dist/ or src/schema-check/validators/ is stale: rebuilding changed\n${changed}\nRun \`npm run build\` and commit both.`,
  )
  execFileSync('git', ['--no-pager', 'diff', '--stat', '--', ...GENERATED], { stdio: 'inherit' })
  process.exit(1)
}
console.log('dist/ and src/schema-check/validators/ match the sources.')
