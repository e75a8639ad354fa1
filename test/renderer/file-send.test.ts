import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import SendPanel from '../../renderer/src/components/send/SendPanel.vue'
import { Limits } from '../../electron/shared/limits'
import { OwnErrorCode } from '../../electron/shared/errors'
import { fileChunks, useFileSendStore } from '../../renderer/src/stores/file-send'
import { sessionInfo } from './fake-api'
import { setupRenderer } from './setup'

// "Send file" (issue 14): a file's exact bytes, in pieces on a connection, one datagram on UDP; refusals send
// nothing; a failure or a stop ends the transfer between pieces.

let context: ReturnType<typeof setupRenderer>
beforeEach(() => {
  context = setupRenderer()
})

const patterned = (size: number): Uint8Array<ArrayBuffer> =>
  new Uint8Array(size).map((_value, index) => (index * 7 + (index >> 8)) & 0xff)
const fileOf = (bytes: Uint8Array<ArrayBuffer>, name = 'data.bin') => new File([bytes], name)
const sentBytes = (): Uint8Array => {
  const pieces = context.api.send.mock.calls.map(([request]) => request.data)
  const all = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.byteLength, 0))
  let offset = 0
  for (const piece of pieces) {
    all.set(piece, offset)
    offset += piece.byteLength
  }
  return all
}

/** Compared by hand: toEqual over half a million elements takes seconds. */
const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.byteLength === b.byteLength && a.every((value, index) => value === b[index])

describe('fileChunks', () => {
  it('cuts a stream file into pieces of fileChunkBytes that cover it exactly', () => {
    const size = Limits.fileChunkBytes * 2 + 5
    expect(fileChunks(size, false)).toEqual([
      [0, Limits.fileChunkBytes],
      [Limits.fileChunkBytes, Limits.fileChunkBytes * 2],
      [Limits.fileChunkBytes * 2, size],
    ])
  })

  it('keeps a datagram file whole', () => {
    expect(fileChunks(Limits.fileChunkBytes * 3, true)).toEqual([[0, Limits.fileChunkBytes * 3]])
  })
})

describe('file send store', () => {
  it('sends every byte in order, in pieces, to the given target, and reports progress', async () => {
    context.api.send.mockImplementation(async ({ data }) => ({
      ok: true,
      value: { bytes: data.byteLength, targets: 1 },
    }))
    const bytes = patterned(Limits.fileChunkBytes * 2 + 1_000)
    const files = useFileSendStore()
    const transfer = await files.sendFile({ sessionId: 's', connectionId: 'c1' }, fileOf(bytes), false)
    expect(transfer).toMatchObject({ state: 'done', sent: bytes.byteLength, size: bytes.byteLength })
    expect(context.api.send).toHaveBeenCalledTimes(3)
    expect(context.api.send.mock.calls.every(([request]) => request.connectionId === 'c1')).toBe(true)
    expect(sameBytes(sentBytes(), bytes)).toBe(true)
  })

  it('sends a datagram session’s file as one datagram', async () => {
    context.api.send.mockResolvedValue({ ok: true, value: { bytes: 1, targets: 1 } })
    const bytes = patterned(Limits.fileChunkBytes + 1)
    await useFileSendStore().sendFile(
      { sessionId: 'u', remoteHost: '127.0.0.1', remotePort: 9 },
      fileOf(bytes),
      true,
    )
    expect(context.api.send).toHaveBeenCalledTimes(1)
    expect(sameBytes(sentBytes(), bytes)).toBe(true)
  })

  it('refuses an empty file and one over the limit, sending nothing', async () => {
    const files = useFileSendStore()
    const empty = await files.sendFile({ sessionId: 's' }, fileOf(new Uint8Array(0), 'empty.txt'), false)
    expect(empty).toMatchObject({ state: 'failed', error: { code: OwnErrorCode.invalidRequest } })
    expect(empty.error?.message).toContain('empty.txt')
    const huge = { name: 'huge.iso', size: Limits.maxFileSendBytes + 1, slice: () => new Blob() }
    const refused = await files.sendFile({ sessionId: 's' }, huge, false)
    expect(refused).toMatchObject({ state: 'failed', error: { code: OwnErrorCode.limit } })
    const tooBigDatagram = { name: 'big.bin', size: Limits.maxPayloadBytes + 1, slice: () => new Blob() }
    expect(await files.sendFile({ sessionId: 'u' }, tooBigDatagram, true)).toMatchObject({ state: 'failed' })
    expect(context.api.send).not.toHaveBeenCalled()
  })

  it('stops at the first refused piece with the host’s error, and counts only what was sent', async () => {
    context.api.send
      .mockResolvedValueOnce({ ok: true, value: { bytes: Limits.fileChunkBytes, targets: 1 } })
      .mockResolvedValueOnce({ ok: false, error: { code: 'EPIPE', message: 'closed' } })
    const transfer = await useFileSendStore().sendFile(
      { sessionId: 's' },
      fileOf(patterned(Limits.fileChunkBytes * 3)),
      false,
    )
    expect(transfer).toMatchObject({ state: 'failed', sent: Limits.fileChunkBytes, error: { code: 'EPIPE' } })
    expect(context.api.send).toHaveBeenCalledTimes(2)
  })

  it('a stop ends the transfer before its next piece; a second file waits for the first', async () => {
    let release!: () => void
    context.api.send.mockImplementation(
      ({ data }) =>
        new Promise(
          (resolve) => (release = () => resolve({ ok: true, value: { bytes: data.byteLength, targets: 1 } })),
        ),
    )
    const files = useFileSendStore()
    const first = files.sendFile({ sessionId: 's' }, fileOf(patterned(Limits.fileChunkBytes * 4)), false)
    await flushPromises()
    const second = await files.sendFile({ sessionId: 's' }, fileOf(patterned(10)), false)
    expect(second).toMatchObject({ state: 'failed', error: { code: OwnErrorCode.wrongState } })
    files.cancel('s')
    release()
    expect(await first).toMatchObject({ state: 'cancelled', sent: Limits.fileChunkBytes })
    expect(context.api.send).toHaveBeenCalledTimes(1)
  })
})

describe('Send panel with a file', () => {
  it('a file dropped on the panel is sent to the chosen target', async () => {
    context.api.send.mockResolvedValue({ ok: true, value: { bytes: 3, targets: 1 } })
    const wrapper = mount(SendPanel, {
      props: { session: sessionInfo('s', 'tcp-client') },
      global: { plugins: context.plugins },
    })
    const dataTransfer = { files: [fileOf(new Uint8Array([1, 2, 3]), 'drop.bin')] }
    await wrapper.find('section').trigger('drop', { dataTransfer })
    await flushPromises()
    expect(context.api.send).toHaveBeenCalledWith({ sessionId: 's', data: new Uint8Array([1, 2, 3]) })
    expect(wrapper.text()).toContain('Sent drop.bin: 3 bytes')
  })
})
