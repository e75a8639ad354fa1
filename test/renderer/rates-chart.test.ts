import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Counters } from '../../electron/shared/model'

// uPlot draws on a canvas, which happy-dom does not have: a stand-in records what the component asks of it.
const charts = vi.hoisted(
  () => [] as { data: number[][][]; destroyed: boolean; options: { series: { label?: string }[] } }[],
)
vi.mock('uplot', () => ({
  default: class {
    private readonly record: (typeof charts)[number]
    constructor(options: (typeof charts)[number]['options'], data: number[][]) {
      this.record = { options, data: [data.map((column) => [...column])], destroyed: false }
      charts.push(this.record)
    }
    setData(data: number[][]): void {
      this.record.data.push(data.map((column) => [...column]))
    }
    setSize(): void {}
    destroy(): void {
      this.record.destroyed = true
    }
  },
}))

const { default: RateChart } = await import('../../renderer/src/components/rates/RateChart.vue')

const zero: Counters = { bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0 }

describe('RateChart', () => {
  beforeEach(() => {
    charts.length = 0
    vi.useFakeTimers()
  })

  afterEach(() => {
    vi.useRealTimers()
  })

  it('samples the counters on its own clock and says the current rates in words', async () => {
    const wrapper = mount(RateChart, { props: { counters: zero, sampleMs: 500 } })
    expect(wrapper.get('[role="group"]').attributes('aria-label')).toBe('Traffic rates')
    expect(wrapper.text()).toContain('In: 0 B/s, 0 msg/s. Out: 0 B/s, 0 msg/s.')

    await wrapper.setProps({
      counters: { bytesIn: 512 * 1024, bytesOut: 100, messagesIn: 50, messagesOut: 1 },
    })
    // Per second means over the last second: what came in the last half second is not doubled.
    vi.advanceTimersByTime(500)
    await wrapper.vm.$nextTick()
    expect(wrapper.text()).toContain('In: 512 KiB/s, 50 msg/s. Out: 100 B/s, 1 msg/s.')

    // No new counters (no batch arrives when traffic stops): the rate falls to zero once a second has passed.
    vi.advanceTimersByTime(500)
    await wrapper.vm.$nextTick()
    expect(wrapper.text()).toContain('In: 512 KiB/s, 50 msg/s.')
    vi.advanceTimersByTime(500)
    await wrapper.vm.$nextTick()
    expect(wrapper.text()).toContain('In: 0 B/s, 0 msg/s.')

    const chart = charts[0]!
    expect(chart.options.series.map((series) => series.label)).toEqual([
      undefined,
      'Bytes in',
      'Bytes out',
      'Messages in',
      'Messages out',
    ])
    const last = chart.data.at(-1)!
    expect(last[1]).toEqual([0, 512 * 1024, 512 * 1024, 0])
    expect(last[3]).toEqual([0, 50, 50, 0])
  })

  it('redraws no more often than its sample interval', async () => {
    mount(RateChart, { props: { counters: zero, sampleMs: 250 } })
    const before = charts[0]!.data.length
    vi.advanceTimersByTime(1_000)
    expect(charts[0]!.data.length - before).toBe(4)
  })

  it('stops sampling and destroys the chart when unmounted', () => {
    const wrapper = mount(RateChart, { props: { counters: zero } })
    wrapper.unmount()
    expect(charts[0]!.destroyed).toBe(true)
    const draws = charts[0]!.data.length
    vi.advanceTimersByTime(5_000)
    expect(charts[0]!.data.length).toBe(draws)
  })
})
