// Fails when the committed dist/ is not what the sources build: users run dist/, not src/. The
// same for the schema validators the build generates into src/validation/validators/. Builds into the
// working tree, then asks git whether either changed (or gained untracked files).
import { execFileSync } from 'node:child_process'

execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' })
const GENERATED = ['dist', 'src/validation/validators']
const changed = execFileSync('git', ['status', '--porcelain', '--', ...GENERATED], {
  encoding: 'utf8',
}).trim()
if (changed) {
  console.error(
    `dist/ or src/validation/validators/ is stale: rebuilding changed\n${changed}\nRun \`npm run build\` and commit both.`,
  )
  execFileSync('git', ['--no-pager', 'diff', '--stat', '--', ...GENERATED], { stdio: 'inherit' })
  process.exit(1)
}
console.log('dist/ and src/validation/validators/ match the sources.')
