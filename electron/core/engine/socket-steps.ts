import type { Socket as DgramSocket, BindOptions } from 'node:dgram'
import type { ListenOptions, Server, Socket, TcpSocketConnectOpts } from 'node:net'
import type { EventEmitter } from 'node:events'

/**
 * Waits for one step of a socket to succeed or fail. Every handler removes the others, so nothing is
 * left attached to the emitter once the step settled.
 */
function step(
  emitter: EventEmitter,
  success: string,
  start: () => void,
  abandonOnClose: boolean,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (): void => {
      emitter.off(success, onSuccess)
      emitter.off('error', onError)
      emitter.off('close', onClose)
    }
    const onSuccess = (): void => {
      settle()
      resolve()
    }
    const onError = (error: Error): void => {
      settle()
      reject(error)
    }
    // Destroyed without an error: whoever destroyed it abandoned the step and reports why.
    const onClose = (): void => {
      settle()
      reject(new Error('socket step abandoned'))
    }
    emitter.once(success, onSuccess)
    emitter.once('error', onError)
    if (abandonOnClose) emitter.once('close', onClose)
    try {
      start()
    } catch (thrown) {
      settle()
      reject(thrown)
    }
  })
}

export const connectSocket = (socket: Socket, options: TcpSocketConnectOpts): Promise<void> =>
  step(socket, 'connect', () => socket.connect(options), true)

export const listenServer = (server: Server, options: ListenOptions): Promise<void> =>
  step(server, 'listening', () => server.listen(options), false)

export const bindDgram = (socket: DgramSocket, options: BindOptions): Promise<void> =>
  step(socket, 'listening', () => socket.bind(options), true)

export const connectDgram = (socket: DgramSocket, port: number, address: string): Promise<void> =>
  step(socket, 'connect', () => socket.connect(port, address), true)
