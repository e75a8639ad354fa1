import type { Messaging } from '../engine/messaging'
import { guard } from './guard'

/** Channels that send messages as typed (templates expanded in the engine) and run the engine's Repeat. */
export function messageHandlers({ sender, repeater }: Pick<Messaging, 'sender' | 'repeater'>) {
  return {
    sendMessage: guard('sendMessage', (command) => sender.send(command)),
    injectMessage: guard('injectMessage', (command) => sender.inject(command)),
    repeatStart: guard('repeatStart', (command) => repeater.start(command)),
    repeatStop: guard('repeatStop', ({ sessionId }) => repeater.stop(sessionId)),
    repeatStatus: guard('repeatStatus', ({ sessionId }) => repeater.status(sessionId)),
  }
}
