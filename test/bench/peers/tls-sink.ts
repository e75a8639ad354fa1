import { createServer, type Server } from 'node:tls'
import { servePeer } from './peer-channel'

// Outside TLS sink: a Node TLS server with the certificate it is given; counts the plaintext that arrives and
// answers once the expected number of bytes is in.

let received = 0
let expected = Infinity
let answer: ((reply: object) => void) | undefined
let server: Server | undefined

function check(): void {
  if (answer === undefined || received < expected) return
  const reply = answer
  answer = undefined
  reply({ received })
}

servePeer<{ listen: true; cert: string; key: string } | { expect: number }>(
  (request) =>
    new Promise((resolve) => {
      if ('listen' in request) {
        server = createServer({ cert: request.cert, key: request.key }, (socket) => {
          socket.on('data', (chunk: Buffer) => {
            received += chunk.length
            check()
          })
          socket.on('error', () => {})
        })
        server.listen(0, '127.0.0.1', () => resolve({ port: (server!.address() as { port: number }).port }))
        return
      }
      received = 0
      expected = request.expect
      answer = resolve
      check()
    }),
)
