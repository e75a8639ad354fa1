import type { ErrorInfo } from './errors'
import type { Result } from './result'
import type { EventBatch, SendReceipt, SessionInfo } from './model'
import type { GeneratorReport, StartGeneratorRequest } from './generator'
import type {
  DisconnectRequest,
  HalfCloseRequest,
  MembershipRequest,
  OpenSessionRequest,
  SendRequest,
  SessionRef,
  SetAutoReplyRequest,
  SetFramingRequest,
  SetFaultsRequest,
  InjectRequest,
} from './schemas'
import type {
  InjectMessageRequest,
  RepeatStartRequest,
  RepeatStatus,
  SendMessageRequest,
} from './message-requests'
import type {
  ExportProfilesRequest,
  ImportReport,
  ImportTextRequest,
  Profile,
  ProfileRef,
  ProfilesListing,
  RenameProfileRequest,
  SaveProfileRequest,
} from './profiles'

/** Every request channel, `domain:verb`. One table for IPC and the web transport alike. */
export const Channels = {
  openSession: 'session:open',
  closeSession: 'session:close',
  removeSession: 'session:remove',
  listSessions: 'session:list',
  send: 'session:send',
  disconnect: 'session:disconnect',
  halfClose: 'session:half-close',
  stopListening: 'session:stop-listening',
  resumeListening: 'session:resume-listening',
  reopenSession: 'session:reopen',
  membership: 'session:membership',
  setFraming: 'session:set-framing',
  sendMessage: 'session:send-message',
  repeatStart: 'session:repeat-start',
  repeatStop: 'session:repeat-stop',
  repeatStatus: 'session:repeat-status',
  setAutoReply: 'session:set-auto-reply',
  startGenerator: 'generator:start',
  stopGenerator: 'generator:stop',
  setFaults: 'session:set-faults',
  inject: 'session:inject',
  injectMessage: 'session:inject-message',
  listProfiles: 'profiles:list',
  saveProfile: 'profiles:save',
  renameProfile: 'profiles:rename',
  duplicateProfile: 'profiles:duplicate',
  deleteProfile: 'profiles:delete',
  exportProfiles: 'profiles:export',
  importProfiles: 'profiles:import',
  importPacketSender: 'profiles:import-packet-sender',
  startCapture: 'capture:start',
  stopCapture: 'capture:stop',
  captureStatus: 'capture:status',
  exportPcapng: 'capture:export-pcapng',
} as const

export type ChannelName = keyof typeof Channels

/** A channel's name on the wire (`session:open`): what IPC and the web socket carry. */
export type ChannelWireName = (typeof Channels)[ChannelName]

const channelsByWireName = new Map<unknown, ChannelName>(
  Object.entries(Channels).map(([name, wire]) => [wire, name as ChannelName]),
)

/** The channel a wire name stands for; undefined for anything that is not one of ours. */
export const channelOfWireName = (name: unknown): ChannelName | undefined => channelsByWireName.get(name)

/** The one push channel: batched engine events. */
export const EVENTS_CHANNEL = 'session:events'

