// Run by test/core/plain-node.test.ts as `node --import tsx plain-node-echo.ts <host> <port>`: drives the
// engine from plain Node (no Electron anywhere) against an echo peer and prints one JSON line.
import { register } from 'node:module'

// Any attempt to load electron fails loudly instead of resolving to the npm stub.
const refuseElectron = `export async function resolve(specifier, context, next) {
  if (specifier === 'electron' || specifier.startsWith('electron/')) throw new Error('electron was imported')
  return next(specifier, context)
}`
register(`data:text/javascript,${encodeURIComponent(refuseElectron)}`)

const { SessionManager } = await import('../../../electron/core/engine/index')
const [host = '127.0.0.1', port = '0'] = process.argv.slice(2)
const engine = new SessionManager()
const types: string[] = []
const message = new Uint8Array(Buffer.from('hello from plain node'))
const echoed = new Promise<string>((resolve) => {
  const chunks: Uint8Array[] = []
  let length = 0
  engine.subscribe((event) => {
    types.push(event.type)
    if (event.type !== 'received') return
    chunks.push(event.data)
    length += event.byteLength
    if (length >= message.byteLength) resolve(Buffer.concat(chunks).toString())
  })
})
const info = await engine.open({
  kind: 'tcp-client',
  host,
  port: Number(port),
  family: 'auto',
  connectTimeoutMs: 5_000,
  noDelay: true,
  keepAlive: false,
  keepAliveInitialDelayMs: 0,
  halfOpen: false,
})
await engine.send({ sessionId: info.id, data: message })
const reply = await echoed
const stats = engine.stats(info.id)
await engine.disposeAll()
console.log(JSON.stringify({ reply, types, stats, electron: process.versions.electron ?? null }))
