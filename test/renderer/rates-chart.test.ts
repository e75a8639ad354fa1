import { config, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Counters } from '../../electron/shared/model'
import { pageClock } from '../../renderer/src/lib/timestamps'
import { useFakeTimersWithFrames } from './fake-frames'

// uPlot draws on a canvas, which happy-dom does not have: a stand-in records what the component asks of it.
const charts = vi.hoisted(
  () =>
    [] as {
      data: number[][][]
      destroyed: boolean
      options: {
        series: { label?: string }[]
        axes: { values: (self: unknown, ticks: number[]) => string[] }[]
      }
    }[],
)
vi.mock('uplot', async () => {
  const { UplotStandIn } = await import('./uplot-stand-in')
  return {
    default: class extends UplotStandIn {
      private readonly record: (typeof charts)[number]
      constructor(options: (typeof charts)[number]['options'], data: number[][]) {
        super()
        this.record = { options, data: [data.map((column) => [...column])], destroyed: false }
        charts.push(this.record)
      }
      override setData(data: number[][]): void {
        this.record.data.push(data.map((column) => [...column]))
      }
      override destroy(): void {
        this.record.destroyed = true
      }
    },
  }
})

const { default: RateChart } = await import('../../renderer/src/components/rates/RateChart.vue')
const { i18n } = await import('../../renderer/src/i18n')
config.global.plugins = [i18n]

const zero: Counters = { bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0 }
/** What the latest batch said; the chart reads it at each sample. */
let counters = zero

describe('RateChart', () => {
  beforeEach(() => {
    charts.length = 0
    counters = zero
    useFakeTimersWithFrames()
  })

  afterEach(() => {
    vi.useRealTimers()
  })

  /** One sample interval, then the animation frame the redraw waits for. */
  const nextSample = (ms: number) => {
    vi.advanceTimersByTime(ms)
    vi.advanceTimersToNextFrame()
  }

  it('samples the counters on its own clock and says the current rates in words', async () => {
    const wrapper = mount(RateChart, { props: { counters: () => counters, sampleMs: 500 } })
    expect(wrapper.get('[role="group"]').attributes('aria-label')).toBe('Traffic rates')
    expect(wrapper.text()).toContain('In: 0 B/s, 0 msg/s. Out: 0 B/s, 0 msg/s.')

    counters = { bytesIn: 512 * 1024, bytesOut: 100, messagesIn: 50, messagesOut: 1 }
    // Per second means over the last second: what came in the last half second is not doubled.
    nextSample(500)
    await wrapper.vm.$nextTick()
    expect(wrapper.text()).toContain('In: 512 KiB/s, 50 msg/s. Out: 100 B/s, 1 msg/s.')

    // No new counters (no batch arrives when traffic stops): the rate falls to zero once a second has passed.
    nextSample(500)
    await wrapper.vm.$nextTick()
    expect(wrapper.text()).toContain('In: 512 KiB/s, 50 msg/s.')
    nextSample(500)
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

  it('times new counters when they reached the page, not when sampled: batches are taken in up to 100 ms late', () => {
    let countedAt: number | undefined = undefined
    mount(RateChart, { props: { counters: () => counters, countedAt: () => countedAt, sampleMs: 500 } })
    vi.advanceTimersByTime(1_000)
    // 1,100 bytes in 1.1 s (a steady 1,000 B/s), arrived at 1.1 s and first sampled at 1.5 s.
    vi.advanceTimersByTime(100)
    counters = { ...zero, bytesIn: 1_100 }
    countedAt = pageClock()
    vi.advanceTimersByTime(400)
    vi.advanceTimersToNextFrame()
    // Timed at 1.5 s, the last second would hold all 1,100 bytes: 1,100 B/s.
    expect(charts[0]!.data.at(-1)![1]!.at(-1)).toBeCloseTo(1_000, 6)
  })

  it('redraws no more often than its sample interval', async () => {
    mount(RateChart, { props: { counters: () => counters, sampleMs: 250 } })
    vi.advanceTimersToNextFrame()
    const before = charts[0]!.data.length
    nextSample(1_000)
    expect(charts[0]!.data.length - before).toBe(4)
  })

  it('stops sampling and destroys the chart when unmounted', () => {
    const wrapper = mount(RateChart, { props: { counters: () => counters } })
    wrapper.unmount()
    expect(charts[0]!.destroyed).toBe(true)
    const draws = charts[0]!.data.length
    vi.advanceTimersByTime(5_000)
    expect(charts[0]!.data.length).toBe(draws)
  })

  it('labels its axes short: clock time, compact message rates with their unit whole', () => {
    mount(RateChart, { props: { counters: () => counters } })
    const [time, bytes, messages] = charts[0]!.options.axes
    const eightOhThree = new Date(2026, 10, 30, 8, 3, 10).getTime() / 1000
    expect(time!.values(null, [eightOhThree])).toEqual(['08:03:10'])
    expect(bytes!.values(null, [0, 1536])).toEqual(['0 B/s', '1.5 KiB/s'])
    expect(messages!.values(null, [500, 1000, 12_500])).toEqual(['500 msg/s', '1k msg/s', '12.5k msg/s'])
  })

  it('speaks Korean: the legend, the rate sentence and the group name', async () => {
    i18n.global.locale.value = 'ko'
    try {
      const wrapper = mount(RateChart, { props: { counters: () => counters } })
      expect(wrapper.get('[role="group"]').attributes('aria-label')).toBe('트래픽 속도')
      expect(wrapper.text()).toContain('수신: 0 B/s, 0 건/s. 송신: 0 B/s, 0 건/s.')
      expect(charts[0]!.options.series.map((series) => series.label)).toEqual([
        undefined,
        '수신 바이트',
        '송신 바이트',
        '수신 메시지',
        '송신 메시지',
      ])
      // A language switch redraws the chart with the other legend.
      i18n.global.locale.value = 'en'
      await wrapper.vm.$nextTick()
      expect(charts.at(-1)!.options.series[1]!.label).toBe('Bytes in')
    } finally {
      i18n.global.locale.value = 'en'
    }
  })
})
