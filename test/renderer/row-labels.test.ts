import { describe, expect, it, vi } from 'vitest'
import { i18n } from '../../renderer/src/i18n'
import { rowLabels } from '../../renderer/src/lib/row-labels'

describe('row labels', () => {
  it('fills counts into the translated messages, in each language', () => {
    i18n.global.locale.value = 'en'
    const english = rowLabels(i18n.global.t)
    expect(english.bytes('65,536')).toBe('65,536 B')
    expect(english.more('1,024')).toBe('… 1,024 more bytes')
    expect(english.direction('received')).toBe('received')
    i18n.global.locale.value = 'ko'
    const korean = rowLabels(i18n.global.t)
    expect(korean.more('1,024')).toBe('… 1,024바이트 더 있음')
    expect(korean.direction('received')).toBe(i18n.global.t('dir.received'))
    expect(korean.direction('received')).not.toBe('received')
    i18n.global.locale.value = 'en'
  })

  it('translates each direction word once, however many rows ask', () => {
    const t = vi.fn((key: string) => `«${key}»`)
    const labels = rowLabels(t)
    t.mockClear()
    for (let row = 0; row < 100; row++) labels.direction(row % 2 ? 'sent' : 'received')
    expect(t).toHaveBeenCalledTimes(2)
    expect(labels.direction('sent')).toBe('«dir.sent»')
  })
})
