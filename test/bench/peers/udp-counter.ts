import { createSocket } from 'node:dgram'
import { once } from 'node:events'
import { servePeer } from './peer-channel'

// Outside UDP receiver: counts datagrams; answers the count and the rate between the first and the last.

const QUIET_MS = 300
const socket = createSocket('udp4')
let count = 0
let first = 0
let last = 0
socket.on('message', () => {
  const now = performance.now()
  if (count === 0) first = now
  last = now
  count++
})

servePeer<{ listen: true } | { result: true }>(async (request) => {
  if ('listen' in request) {
    socket.bind(0, '127.0.0.1')
    await once(socket, 'listening')
    socket.setRecvBufferSize(4 * 1024 * 1024)
    return { port: socket.address().port }
  }
  for (let seen = -1; seen !== count;) {
    seen = count
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS))
  }
  return { count, rate: count < 2 ? 0 : (count - 1) / ((last - first) / 1000) }
})
