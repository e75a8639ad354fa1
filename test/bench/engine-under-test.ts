import { createEventBatcher, type EventBatcher } from '../../electron/core/event-batcher'
import { SessionManager } from '../../electron/core/engine'
import {
  openSessionRequestSchema,
  type EventBatch,
  type OpenSessionRequest,
  type SessionInfo,
} from '../../electron/shared'

/**
 * The engine as a user loads it: a SessionManager with the event batcher subscribed, the way the Electron
 * forwarder and the web host run it. Batches go nowhere: the transport's cost is what ipc-batch measures.
 */
export class EngineUnderTest {
  readonly engine = new SessionManager()
  private readonly batcher: EventBatcher
  batches = 0

  constructor() {
    this.batcher = createEventBatcher({
      engine: this.engine,
      send: (_batch: EventBatch) => void this.batches++,
    })
  }

  /** Opens with the schema's defaults applied, as the handler table would. */
  open(request: OpenSessionRequest): Promise<SessionInfo> {
    return this.engine.open(openSessionRequestSchema.parse(request))
  }

  async dispose(): Promise<void> {
    this.batcher.dispose()
    await this.engine.disposeAll()
  }
}
