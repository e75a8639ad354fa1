import { beforeAll, describe, expect, expectTypeOf, it, vi } from 'vitest'
import {
  Channels,
  EVENTS_CHANNEL,
  type ChannelName,
  type EventBatch,
  type SocketApi,
} from '../../electron/shared'
import { contextBridge, ipcRenderer } from './fake-electron-renderer'

vi.mock('electron', () => import('./fake-electron-renderer'))

let socketApi: SocketApi

beforeAll(async () => {
  await import('../../electron/preload/index')
  expect(contextBridge.exposeInMainWorld).toHaveBeenCalledOnce()
  const [key, api] = contextBridge.exposeInMainWorld.mock.calls[0] as [string, SocketApi]
  expect(key).toBe('socketApi')
  socketApi = api
})

const batch = (seq: number): EventBatch => ({
  events: [{ type: 'state', state: 'listening', sessionId: 's1', seq, time: 1 }],
  omitted: {},
  stats: {},
})

describe('preload socketApi', () => {
  it('exposes exactly the SocketApi keys: one function per channel plus onEvents', () => {
    expectTypeOf<keyof SocketApi>().toEqualTypeOf<ChannelName | 'onEvents'>()
    expect(Object.keys(socketApi).sort()).toEqual([...Object.keys(Channels), 'onEvents'].sort())
    for (const value of Object.values(socketApi)) expect(value).toBeTypeOf('function')
  })

  it.each(Object.keys(Channels) as ChannelName[])(
    '%s invokes its own channel with the request',
    async (name) => {
      const request = { sessionId: `for-${name}` }
      const call = socketApi[name] as (request: unknown) => Promise<unknown>
      await expect(call(request)).resolves.toEqual({ ok: true, value: { channel: Channels[name], request } })
      expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(Channels[name], request)
    },
  )

  it('passes listeners the batch only, never the IPC event', () => {
    const listener = vi.fn()
    const unsubscribe = socketApi.onEvents(listener)
    const ipcEvent = { sender: ipcRenderer, senderId: 0, ports: [] }
    ipcRenderer.emit(EVENTS_CHANNEL, ipcEvent, batch(1))
    expect(listener).toHaveBeenCalledExactlyOnceWith(batch(1))
    expect(listener.mock.calls[0]).toHaveLength(1)
    unsubscribe()
  })

  it('stops calling a listener once it unsubscribes, and leaves the others subscribed', () => {
    const first = vi.fn()
    const second = vi.fn()
    const unsubscribeFirst = socketApi.onEvents(first)
    const unsubscribeSecond = socketApi.onEvents(second)
    ipcRenderer.emit(EVENTS_CHANNEL, {}, batch(1))
    unsubscribeFirst()
    ipcRenderer.emit(EVENTS_CHANNEL, {}, batch(2))
    expect(first.mock.calls).toEqual([[batch(1)]])
    expect(second.mock.calls).toEqual([[batch(1)], [batch(2)]])
    unsubscribeSecond()
    expect(ipcRenderer.listenerCount(EVENTS_CHANNEL)).toBe(0)
  })
})
