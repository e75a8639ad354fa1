import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { runSequenceFile } from '../../../electron/core/sequences'
import { createWorkbench } from '../../../electron/core/workbench'
import { parseSequenceFile } from '../../../electron/shared/sequences'

// The engine hands the frames of one read to its subscribers as one batched event; a sequence's expectations
// still take them one frame at a time. The peer is a plain Node echo server: one send comes back as one read.

let dataDir: string
let echo: Server
let echoPort: number

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'sequences-batch-'))
  echo = createServer((socket) => socket.pipe(socket))
  echo.listen(0, '127.0.0.1')
  await once(echo, 'listening')
  echoPort = (echo.address() as { port: number }).port
})

afterAll(async () => {
  echo.close()
  await rm(dataDir, { recursive: true, force: true })
})

it('three lines that arrive in one read meet three expectations, in order, and nothing more is left', async () => {
  const parsed = parseSequenceFile(`name: lines in one read
connect: tcp://127.0.0.1:${echoPort}
framing: delimiter:\\n
steps:
  - send: "alpha\\nbeta\\ngamma\\n"
  - expect: alpha
  - expect: beta
  - expect: { bytes: 5 }
  - expect: { silence: 100 }
`)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
  const workbench = createWorkbench({ dataDir })
  try {
    const result = await runSequenceFile(parsed.file, join(dataDir, 'test.yaml'), workbench)
    expect(result.sequences[0]!.steps.map((step) => step.status)).toEqual([
      'passed',
      'passed',
      'passed',
      'passed',
      'passed',
      'passed',
    ])
  } finally {
    await workbench.dispose()
  }
})
