import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import SessionStats from '../../renderer/src/components/sessions/SessionStats.vue'
import { zeroStats } from '../helpers/stats'
import { sessionInfo } from './fake-api'
import { setupRenderer } from './setup'

// A UDP session's counters show the receive buffer the kernel set and the datagrams it dropped, or say the OS
// does not tell.

let context: ReturnType<typeof setupRenderer>
beforeEach(() => {
  context = setupRenderer()
})

function statsOf(receiveBuffer: { bytes: number; drops: number | null } | undefined) {
  const session = sessionInfo('u', 'udp', {
    stats: { ...zeroStats(), ...(receiveBuffer && { receiveBuffer }) },
  })
  return mount(SessionStats, { props: { session }, global: { plugins: context.plugins } })
}

const valueOf = (wrapper: ReturnType<typeof statsOf>, label: string): string =>
  wrapper.get(`[aria-label="${label}"]`).text()

describe('receive buffer and kernel drops in the session counters', () => {
  it('shows the drops the kernel counted, marked when there are any, and the buffer size in its hint', () => {
    const wrapper = statsOf({ bytes: 8_192, drops: 12_345 })
    expect(valueOf(wrapper, 'Kernel drops')).toBe('12,345')
    expect(wrapper.get('[title*="receive buffer"]').attributes('title')).toContain('8,192 bytes')
    expect(wrapper.get('[aria-label="Kernel drops"]').classes()).toContain('alarm')
  })

  it('says "not known on this OS" where the kernel does not say, and nothing without a receive buffer', () => {
    expect(valueOf(statsOf({ bytes: 212_992, drops: null }), 'Kernel drops')).toBe('not known on this OS')
    expect(statsOf(undefined).find('[aria-label="Kernel drops"]').exists()).toBe(false)
  })
})
