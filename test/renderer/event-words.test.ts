import { describe, expect, it } from 'vitest'
import type { LoggedEvent } from '../../electron/shared/view/log-rows'
import { describeEvent } from '../../electron/shared/view/describe-event'
import { englishEventWords } from '../../electron/shared/view/event-words'
import { i18n } from '../../renderer/src/i18n'

// The CLI and exports describe lifecycle steps with the shared English words; the UI's English catalogue
// takes the same words, so both say the same thing.

const local = { address: '127.0.0.1', port: 9000, family: 'IPv4' as const }
const base = { sessionId: 's1', seq: 1, time: 0 }
const events: LoggedEvent[] = [
  { ...base, type: 'connect', remote: local },
  { ...base, type: 'connected', local, remote: local, latencyMs: 1.25 },
  { ...base, type: 'bind', local },
  { ...base, type: 'listen', local, backlog: 511 },
  { ...base, type: 'accept', local, remote: { ...local, port: 5000 } },
  { ...base, type: 'end' },
  { ...base, type: 'half-close' },
  { ...base, type: 'close', scope: 'connection', cause: 'reset' },
  { ...base, type: 'close', scope: 'listener', cause: 'server-closed' },
]

describe('lifecycle words', () => {
  const uiEnglish = (key: string, values?: Record<string, unknown>) =>
    i18n.global.t(key, values ?? {}, { locale: 'en' })

  it.each(events.map((event) => [`${event.type} ${'cause' in event ? event.cause : ''}`, event] as const))(
    '%s reads the same in the UI and outside it',
    (_name, event) => {
      const outside = describeEvent(event, englishEventWords)
      expect(outside).toBe(describeEvent(event, uiEnglish))
      expect(outside).not.toMatch(/detail\.|cause\.|scope\.|\{/)
    },
  )

  it('fills in values and keeps an unknown key as it is', () => {
    expect(englishEventWords('detail.listen', { local: '127.0.0.1:1', backlog: 5 })).toBe(
      'on 127.0.0.1:1, backlog 5',
    )
    expect(englishEventWords('dir.sent')).toBe('sent')
    expect(englishEventWords('no.such.key')).toBe('no.such.key')
  })

  it('says who reset a connection without repeating the word connection', () => {
    const reset = { ...base, type: 'close', scope: 'connection', cause: 'reset' } as const
    const aborted = { ...base, type: 'close', scope: 'connection', cause: 'aborted' } as const
    expect(describeEvent(reset, englishEventWords)).toBe('connection, reset by the peer (RST)')
    expect(describeEvent(aborted, englishEventWords)).toBe('connection, reset here (RST)')
  })
})
