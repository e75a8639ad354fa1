import { autoReplyOf } from '../../../electron/shared/schemas'
import { describe, expect, it } from 'vitest'
import { AutoReplyLimits, autoReplySchema } from '../../../electron/shared/auto-reply'
import { openSessionRequestSchema } from '../../../electron/shared/schemas'

describe('the auto-reply schema', () => {
  it('fills the defaults of a rule and of the option', () => {
    expect(autoReplySchema.parse({ rules: [{ matchType: 'contains', match: 'ping' }] })).toEqual({
      rules: [
        { matchType: 'contains', match: 'ping', reply: '', replyEncoding: 'text', delayMs: 0, enabled: true },
      ],
      echo: false,
    })
    expect(autoReplySchema.parse({})).toEqual({ rules: [], echo: false })
  })

  it('is optional on every session kind, and absent stays absent', () => {
    for (const request of [
      { kind: 'tcp-client', host: 'localhost', port: 7 },
      { kind: 'tcp-server', port: 0 },
      { kind: 'udp' },
    ] as const) {
      expect(openSessionRequestSchema.parse(request)).not.toHaveProperty('autoReply')
      expect(autoReplyOf(openSessionRequestSchema.parse({ ...request, autoReply: { echo: true } }))).toEqual({
        rules: [],
        echo: true,
      })
    }
  })

  it.each([
    [{ rules: [{ matchType: 'contains', match: '' }] }, 'Match must not be empty'],
    [{ rules: [{ matchType: 'regex', match: '(a' }] }, 'Unterminated group'],
    [{ rules: [{ matchType: 'hex', match: '01 zz' }] }, "'zz'"],
    [{ rules: [{ matchType: 'starts', match: 'a' }] }, 'matchType'],
    [{ rules: [{ matchType: 'exact', match: 'a', delayMs: -1 }] }, 'delayMs'],
    [{ rules: [{ matchType: 'exact', match: 'a', delayMs: AutoReplyLimits.maxDelayMs + 1 }] }, 'delayMs'],
    [{ rules: [{ matchType: 'exact', match: 'a', replyEncoding: 'base64' }] }, 'replyEncoding'],
    [{ rules: [{ matchType: 'exact', match: 'a', extra: 1 }] }, 'extra'],
    [
      {
        rules: Array.from({ length: AutoReplyLimits.maxRules + 1 }, () => ({
          matchType: 'exact',
          match: 'a',
        })),
      },
      'rules',
    ],
  ])('refuses %j, naming %s', (input, problem) => {
    const parsed = autoReplySchema.safeParse(input)
    expect(parsed.success).toBe(false)
    expect(JSON.stringify(parsed.error?.issues)).toContain(problem)
  })
})
