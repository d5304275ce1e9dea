// Preloaded (node --import) into the bundled action by probe.ts, never imported by a test: it
// patches the process it runs in. It writes what the action's process does, as JSON lines, to
// the file named by IOT_SBOM_PROBE_LOG:
//   {"kind":"start"}                       the probe is in place (before the bundle runs)
//   {"kind":"connect","target":"h:port"}   an outbound socket connection was attempted
//   {"kind":"module","url":"file:…"}       a file module was loaded (the entry, dynamic imports)
//   {"kind":"exit","globals":[…]}          the process ends; globals defined since the start
// Every TCP or IPC client connection in Node (http, https, http2, tls, undici, net) goes through
// net.Socket.prototype.connect, so a patch there sees all network traffic whatever client code
// makes it. Nothing here knows the bundle's file layout.
import { appendFileSync } from 'node:fs'
import { registerHooks } from 'node:module'
import { Socket } from 'node:net'
import { isMainThread } from 'node:worker_threads'

const logFile = process.env.IOT_SBOM_PROBE_LOG

// Worker threads inherit the --import: they only compute (schema checks, xmllint), so the main
// thread's record is the one that counts.
if (isMainThread && logFile) {
  const record = (entry: Record<string, unknown>) =>
    appendFileSync(logFile, `${JSON.stringify(entry)}\n`)
  const globalsAtStart = new Set(Reflect.ownKeys(globalThis))

  const connect = Socket.prototype.connect
  // connect(options[, cb]), connect(port[, host][, cb]), connect(path[, cb]), or the array of
  // normalized arguments net.connect and tls.connect pass on.
  Socket.prototype.connect = function (this: Socket, ...args: unknown[]) {
    const first: unknown = Array.isArray(args[0]) ? args[0][0] : args[0]
    let target: string
    if (typeof first === 'object' && first !== null) {
      const options = first as { host?: string; port?: number | string; path?: string }
      target = options.path ?? `${options.host ?? 'localhost'}:${options.port}`
    } else if (typeof first === 'number' || /^\d+$/.test(String(first)))
      target = `${typeof args[1] === 'string' ? args[1] : 'localhost'}:${first}`
    else target = String(first)
    record({ kind: 'connect', target })
    return (connect as (...rest: unknown[]) => Socket).apply(this, args)
  } as typeof connect

  registerHooks({
    load(url, context, nextLoad) {
      if (url.startsWith('file:')) record({ kind: 'module', url })
      return nextLoad(url, context)
    },
  })

  process.on('exit', () =>
    record({
      kind: 'exit',
      globals: Reflect.ownKeys(globalThis)
        .filter((key) => !globalsAtStart.has(key))
        .map(String),
    }),
  )
  record({ kind: 'start' })
}
