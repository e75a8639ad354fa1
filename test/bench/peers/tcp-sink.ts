import { createServer } from 'node:net'
import { servePeer } from './peer-channel'

// Outside TCP sink: counts what arrives and answers once the expected number of bytes is in.

let received = 0
let expected = Infinity
let answer: ((reply: object) => void) | undefined

function check(): void {
  if (answer === undefined || received < expected) return
  const reply = answer
  answer = undefined
  reply({ received })
}

const server = createServer((socket) => {
  socket.on('data', (chunk: Buffer) => {
    received += chunk.length
    check()
  })
  socket.on('error', () => {})
})

servePeer<{ listen: true } | { expect: number }>(
  (request) =>
    new Promise((resolve) => {
      if ('listen' in request) {
        server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as { port: number }).port }))
        return
      }
      received = 0
      expected = request.expect
      answer = resolve
      check()
    }),
)
