import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { nextTick, type ComponentOptions } from 'vue'
import type { SessionOptions } from '../../electron/shared/schemas'
import { useLogStore } from '../../renderer/src/stores/log'
import { useSessionsStore } from '../../renderer/src/stores/sessions'
import { batch, eventsFor, sessionInfo, zeroStats } from './fake-api'
import { setupRenderer } from './setup'

// Under a flood a batch arrives every 33 ms. In the task that brings it, only the counters may render again; the
// log, the timeline and the chart redraw in animation frames of their own (inOwnFrame), and everything else only
// when what it shows changes. Each component that renders is counted by name.

vi.mock('uplot', async () => ({ default: (await import('./uplot-stand-in')).UplotStandIn }))
const { default: App } = await import('../../renderer/src/App.vue')

const peer = { address: '127.0.0.1', port: 5555, family: 'IPv4' as const }

describe('a batch of traffic, in the task that brings it', () => {
  it.each<SessionOptions['kind']>(['udp', 'tcp-server', 'tcp-client'])(
    '%s: renders the counters and nothing else',
    async (kind) => {
      const context = setupRenderer()
      context.api.listSessions.mockResolvedValue({ ok: true, value: [sessionInfo('s1', kind)] })
      const sessions = useSessionsStore()
      const log = useLogStore()
      await sessions.refresh()
      sessions.select('s1')
      const rendered: Record<string, number> = {}
      const counting: ComponentOptions = {
        updated() {
          const name = this.$options.__name ?? '(unnamed)'
          rendered[name] = (rendered[name] ?? 0) + 1
        },
      }
      const wrapper = mount(App, { global: { plugins: context.plugins, mixins: [counting] } })
      await flushPromises()
      let seq = 1
      const traffic = (round: number) => {
        const received = { type: 'received', byteLength: 64, data: new Uint8Array(64), remote: peer } as const
        const events = eventsFor('s1', [received, received, received], seq)
        seq += events.length
        const session = { ...zeroStats(), bytesIn: round * 192, messagesIn: round * 3 }
        return batch(events, { stats: { s1: { session, connections: {} } } })
      }
      const arrive = async (round: number) => {
        const next = traffic(round)
        sessions.applyBatch(next)
        log.applyBatch(next)
        await nextTick()
      }
      // The first batches show the peer for the first time; what follows is the flood's steady state.
      for (let round = 1; round <= 3; round++) await arrive(round)
      for (const name of Object.keys(rendered)) delete rendered[name]
      for (let round = 4; round <= 13; round++) await arrive(round)
      expect(Object.keys(rendered).sort()).toEqual(
        ['LiveCount', 'SessionStats'].filter((name) => name in rendered),
      )
      expect(rendered.SessionStats).toBe(10)
      wrapper.unmount()
    },
  )
})
