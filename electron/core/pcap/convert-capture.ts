import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { open, rename, rm } from 'node:fs/promises'
import { resolve } from 'node:path'
import { CodedError, OwnErrorCode, describeKind, formatEndpoint } from '../../shared'
import { CaptureErrorCode, streamCapture, type CaptureHeader } from '../capture'
import { PacketReconstructor } from './packet-reconstructor'
import { PcapngWriter } from './pcapng-writer'

export interface PcapngExport {
  /** Enhanced Packet Blocks written. */
  packets: number
  /** Size of the pcapng file. */
  bytes: number
}

function sectionComment({ startedAt, session }: CaptureHeader): string {
  const ends = [session.local, session.remote].flatMap((end) =>
    end === undefined ? [] : [formatEndpoint(end)],
  )
  return (
    `Reconstructed by Socket Workbench from a capture of socket events: session ${session.id} ` +
    `(${describeKind(session.kind).title}${ends.length > 0 ? `, ${ends.join(' ↔ ')}` : ''}), ` +
    `recorded from ${new Date(startedAt).toISOString()}. ` +
    'The payloads are exactly the bytes the application sent and received (for TLS that is the plaintext, not ' +
    'the ciphertext on the wire). The IP, TCP and UDP headers, handshakes, segment boundaries, sequence and ' +
    'acknowledgement numbers, windows and checksums are synthesised, not captured.'
  )
}

/** A file-system failure as a coded error that names the file (the errno stays the code). */
function fileError(thrown: unknown, doing: string, path: string): CodedError {
  if (thrown instanceof CodedError) return thrown
  const code = (thrown as { code?: unknown } | null)?.code
  const errno = typeof code === 'string' ? code : 'EIO'
  return new CodedError(errno, `${doing} ${path} failed (${errno}): ${(thrown as Error).message}`)
}

async function convertInto(capturePath: string, writer: PcapngWriter): Promise<void> {
  let reconstructor: PacketReconstructor | undefined
  try {
    for await (const record of streamCapture(capturePath)) {
      if (record.kind === 'header') {
        reconstructor = new PacketReconstructor(record.header)
        await writer.writeSection(sectionComment(record.header))
        continue
      }
      if (reconstructor === undefined) {
        throw new CodedError(CaptureErrorCode.format, `${capturePath} is not a Socket Workbench capture.`)
      }
      for (const packet of reconstructor.packetsOf(record.event)) await writer.writePacket(packet)
    }
  } catch (thrown) {
    throw writer.failed ? thrown : fileError(thrown, 'Reading', capturePath)
  }
  if (reconstructor === undefined) {
    throw new CodedError(CaptureErrorCode.format, `${capturePath} ends before its header line is complete.`)
  }
}

/**
 * Converts a "Record to file" capture into a pcapng file Wireshark opens, streaming: memory stays bounded
 * whatever the capture's size. A capture cut mid-write converts up to its last complete record. The file
 * appears at `outPath` only when complete (written beside it, then renamed); on failure nothing is left.
 */
export async function convertCaptureToPcapng(capturePath: string, outPath: string): Promise<PcapngExport> {
  if (resolve(capturePath) === resolve(outPath)) {
    throw new CodedError(
      OwnErrorCode.invalidRequest,
      `The pcapng file cannot replace its own capture ${capturePath}.`,
    )
  }
  const partial = `${outPath}.${randomBytes(3).toString('hex')}.partial`
  const handle = await open(partial, 'wx').catch((thrown: unknown) => {
    throw fileError(thrown, 'Creating', partial)
  })
  const stream = createWriteStream(partial, { fd: handle })
  const writer = new PcapngWriter(stream)
  try {
    await convertInto(capturePath, writer)
    await writer.end().catch((thrown: unknown) => {
      throw fileError(thrown, 'Writing', partial)
    })
    await rename(partial, outPath)
  } catch (thrown) {
    stream.destroy()
    await rm(partial, { force: true })
    throw fileError(thrown, 'Writing', outPath)
  }
  return { packets: writer.packets, bytes: writer.bytes }
}
