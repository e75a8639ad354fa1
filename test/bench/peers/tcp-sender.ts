import { connect } from 'node:net'
import { servePeer } from './peer-channel'
import { pumpBytes } from './stream-pump'

// Outside TCP sender: connects, writes `bytes` as fast as the socket takes them (honouring backpressure), ends.

servePeer<{ port: number; bytes: number }>(({ port, bytes }) =>
  pumpBytes(connect(port, '127.0.0.1'), bytes, 'connect'),
)
