import { describe, expect, it } from 'vitest'
import { parseReplySpec } from '../../../electron/shared/auto-reply'

describe("--reply 'MATCH=>REPLY' specs", () => {
  it.each([
    [
      'contains:ping=>pong\\n',
      { matchType: 'contains', match: 'ping', reply: 'pong\\n', replyEncoding: 'text' },
    ],
    ['exact:a=b=>c', { matchType: 'exact', match: 'a=b', reply: 'c', replyEncoding: 'text' }],
    [
      'regex:^GET (\\w+)=>{{1}}',
      { matchType: 'regex', match: '^GET (\\w+)', reply: '{{1}}', replyEncoding: 'text' },
    ],
    [
      'hex:01 ??=>hex:06 {{0}}',
      { matchType: 'hex', match: '01 ??', reply: '06 {{0}}', replyEncoding: 'hex' },
    ],
    ['prefix:x:y=>', { matchType: 'prefix', match: 'x:y', reply: '', replyEncoding: 'text' }],
    ['suffix:end=>=>', { matchType: 'suffix', match: 'end', reply: '=>', replyEncoding: 'text' }],
  ])('reads %s', (spec, expected) => {
    expect(parseReplySpec(spec)).toEqual({ ok: true, value: { ...expected, delayMs: 0, enabled: true } })
  })

  it.each([
    ['ping', 'write it MATCH=>REPLY'],
    ['ping=>pong', 'the match starts with its type and a colon'],
    ['starts:a=>b', 'the match starts with its type and a colon'],
    ['contains:=>b', 'match: Match must not be empty'],
    ['regex:(=>b', 'Unterminated group'],
  ])('refuses %s with a coded error naming the problem', (spec, problem) => {
    const parsed = parseReplySpec(spec)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) {
      expect(parsed.error.code).toBe('ERR_INVALID_REQUEST')
      expect(parsed.error.message).toContain(problem)
    }
  })
})
