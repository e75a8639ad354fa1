/**
 * The probe header a measured message starts with (all big-endian), documented in the README (Generator):
 *
 *   offset 0  4 bytes  magic "SWG1" (53 57 47 31): lets a receiver tell probes from other traffic
 *   offset 4  4 bytes  run id (u32): separates one run's sequence numbers from another's
 *   offset 8  8 bytes  sequence number (u64, from 0)
 *   offset 16 8 bytes  send time (f64, epoch milliseconds with sub-millisecond precision, the sender's clock)
 *
 * Bytes after the header are the message's own (zeros, or the data given). An echo returns them unchanged, so the
 * sender reads its own send time back and needs no per-message memory.
 */
export const PROBE_HEADER_BYTES = 24
const MAGIC = 0x53574731

export interface Probe {
  runId: number
  seq: number
  sentAt: number
}

/** Writes the header into the first 24 bytes of `message` (which must be at least that long). */
export function writeProbe(message: Uint8Array, runId: number, seq: number, sentAt: number): void {
  const view = new DataView(message.buffer, message.byteOffset, PROBE_HEADER_BYTES)
  view.setUint32(0, MAGIC)
  view.setUint32(4, runId)
  // A u64 as two u32: sequence numbers stay far below 2^53, where a JS number is exact.
  view.setUint32(8, Math.floor(seq / 0x1_0000_0000))
  view.setUint32(12, seq >>> 0)
  view.setFloat64(16, sentAt)
}

/** The header at `offset`, or undefined when those bytes are not a probe. */
export function readProbe(bytes: Uint8Array, offset = 0): Probe | undefined {
  if (bytes.byteLength - offset < PROBE_HEADER_BYTES) return undefined
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, PROBE_HEADER_BYTES)
  if (view.getUint32(0) !== MAGIC) return undefined
  return {
    runId: view.getUint32(4),
    seq: view.getUint32(8) * 0x1_0000_0000 + view.getUint32(12),
    sentAt: view.getFloat64(16),
  }
}
