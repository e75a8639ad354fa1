import {
  toErrorInfo,
  type RepeatStartCommand,
  type RepeatStatus,
  type SendCommand,
  type SendReceipt,
} from '../../shared'
import type { SessionEngine } from '../session-engine'
import { wrongState } from './engine-errors'
import type { MessageBytes, MessageSender, SendTarget } from './message-sender'
import { Pacer } from './pacer'

// Repeat runs in the engine: one request starts it, and each send is made here, paced by the Pacer (the one the
// traffic generator uses too), expanded afresh (so {{counter}} advances), and awaited until the kernel took it
// before the next (one send in flight), so a peer that does not read slows the repeat down instead of piling sends
// up in memory. The renderer only starts, stops and asks how far it got.

type Send = (command: SendCommand) => Promise<SendReceipt>

/** One session's repeat: a loop that ends when its sends are made, a send fails, or stop() is called. */
class Repeat {
  readonly status: RepeatStatus
  readonly finished: Promise<RepeatStatus>
  private stopping = false
  private sleeping: { timer: ReturnType<typeof setTimeout>; wake: () => void } | undefined

  constructor(
    private readonly target: SendTarget,
    private readonly bytes: MessageBytes,
    private readonly send: Send,
    everyMs: number,
    times: number,
  ) {
    this.status = {
      sessionId: target.sessionId,
      state: 'running',
      sent: 0,
      times,
      remaining: times === 0 ? null : times,
      everyMs,
      startedAt: Date.now(),
    }
    this.finished = this.run(
      new Pacer({ rate: { unit: 'messages', perSecond: 1000 / everyMs }, maxInFlight: 1 }),
    )
  }

  /** Ends the loop before its next send; a send already handed to the socket still completes. */
  stop(): void {
    if (this.status.state !== 'running') return
    this.stopping = true
    if (this.sleeping) {
      clearTimeout(this.sleeping.timer)
      this.sleeping.wake()
    }
  }

  private async run(pacer: Pacer): Promise<RepeatStatus> {
    try {
      while (!this.stopping && this.status.remaining !== 0) {
        if (pacer.grant(1) === 0) {
          await this.sleep(pacer.delayMs())
          continue
        }
        try {
          await this.sendOnce()
        } finally {
          pacer.settle()
        }
      }
      this.status.state = this.stopping ? 'stopped' : 'done'
    } catch (error) {
      this.status.state = 'failed'
      this.status.error = toErrorInfo(error)
    }
    return this.status
  }

  private async sendOnce(): Promise<void> {
    await this.send({ ...this.target, data: this.bytes() })
    this.status.sent += 1
    if (this.status.remaining !== null) this.status.remaining -= 1
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        this.sleeping = undefined
        resolve()
      }
      this.sleeping = { timer: setTimeout(wake, Math.max(1, Math.ceil(ms))), wake }
    })
  }
}

/** Each session's repeat (at most one at a time), started and stopped through the handler table. */
export class Repeater {
  private readonly repeats = new Map<string, Repeat>()

  constructor(
    private readonly engine: SessionEngine,
    private readonly messages: MessageSender,
  ) {}

  /** Starts a repeat, replacing the session's running one; refused for a closed session or bad input. */
  start({ message, everyMs, times, ...target }: RepeatStartCommand): RepeatStatus {
    const { state } = this.engine.get(target.sessionId)
    if (state === 'closed' || state === 'error' || state === 'connecting') {
      throw wrongState(target.sessionId, `is ${state}; nothing can be repeated`)
    }
    const bytes = this.messages.prepare(target.sessionId, message)
    this.repeats.get(target.sessionId)?.stop()
    const repeat = new Repeat(target, bytes, (command) => this.engine.send(command), everyMs, times)
    this.repeats.set(target.sessionId, repeat)
    return { ...repeat.status }
  }

  /** Stops the session's repeat; answers where it stopped, or null when it has none. */
  stop(sessionId: string): Promise<RepeatStatus | null> {
    this.engine.get(sessionId)
    const repeat = this.repeats.get(sessionId)
    if (repeat === undefined) return Promise.resolve(null)
    repeat.stop()
    return repeat.finished.then((status) => ({ ...status }))
  }

  /** The session's running or last finished repeat; null when it has none. Throws for an unknown session. */
  status(sessionId: string): RepeatStatus | null {
    this.engine.get(sessionId)
    const repeat = this.repeats.get(sessionId)
    return repeat === undefined ? null : { ...repeat.status }
  }

  /** Resolves with the session's repeat's final status once it ends; null when it has none. */
  finished(sessionId: string): Promise<RepeatStatus | null> {
    const repeat = this.repeats.get(sessionId)
    return repeat === undefined ? Promise.resolve(null) : repeat.finished.then((status) => ({ ...status }))
  }

  /** The session closed: its repeat stops and is forgotten, so the map holds only open sessions. */
  forget(sessionId: string): void {
    this.repeats.get(sessionId)?.stop()
    this.repeats.delete(sessionId)
  }

  /** Stops every repeat and resolves once each loop has ended. */
  async dispose(): Promise<void> {
    const repeats = [...this.repeats.values()]
    this.repeats.clear()
    repeats.forEach((repeat) => repeat.stop())
    await Promise.all(repeats.map((repeat) => repeat.finished))
  }
}
