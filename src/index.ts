import './bundle-resources.js'
import { run } from './main.js'

await run()
