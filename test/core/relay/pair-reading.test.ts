import { describe, expect, it } from 'vitest'
import { ReadingSwitch } from '../../../electron/core/engine/relay/pair-reading'

// Backpressure and a stall both stop a socket's reading; neither may restart what the other stopped.

function recordingSource() {
  const calls: string[] = []
  return { calls, source: { pause: () => calls.push('pause'), resume: () => calls.push('resume') } }
}

describe('ReadingSwitch', () => {
  it('a drained flow does not end a stall, and clearing the stall does not end backpressure', () => {
    const { calls, source } = recordingSource()
    const reading = new ReadingSwitch(source)
    reading.set('stall', true)
    reading.backpressure.pause()
    reading.backpressure.resume()
    expect(calls).toEqual(['pause'])
    reading.backpressure.pause()
    reading.set('stall', false)
    expect(calls).toEqual(['pause'])
    reading.backpressure.resume()
    expect(calls).toEqual(['pause', 'resume'])
  })

  it('setting the same reason twice pauses once', () => {
    const { calls, source } = recordingSource()
    const reading = new ReadingSwitch(source)
    reading.set('stall', true)
    reading.set('stall', true)
    reading.set('stall', false)
    reading.set('stall', false)
    expect(calls).toEqual(['pause', 'resume'])
  })
})
