import { createHash } from 'node:crypto'
import { once } from 'node:events'
import type { Socket } from 'node:net'
import type { OpenSessionRequest, RelayFaultsInput } from '../../../electron/shared'
import type { EngineHarness } from '../engine/harness'

/** Opens a TCP (or UDP) relay on 127.0.0.1 (a free port) to 127.0.0.1:`upstreamPort`. */
export async function openRelay(
  harness: EngineHarness,
  upstreamPort: number,
  extra: { udp?: boolean; faults?: RelayFaultsInput; idleTimeoutMs?: number; connectTimeoutMs?: number } = {},
): Promise<{ id: string; port: number }> {
  const common = { host: '127.0.0.1', port: 0, upstreamHost: '127.0.0.1', upstreamPort, faults: extra.faults }
  const request: OpenSessionRequest = extra.udp
    ? { kind: 'udp-relay', ...common, idleTimeoutMs: extra.idleTimeoutMs }
    : { kind: 'tcp-relay', ...common, connectTimeoutMs: extra.connectTimeoutMs }
  return harness.openRequest(request)
}

/** Byte `index` of the test pattern: a period (251) that no power-of-two chunking lines up with. */
export const patternByte = (index: number): number => index % 251

export function pattern(length: number, offset = 0): Buffer {
  const bytes = Buffer.alloc(length)
  for (let index = 0; index < length; index++) bytes[index] = patternByte(offset + index)
  return bytes
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

/** Writes `total` pattern bytes as fast as the socket takes them (honouring its drain), then ends it. */
export async function writePattern(socket: Socket, total: number, chunk = 64 * 1024): Promise<void> {
  for (let offset = 0; offset < total; offset += chunk) {
    const length = Math.min(chunk, total - offset)
    if (!socket.write(pattern(length, offset))) await once(socket, 'drain')
  }
}
