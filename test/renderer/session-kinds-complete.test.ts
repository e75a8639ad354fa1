import { describe, expect, it } from 'vitest'
import { describeKind, sessionKindNames, sessionKinds } from '../../electron/shared/kinds'
import { openSessionRequestSchema } from '../../electron/shared/schemas'
import { kindFormViews } from '../../renderer/src/components/session-form/kind-form-views'
import { i18n } from '../../renderer/src/i18n'
import { formAdapters } from '../../renderer/src/stores/form-adapters'

// Adding a session kind means: its options schema, one descriptor, one session class (factory), one fields
// component + form adapter, and its name in every language. This test names whatever one of them is missing
// in shared and the renderer; test/core/engine/session-factories.test.ts does the same for the engine.

const kindsInSchema = openSessionRequestSchema.options.map((option) => option.shape.kind.value).sort()
const capabilityKeys = [
  'abortiveClose',
  'acceptsConnections',
  'connectionOriented',
  'generator',
  'halfClose',
  'hasRemote',
  'multicast',
  'relays',
  'reopen',
  'sendTarget',
  'stopListening',
]

describe('every session kind is registered everywhere', () => {
  it('the descriptors list exactly the kinds the request schema accepts', () => {
    expect([...sessionKindNames].sort()).toEqual(kindsInSchema)
  })

  describe.each(kindsInSchema)('%s', (kind) => {
    it('has a complete descriptor', () => {
      const descriptor = describeKind(kind)
      expect(descriptor.kind).toBe(kind)
      expect(descriptor.title).not.toBe('')
      expect(Object.keys(descriptor.capabilities).sort()).toEqual(capabilityKeys)
      expect(['session', 'connection', 'datagram']).toContain(descriptor.capabilities.sendTarget)
      expect(sessionKinds[kind]).toBe(descriptor)
    })

    it('has a fields component, a submit label and a form adapter', () => {
      expect(kindFormViews[kind]?.fields).toBeTruthy()
      expect(i18n.global.te(kindFormViews[kind]!.submitKey, 'en')).toBe(true)
      expect(typeof formAdapters[kind]?.toRequest).toBe('function')
      expect(typeof formAdapters[kind]?.fill).toBe('function')
    })

    it.each(['en', 'ko'] as const)('is named in %s', (locale) => {
      const key = describeKind(kind).labelKey
      expect(i18n.global.te(key, locale)).toBe(true)
      expect(i18n.global.t(key, {}, { locale })).not.toBe(key)
    })
  })
})