/** Request and response type of each channel. */
export interface RequestMap {
  openSession: { request: OpenSessionRequest; response: SessionInfo }
  closeSession: { request: SessionRef; response: SessionInfo }
  removeSession: { request: SessionRef; response: null }
  listSessions: { request: void; response: SessionInfo[] }
  send: { request: SendRequest; response: SendReceipt }
  disconnect: { request: DisconnectRequest; response: null }
  halfClose: { request: HalfCloseRequest; response: null }
  stopListening: { request: SessionRef; response: SessionInfo }
  /** TCP server after stop-listening, its clients still connected: listens on the same address again. */
  resumeListening: { request: SessionRef; response: SessionInfo }
  /**
   * A closed or failed session opens again in place with the same options: same id, its log and counters go on.
   * Resolves like openSession once connected / listening / bound; a failure leaves it in state 'error' again.
   */
  reopenSession: { request: SessionRef; response: SessionInfo }
  membership: { request: MembershipRequest; response: null }
  /** Changes an open session's framing at the next boundary between reads; answers the session with its new options. */
  setFraming: { request: SetFramingRequest; response: SessionInfo }
  /** Sends a message as typed: encoded in the engine and, with `expandMacros`, expanded with the session's counter. */
  sendMessage: { request: SendMessageRequest; response: SendReceipt }
  /** Starts the session's engine-side repeat (replacing one that runs); answers its first status. */
  repeatStart: { request: RepeatStartRequest; response: RepeatStatus }
  /** null: the session has no repeat. */
  repeatStop: { request: SessionRef; response: RepeatStatus | null }
  /** The running or last finished repeat of an open session; null when there is none. */
  repeatStatus: { request: SessionRef; response: RepeatStatus | null }
  /** Replaces an open session's auto-reply rules and echo (counters restart); answers the session. */
  setAutoReply: { request: SetAutoReplyRequest; response: SessionInfo }
  /** Starts the session's traffic generator; answers its first figures. Reports follow as 'generator' events. */
  startGenerator: { request: StartGeneratorRequest; response: GeneratorReport }
  /** Stops it within a turn of the event loop; answers the summary once its last writes (and echoes) are in. */
  stopGenerator: { request: SessionRef; response: GeneratorReport }
  /** A relay's faults, in force at once for both directions of every pair; answers the session with them. */
  setFaults: { request: SetFaultsRequest; response: SessionInfo }
  /** A relay: puts a message into one direction of one pair, after what already waits there (and its faults). */
  inject: { request: InjectRequest; response: SendReceipt }
  /**
   * A relay: a message as typed (a template with `expandMacros`) into one direction of one pair, or of every pair
   * connected both ways when `connectionId` is left out; `targets` says how many pairs took it.
   */
  injectMessage: { request: InjectMessageRequest; response: SendReceipt }
  listProfiles: { request: void; response: ProfilesListing }
  /** Refused with EPROFILE_EXISTS when the name is taken and `overwrite` is not set. */
  saveProfile: { request: SaveProfileRequest; response: Profile }
  renameProfile: { request: RenameProfileRequest; response: Profile }
  duplicateProfile: { request: ProfileRef; response: Profile }
  /** Answers the deleted profile: saving it back is the undo. */
  deleteProfile: { request: ProfileRef; response: Profile }
  /** Answers the export file's JSON text; `names` omitted exports all. */
  exportProfiles: { request: ExportProfilesRequest; response: string }
  /** All or nothing; refused with EIMPORT whose `details` list every bad entry. */
  importProfiles: { request: ImportTextRequest; response: ImportReport }
  importPacketSender: { request: ImportTextRequest; response: ImportReport }
  startCapture: { request: SessionRef; response: CaptureStatus }
  stopCapture: { request: SessionRef; response: CaptureStatus }
  /** null: this session was never recorded. */
  captureStatus: { request: SessionRef; response: CaptureStatus | null }
  /** Converts the session's last finished capture to pcapng beside it; refused while it is still recording. */
  exportPcapng: { request: SessionRef; response: PcapngExportInfo }
}

/** A capture converted to pcapng (packets and headers reconstructed from its events). The file lives on the host. */
export interface PcapngExportInfo {
  /** Absolute path on the host: the capture's own path with `.pcapng` for `.jsonl`. */
  path: string
  /** Packets written. */
  packets: number
  /** Size of the pcapng file. */
  bytes: number
}

/** A session's "record to file" capture, as the host reports it. The file lives on the host. */
export interface CaptureStatus {
  sessionId: string
  /** stopping: no longer taking events, writing out what is queued. */
  state: 'recording' | 'stopping' | 'stopped' | 'error'
  /** Absolute path on the host. */
  path: string
  /** Epoch milliseconds. */
  startedAt: number
  /** Event records the disk has confirmed. */
  events: number
  /** Bytes the disk has confirmed, header line included. */
  bytes: number
  /** Why the capture stopped on its own (ENOSPC, ECAPTURE_OVERRUN, …). */
  error?: ErrorInfo
}

export type RequestFunctions = {
  [K in ChannelName]: (request: RequestMap[K]['request']) => Promise<Result<RequestMap[K]['response']>>
}

/** What the renderer sees, whichever transport (Electron preload or web socket) is behind it. */
export interface SocketApi extends RequestFunctions {
  /** Subscribes to event batches; returns the function that unsubscribes. */
  onEvents(listener: (batch: EventBatch) => void): () => void
}
