import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import { matchTypeNames } from '../../electron/shared/auto-reply'
import type { SessionInfo } from '../../electron/shared/model'
import { autoReplyOf, type OpenSessionRequest } from '../../electron/shared/schemas'
import SessionAutoReply from '../../renderer/src/components/auto-reply/SessionAutoReply.vue'
import { en } from '../../renderer/src/i18n/en'
import { ko } from '../../renderer/src/i18n/ko'
import { useSessionFormStore } from '../../renderer/src/stores/session-form'
import { setupRenderer } from './setup'

// The Auto-reply region: the New session form's rules as the request's `autoReply` option and back; an open
// session's rules applied through session:set-auto-reply with the engine's counts shown per rule.

const withRules: OpenSessionRequest = {
  kind: 'tcp-server',
  port: 9000,
  autoReply: {
    rules: [
      {
        matchType: 'contains',
        match: 'ping',
        reply: 'pong\\n',
        replyEncoding: 'text',
        delayMs: 0,
        enabled: true,
      },
      { matchType: 'hex', match: '01 ??', reply: '06', replyEncoding: 'hex', delayMs: 250, enabled: false },
    ],
    echo: true,
  },
}

let context: ReturnType<typeof setupRenderer>
beforeEach(() => {
  context = setupRenderer()
})

describe('auto-reply in the session form', () => {
  it('fill() then toRequest() keeps the rules and echo', () => {
    const form = useSessionFormStore()
    form.fill(withRules)
    const result = form.toRequest()
    expect(result.ok && autoReplyOf(result.request)).toEqual(autoReplyOf(withRules))
  })

  it('leaves the option out with no rules and no echo', () => {
    const form = useSessionFormStore()
    form.serverPort = '0'
    form.mode = 'tcp-server'
    const result = form.toRequest()
    expect(result.ok && 'autoReply' in result.request).toBe(false)
  })

  it('names the rule and the field to correct', () => {
    const form = useSessionFormStore()
    form.fill(withRules)
    form.autoReply.rules[1]!.match = '01 zz'
    expect(form.toRequest()).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Rule 2: Match: 'zz'/),
    })
    form.autoReply.rules[1]!.match = '01'
    form.autoReply.rules[0]!.delayMs = 'soon'
    expect(form.toRequest()).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Delay \(ms\) must be/),
    })
  })

  it('has a label for every match type of the registry, in English and Korean', () => {
    for (const type of matchTypeNames) {
      expect(en.autoReply.types[type], type).toBeTruthy()
      expect(ko.autoReply.types[type], type).toBeTruthy()
    }
    expect(matchTypeNames.map((type) => en.autoReply.types[type])).toEqual([
      'Exact',
      'Starts with',
      'Contains',
      'Ends with',
      'Regex',
      'Hex',
    ])
  })
})

describe("an open session's auto-reply", () => {
  const session = {
    id: 's1',
    kind: 'tcp-server',
    state: 'listening',
    options: { ...withRules, autoReply: withRules.autoReply },
    stats: { autoReplyMatches: [3, 0] },
  } as unknown as SessionInfo

  it('shows each rule with its count, and Apply rules sends the edited rules', async () => {
    context.api.setAutoReply.mockResolvedValue({ ok: true, value: session })
    const wrapper = mount(SessionAutoReply, { props: { session }, global: { plugins: context.plugins } })
    const items = wrapper.findAll('li')
    expect(items.map((item) => item.attributes('aria-label'))).toEqual(['Rule 1', 'Rule 2'])
    expect(items[0]!.text()).toContain('matched 3')
    expect(items[1]!.text()).toContain('matched 0')
    await items[1]!
      .findAll('button')
      .find((button) => button.text() === 'Remove')!
      .trigger('click')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(context.api.setAutoReply).toHaveBeenCalledWith({
      sessionId: 's1',
      autoReply: { echo: true, rules: [withRules.autoReply!.rules![0]] },
    })
  })

  it('shows a rule the engine turned off (a runaway regex) as off, keeping the other fields as typed', async () => {
    const wrapper = mount(SessionAutoReply, { props: { session }, global: { plugins: context.plugins } })
    const enabled = () =>
      wrapper
        .findAll('li')
        .map((item) => (item.find('input[type="checkbox"]').element as HTMLInputElement).checked)
    expect(enabled()).toEqual([true, false])
    await wrapper.find('input[type="text"]').setValue('edited')
    const rules = autoReplyOf(withRules)!.rules!.map((rule) => ({ ...rule, enabled: false }))
    const turnedOff = { ...session, options: { ...withRules, autoReply: { rules, echo: true } } }
    await wrapper.setProps({ session: turnedOff as unknown as SessionInfo })
    expect(enabled()).toEqual([false, false])
    expect((wrapper.find('input[type="text"]').element as HTMLInputElement).value).toBe('edited')
  })

  it('shows a field to correct as an alert and sends nothing', async () => {
    const wrapper = mount(SessionAutoReply, { props: { session }, global: { plugins: context.plugins } })
    await wrapper.find('input[type="text"]').setValue('')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(context.api.setAutoReply).not.toHaveBeenCalled()
    expect(wrapper.find('[role="alert"]').text()).toContain('Rule 1: Match: Match must not be empty')
  })
})
