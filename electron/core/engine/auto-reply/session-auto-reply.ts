import {
  CodedError,
  OwnErrorCode,
  compileMatch,
  compileTemplate,
  type AutoReply,
  type AutoReplyRule,
  type CompiledTemplate,
  type Matcher,
  type RegexRunner,
} from '../../../shared'
import { RegexTimeout } from './regex-budget'

// One session's auto-reply: its rules compiled once (when the session opens or the rules change), the first
// enabled rule that matches answers, echo answers what no rule did, and each rule counts its matches. Shared by
// every connection of the session, so "matched N" is the session's count.

/** What to send back, and after how long. */
export interface Answer {
  bytes: Uint8Array<ArrayBuffer>
  delayMs: number
  /** The rule that answered (1-based); undefined for the echo. */
  rule?: number
}

interface CompiledRule {
  matcher: Matcher
  template: CompiledTemplate
  delayMs: number
  enabled: boolean
}

const invalidRule = (sessionId: string | undefined, index: number, problem: string): CodedError =>
  new CodedError(OwnErrorCode.invalidRequest, `auto-reply rule ${index + 1}: ${problem}`, sessionId)

const ruleTimedOut = (
  sessionId: string,
  index: number,
  rule: AutoReplyRule,
  budgetMs: number,
  bytes: number,
) =>
  new CodedError(
    OwnErrorCode.ruleTimeout,
    `auto-reply rule ${index + 1} (regex ${rule.match}) ran longer than its ${budgetMs} ms budget on a ${bytes.toLocaleString('en-US')}-byte message and was turned off; the session carries on`,
    sessionId,
  )

function compileRule(
  sessionId: string,
  rule: AutoReplyRule,
  index: number,
  runRegex: RegexRunner,
): CompiledRule {
  const matcher = compileMatch(rule.matchType, rule.match, runRegex)
  if (typeof matcher === 'string') throw invalidRule(sessionId, index, `Match: ${matcher}`)
  // A reply is a template: macros, fields and checksums, and `{{1}}`, `{{2}}` … for a regex's captures.
  const reply = compileTemplate(rule.reply, rule.replyEncoding)
  if (!reply.ok) throw invalidRule(sessionId, index, `Reply: ${reply.error.message}`)
  return { matcher, template: reply.template, delayMs: rule.delayMs, enabled: rule.enabled }
}

export class SessionAutoReply {
  /** Whether anything can answer: checked first on every message, so a session without rules pays one test. */
  active = false
  private settings: AutoReply | undefined
  private rules: CompiledRule[] = []
  private matched: number[] = []
  private echo = false
  private replies = 0

  constructor(
    private readonly sessionId: string,
    private readonly runRegex: RegexRunner,
    settings: AutoReply | undefined,
    /** Told when the engine changes the rules itself (a rule turned off). */
    private readonly onChange: (settings: AutoReply) => void,
  ) {
    this.set(settings)
  }

  /** The rules as they stand, with any the engine turned off. */
  get current(): AutoReply | undefined {
    return this.settings
  }

  /** Compiles every rule first (a bad one is refused with its number and nothing changes); counters restart. */
  set(settings: AutoReply | undefined): void {
    const rules = (settings?.rules ?? []).map((rule, index) =>
      compileRule(this.sessionId, rule, index, this.runRegex),
    )
    this.settings = settings
    this.rules = rules
    this.matched = rules.map(() => 0)
    this.echo = settings?.echo ?? false
    this.active = this.echo || rules.some((rule) => rule.enabled)
  }

  /** Messages each rule answered, in rule order; undefined without rules. */
  matchCounts(): number[] | undefined {
    return this.rules.length === 0 ? undefined : [...this.matched]
  }

  /** The first enabled rule's answer to `data`, else the echo; undefined when nothing answers. */
  answer(data: Uint8Array, report: (error: CodedError) => void): Answer | undefined {
    const { rules } = this
    for (let index = 0; index < rules.length; index++) {
      const rule = rules[index]
      if (!rule.enabled) continue
      let captures
      try {
        captures = rule.matcher(data)
      } catch (thrown) {
        if (!(thrown instanceof RegexTimeout)) throw thrown
        this.turnOff(index)
        report(ruleTimedOut(this.sessionId, index, this.settings!.rules[index], thrown.budgetMs, data.length))
        continue
      }
      if (captures === undefined) continue
      this.matched[index] += 1
      this.replies += 1
      return {
        bytes: rule.template.expand({ counter: this.replies, captures }),
        delayMs: rule.delayMs,
        rule: index + 1,
      }
    }
    // A copy: the reply must own its bytes (a read's buffer may be a view into a larger one).
    return this.echo ? { bytes: new Uint8Array(data), delayMs: 0 } : undefined
  }

  private turnOff(index: number): void {
    this.rules[index].enabled = false
    this.active = this.echo || this.rules.some((rule) => rule.enabled)
    const settings = this.settings!
    this.settings = {
      ...settings,
      rules: settings.rules.map((rule, at) => (at === index ? { ...rule, enabled: false } : rule)),
    }
    this.onChange(this.settings)
  }
}
