// Child process for profile-store-kill.test.ts: saves profiles back to back, printing "saved <n>" after each
// save resolves, until the test SIGKILLs it.
import { ProfileStore } from '../../../electron/core/profiles'
import { sampleProfile } from './temp-dir'

const dataDir = process.argv[2]
if (!dataDir) throw new Error('usage: save-storm-child.ts <data-dir>')
const store = new ProfileStore({ dataDir })
// Large entries make each write take long enough for the kill to land inside one.
const payload = 'x'.repeat(200_000)
let next = (await store.list()).profiles.length
for (;;) {
  const messages = [{ name: 'bulk', payload, encoding: 'text' as const, lineEnding: 'none' as const }]
  await store.save({ profile: sampleProfile(`Storm ${next}`, { messages }), overwrite: false })
  process.stdout.write(`saved ${next}\n`)
  next++
}
