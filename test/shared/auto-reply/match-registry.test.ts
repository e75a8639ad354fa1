import { describe, expect, it } from 'vitest'
import {
  autoReplyRuleSchema,
  compileMatch,
  matchTypeNames,
  matchTypes,
  type MatchTypeEntry,
} from '../../../electron/shared/auto-reply'
import { ImportReasonCode } from '../../../electron/shared/profiles/import-reasons'

// One place to add a match type: its registry entry. This fails when the schema offers a type the registry
// lacks (or the reverse), or when an entry cannot compile its own example, misses its hit or hits its miss, or
// accepts the text it should refuse, or refuses it without an import reason of its own.

const schemaTypes = autoReplyRuleSchema.shape.matchType.options

describe('the match type registry', () => {
  it('has one entry per match type of the schema, and no other', () => {
    expect([...matchTypeNames].sort()).toEqual([...schemaTypes].sort())
    expect(matchTypeNames).toEqual(['exact', 'prefix', 'contains', 'suffix', 'regex', 'hex'])
  })

  it.each(matchTypeNames)(
    '%s: its example compiles, matches its hit with its captures and not its miss',
    (type) => {
      const entry: MatchTypeEntry = matchTypes[type]
      expect(Object.keys(entry).sort()).toEqual(['compile', 'example', 'refusal'])
      const { match, hit, captures, miss } = entry.example
      const matcher = compileMatch(type, match)
      if (typeof matcher === 'string') throw new Error(`${type}: ${matcher}`)
      expect(matcher(hit)).toEqual(captures)
      expect(matcher(miss)).toBeUndefined()
      expect(autoReplyRuleSchema.safeParse({ matchType: type, match }).success).toBe(true)
    },
  )

  it.each(matchTypeNames)('%s: refuses its example of a bad match text with an import reason', (type) => {
    const { refused } = matchTypes[type].example
    const message = compileMatch(type, refused)
    if (typeof message !== 'string') throw new Error(`${type} accepted ${refused}`)
    const parsed = autoReplyRuleSchema.safeParse({ matchType: type, match: refused })
    expect(parsed.success).toBe(false)
    const issue = parsed.error?.issues[0] as { message: string; params?: { reason?: string } }
    expect(issue.message).toBe(message)
    expect(Object.values(ImportReasonCode)).toContain(issue.params?.reason)
    expect(issue.params).toEqual((matchTypes[type] as MatchTypeEntry).refusal(refused, message))
  })
})
