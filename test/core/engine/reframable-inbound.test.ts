import { describe, expect, it } from 'vitest'
import type { FramingStage } from '../../../electron/core/engine/pipeline'
import { ReframableInbound } from '../../../electron/core/engine/reframable-inbound'
import type { Framing } from '../../../electron/shared'

// The seam a framing change goes through, with stand-in stages: only the framing stage is ended and replaced; the
// pipeline's own stages are the same instances throughout; without framing, chunks are not messages (reacting
// stages see the chunks).

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1')
const bytes = (value: string): Uint8Array => Buffer.from(value, 'latin1')

/** A stand-in framing: cuts at its delimiter character; ending it hands on what it holds, marked. */
function cutAt(delimiter: string, log: string[]): FramingStage {
  let pending = ''
  return {
    push(data, remote, next) {
      const parts = (pending + text(data)).split(delimiter)
      pending = parts.pop()!
      for (const part of parts) next.frame(bytes(part), remote)
    },
    end(next) {
      log.push(`end ${delimiter}`)
      if (pending !== '') next.frame(bytes(`held:${pending}`), undefined)
      pending = ''
    },
  }
}

function setUp() {
  const seen: string[] = []
  // A reacting stage that numbers what it sees: its count must run on across a framing change.
  let count = 0
  const numbering = (data: Uint8Array): void => {
    seen.push(`react ${++count}:${text(data)}`)
  }
  const inbound = new ReframableInbound(
    { shape: [], react: [numbering] },
    {
      chunk: (data) => seen.push(`chunk ${text(data)}`),
      frames: (_batch, from, to) => seen.push(`frames ${from}-${to}`),
      message: (data) => seen.push(`message ${text(data)}`),
    },
    (framing) =>
      framing === undefined || framing.mode !== 'delimiter' ? undefined : cutAt(framing.delimiter, seen),
    undefined,
  )
  return { seen, inbound }
}

const delimiter = (value: string): Framing => ({
  mode: 'delimiter',
  delimiter: value,
  keep: false,
  maxFrameBytes: 64,
})

describe('ReframableInbound', () => {
  it('switches from none to a framing, then to another: only the framing stage is ended, the rest keeps its state', () => {
    const { seen, inbound } = setUp()
    inbound.receive(bytes('a;b'), undefined)
    inbound.reframe(delimiter(';'))
    inbound.receive(bytes('c;d;e'), undefined)
    inbound.reframe(delimiter(','))
    inbound.receive(bytes('f,g'), undefined)
    inbound.end()
    expect(seen).toEqual([
      'chunk a;b',
      'react 1:a;b',
      'chunk c;d;e',
      'message c',
      'react 2:c',
      'message d',
      'react 3:d',
      'end ;',
      'message held:e',
      'react 4:held:e',
      'chunk f,g',
      'message f',
      'react 5:f',
      'end ,',
      'message held:g',
      'react 6:held:g',
    ])
  })

  it('a framing stage that was never pushed anything is not ended at a change', () => {
    const { seen, inbound } = setUp()
    inbound.reframe(delimiter(';'))
    inbound.reframe(delimiter(','))
    expect(seen).toEqual([])
  })

  it('switching back to none: chunks are no longer messages', () => {
    const { seen, inbound } = setUp()
    inbound.reframe(delimiter(';'))
    inbound.receive(bytes('x;'), undefined)
    inbound.reframe(undefined)
    inbound.receive(bytes('y;'), undefined)
    expect(seen).toEqual(['chunk x;', 'message x', 'react 1:x', 'end ;', 'chunk y;', 'react 2:y;'])
  })
})
