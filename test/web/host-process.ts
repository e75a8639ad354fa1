import { startTempHost } from './temp-host'

// A web host in a process of its own, for tests that must see whether it survives (or starve its file
// descriptors). Prints one line, `<port> <token>`, and runs until killed.

const web = await startTempHost({ log: () => undefined })
process.stdout.write(`${web.host.port} ${web.host.token}\n`)
process.once('SIGTERM', () => void web.dispose().then(() => process.exit(0)))
