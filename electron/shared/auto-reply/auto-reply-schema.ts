import { z } from 'zod'
import { compileMatch, matchRefusal, matchTypeNames } from './match-types'

// A session's auto-reply: ordered rules (the first enabled rule that matches answers) and echo (what no rule
// answered is sent back as it came). Part of the session's options, saved in profiles, changeable on an open
// session (`session:set-auto-reply`). The reply text is a template, compiled by the engine.

export const AutoReplyLimits = {
  maxRules: 64,
  maxMatchChars: 4_096,
  maxReplyChars: 64 * 1024,
  maxDelayMs: 60_000,
} as const

export const replyEncodingSchema = z.enum(['text', 'hex'])

export const autoReplyRuleSchema = z
  .strictObject({
    matchType: z.enum(matchTypeNames),
    /** Text with the payload codec's escapes; a JavaScript regex; hex bytes with `??` for any byte. */
    match: z.string().min(1, 'Match must not be empty').max(AutoReplyLimits.maxMatchChars),
    /** Text with escapes, or hex bytes; `{{1}}`, `{{2}}` … insert a regex's captures. */
    reply: z.string().max(AutoReplyLimits.maxReplyChars).default(''),
    replyEncoding: replyEncodingSchema.default('text'),
    /** Wait this long before replying. */
    delayMs: z.number().int().min(0).max(AutoReplyLimits.maxDelayMs).default(0),
    enabled: z.boolean().default(true),
  })
  .superRefine((rule, context) => {
    const matcher = compileMatch(rule.matchType, rule.match)
    if (typeof matcher === 'string') {
      context.addIssue({
        code: 'custom',
        path: ['match'],
        message: matcher,
        params: matchRefusal(rule.matchType, rule.match, matcher),
      })
    }
  })

export const autoReplySchema = z.strictObject({
  rules: z.array(autoReplyRuleSchema).max(AutoReplyLimits.maxRules).default([]),
  /** Answer every message no rule answered with itself. */
  echo: z.boolean().default(false),
})

/** A session's auto-reply option; absent means none (options and profiles written before it read as they did). */
export const autoReplyOptionSchema = autoReplySchema.optional()

export type AutoReplyRule = z.output<typeof autoReplyRuleSchema>
export type AutoReplyRuleInput = z.input<typeof autoReplyRuleSchema>
export type AutoReply = z.output<typeof autoReplySchema>
export type AutoReplyInput = z.input<typeof autoReplySchema>
export type ReplyEncoding = z.output<typeof replyEncodingSchema>
