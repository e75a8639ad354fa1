import { connect, createServer } from 'node:net'
import { performance } from 'node:perf_hooks'
import { servePeer } from './peer-channel'

// Outside echo server and request/response client in one process: `listen` starts the echo, `{ port, count, size }`
// connects to `port` and makes `count` round trips of `size` bytes one after another, answering the median time.

const echo = createServer((socket) => {
  socket.setNoDelay(true)
  socket.on('data', (chunk: Buffer) => socket.write(chunk))
  socket.on('error', () => {})
})

function roundTrips(port: number, count: number, size: number): Promise<{ p50Ms: number }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    socket.setNoDelay(true)
    const request = Buffer.alloc(size, 0x61)
    const times: number[] = []
    let got = 0
    let startedAt = 0
    const next = (): void => {
      if (times.length === count) {
        socket.destroy()
        times.sort((a, b) => a - b)
        resolve({ p50Ms: times[Math.floor(times.length / 2)]! })
        return
      }
      got = 0
      startedAt = performance.now()
      socket.write(request)
    }
    socket.on('data', (chunk: Buffer) => {
      got += chunk.length
      if (got < size) return
      times.push(performance.now() - startedAt)
      next()
    })
    socket.once('error', reject)
    socket.once('connect', next)
  })
}

servePeer<{ listen: true } | { port: number; count: number; size: number }>((request) =>
  'listen' in request
    ? new Promise((resolve) =>
        echo.listen(0, '127.0.0.1', () => resolve({ port: (echo.address() as { port: number }).port })),
      )
    : roundTrips(request.port, request.count, request.size),
)
