import {
  AutoReplyLimits,
  autoReplySchema,
  type AutoReplyInput,
  type MatchType,
  type ReplyEncoding,
} from '../../../../electron/shared/auto-reply'
import { fieldError, integer, label } from './form-fields'

// The Auto-reply controls as typed (delays as text), as the request's `autoReply` option and back. No rules and no
// echo leave the option out, so a request (and a profile) without auto-reply looks as it did before it existed.

export interface RuleFields {
  matchType: MatchType
  match: string
  reply: string
  replyEncoding: ReplyEncoding
  delayMs: string
  enabled: boolean
}

export interface AutoReplyFields {
  rules: RuleFields[]
  echo: boolean
}

export const newRuleFields = (): RuleFields => ({
  matchType: 'contains',
  match: '',
  reply: '',
  replyEncoding: 'text',
  delayMs: '0',
  enabled: true,
})

export const defaultAutoReplyFields = (): AutoReplyFields => ({ rules: [], echo: false })

/** Sets the fields from a saved option (absent: none). */
export function fillAutoReply(fields: AutoReplyFields, autoReply: AutoReplyInput | undefined): void {
  fields.echo = autoReply?.echo ?? false
  fields.rules = (autoReply?.rules ?? []).map((rule) => ({
    ...newRuleFields(),
    ...rule,
    delayMs: String(rule.delayMs ?? 0),
  }))
}

/** The option the fields describe, or undefined for none; a field the user must correct throws FieldError. */
export function autoReplyFromFields(fields: AutoReplyFields): AutoReplyInput | undefined {
  if (fields.rules.length === 0 && !fields.echo) return undefined
  const autoReply = {
    echo: fields.echo,
    rules: fields.rules.map((rule) => ({
      ...rule,
      delayMs: integer(rule.delayMs, 'autoReply.delay', 0, AutoReplyLimits.maxDelayMs),
    })),
  }
  const parsed = autoReplySchema.safeParse(autoReply)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const [, index, field] = issue?.path ?? []
    fieldError('autoReply.invalidRule', {
      rule: typeof index === 'number' ? index + 1 : 1,
      field: label(`autoReply.field.${String(field ?? 'match')}`),
      message: issue?.message ?? '',
    })
  }
  return autoReply
}
