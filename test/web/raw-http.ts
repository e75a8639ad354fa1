import { connect } from 'node:net'
import { within } from '../helpers/peers'

export interface RawAnswer {
  /** Everything the host wrote before it closed the connection. */
  text: string
  /** The status of the first answer, or undefined when the host closed without answering. */
  status: number | undefined
}

/**
 * Writes `bytes` on a fresh TCP connection and collects what the host answers until it closes the connection.
 * With `halfClose` the client ends its side at once, so an incomplete request cannot hang the exchange (Node's
 * server then drops answers still being prepared). Rejects when the connection cannot be made (the host is
 * gone) or the host never closes it.
 */
export function rawExchange(
  port: number,
  bytes: string | Uint8Array,
  { halfClose = true, ms = 5_000 } = {},
): Promise<RawAnswer> {
  const socket = connect({ host: '127.0.0.1', port })
  const chunks: Buffer[] = []
  const done = new Promise<RawAnswer>((resolve, reject) => {
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.once('error', (error: NodeJS.ErrnoException) => {
      // A reset after the answer is how a host may drop a bad request; refusing the connection is not.
      if (error.code === 'ECONNRESET') return
      reject(error)
    })
    socket.once('close', () => {
      const text = Buffer.concat(chunks).toString('latin1')
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1]
      resolve({ text, status: status === undefined ? undefined : Number(status) })
    })
  })
  if (halfClose) socket.end(bytes)
  else socket.write(bytes)
  return within(done, 'the host to close a raw connection', ms).finally(() => socket.destroy())
}
