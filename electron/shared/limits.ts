/** Caps applied to everything the renderer (untrusted) can ask for. */
export const Limits = {
  /** Largest single payload a send request may carry. */
  maxPayloadBytes: 16 * 1024 * 1024,
  /** Largest UDP payload over IPv4 (65,535 − 8 UDP header − 20 IP header). */
  maxUdp4Payload: 65_507,
  /** Largest UDP payload over IPv6 without jumbograms (65,535 − 8 UDP header). */
  maxUdp6Payload: 65_527,
  maxHostLength: 255,
  maxIdLength: 64,
  maxOpenSessions: 1024,
  defaultMaxClientsPerServer: 10_000,
  maxMulticastGroups: 32,
  /** A UDP socket's receive buffer (SO_RCVBUF) may be asked up to this. */
  maxRecvBufferSize: 256 * 1024 * 1024,
  maxConnectTimeoutMs: 600_000,
  defaultConnectTimeoutMs: 10_000,
  /** Bytes one connection may hold waiting for a peer that does not read, before further sends are refused. */
  defaultMaxQueuedBytes: 64 * 1024 * 1024,
  /** Largest file "Send file" takes on a connection; it goes in pieces of fileChunkBytes, each one send. */
  maxFileSendBytes: 1024 * 1024 * 1024,
  /** One piece of a file sent over a connection: small enough for steady progress, large enough to be quick. */
  fileChunkBytes: 256 * 1024,
  /** Closed and failed sessions kept listed (with their counters) before the oldest are forgotten. */
  defaultMaxClosedSessions: 200,
} as const
