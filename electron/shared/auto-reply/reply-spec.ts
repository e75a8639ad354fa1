import { OwnErrorCode } from '../errors'
import { fail, ok, type Result } from '../result'
import { autoReplyRuleSchema, type AutoReplyRule } from './auto-reply-schema'
import { matchTypeNames, type MatchType } from './match-types'

// The CLI's `--reply 'MATCH=>REPLY'` (CLI-CONTRACT.md): MATCH is a match type's name and a colon, then the
// pattern (`contains:ping`, `regex:^GET (\w+)`, `hex:01 03 ?? ??`); REPLY is text with escapes, or `hex:` and hex
// bytes, with `{{1}}`… for a regex's captures. The first `=>` separates them (a text pattern can write it `=\x3e`).

const SEPARATOR = '=>'

const refuse = (spec: string, why: string): Result<never> =>
  fail({ code: OwnErrorCode.invalidRequest, message: `Reply '${spec}': ${why}.` })

const isMatchType = (name: string): name is MatchType => (matchTypeNames as string[]).includes(name)

/** A `--reply` spec as a rule (defaults applied), or a coded error naming what is wrong with it. */
export function parseReplySpec(spec: string): Result<AutoReplyRule> {
  const at = spec.indexOf(SEPARATOR)
  if (at === -1) return refuse(spec, `write it MATCH${SEPARATOR}REPLY, e.g. contains:ping${SEPARATOR}pong\\n`)
  const matchPart = spec.slice(0, at)
  const replyPart = spec.slice(at + SEPARATOR.length)
  const colon = matchPart.indexOf(':')
  const type = colon === -1 ? matchPart : matchPart.slice(0, colon)
  if (colon === -1 || !isMatchType(type)) {
    return refuse(
      spec,
      `the match starts with its type and a colon: ${matchTypeNames.map((name) => `${name}:`).join(', ')}`,
    )
  }
  const hexReply = replyPart.startsWith('hex:')
  const parsed = autoReplyRuleSchema.safeParse({
    matchType: type,
    match: matchPart.slice(colon + 1),
    reply: hexReply ? replyPart.slice('hex:'.length) : replyPart,
    replyEncoding: hexReply ? 'hex' : 'text',
  })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return refuse(spec, `${issue.path.join('.')}: ${issue.message}`)
  }
  return ok(parsed.data)
}
