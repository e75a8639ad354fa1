import { beforeEach, describe, expect, it } from 'vitest'
import { useSessionFormStore } from '../../renderer/src/stores/session-form'
import { setupRenderer } from './setup'

// The UDP form's "Receive buffer (bytes)": the request's recvBufferSize and back.

describe('receive buffer in the UDP form', () => {
  beforeEach(() => {
    setupRenderer()
  })

  it('fill() then toRequest() keeps recvBufferSize; empty leaves it out', () => {
    const form = useSessionFormStore()
    form.fill({ kind: 'udp', port: 5000, recvBufferSize: 4_194_304 })
    const result = form.toRequest()
    expect(result.ok && result.request).toMatchObject({ kind: 'udp', recvBufferSize: 4_194_304 })
    form.fill({ kind: 'udp', port: 5000 })
    const plain = form.toRequest()
    expect(plain.ok && 'recvBufferSize' in plain.request).toBe(false)
  })

  it('names a size below 1,024 bytes', () => {
    const form = useSessionFormStore()
    form.fill({ kind: 'udp', port: 5000 })
    form.recvBufferSize = '100'
    expect(form.toRequest()).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Receive buffer \(bytes\)/),
    })
  })
})
