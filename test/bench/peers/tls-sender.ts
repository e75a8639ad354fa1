import { connect } from 'node:tls'
import { servePeer } from './peer-channel'
import { pumpBytes } from './stream-pump'

// Outside TLS sender: connects (trusting nothing, checking nothing: the benchmark measures throughput), writes
// `bytes` as fast as the socket takes them (honouring backpressure), ends.

servePeer<{ port: number; bytes: number }>(({ port, bytes }) =>
  pumpBytes(connect({ port, host: '127.0.0.1', rejectUnauthorized: false }), bytes, 'secureConnect'),
)
