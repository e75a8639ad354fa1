import { createServer } from 'node:net'
import { servePeer } from './peer-channel'

// Outside TCP echo server: every accepted connection gets its bytes back as they come.

const server = createServer((socket) => {
  socket.setNoDelay(true)
  socket.pipe(socket)
  socket.on('error', () => {})
})

servePeer<{ listen: true }>(
  () =>
    new Promise((resolve) => {
      server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as { port: number }).port }))
    }),
)
