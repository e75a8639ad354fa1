import { Script, createContext, type Context } from 'node:vm'
import type { RegexRunner } from '../../../shared'

// A user's regex can backtrack for minutes on a short line ("^(a+)+$" on "aaaa…a!"). It runs here with a time
// budget: node:vm's `timeout` interrupts it (V8 checks for interrupts while backtracking) and the engine stays
// responsive. The budget is the longest the engine can stall once, before the rule is turned off.

/** A regex that ran past its budget; the caller turns its rule off. */
export class RegexTimeout extends Error {
  constructor(readonly budgetMs: number) {
    super(`the regex ran longer than ${budgetMs} ms`)
    this.name = 'RegexTimeout'
  }
}

export const DEFAULT_REGEX_BUDGET_MS = 20

const script = new Script('regex.exec(input)')

/**
 * Runs each regex in one context of its own (made at the first regex: a context costs memory, and most sessions
 * have none), with `budgetMs` at most; throws RegexTimeout past it.
 */
export function budgetedRegexRunner(budgetMs: number = DEFAULT_REGEX_BUDGET_MS): RegexRunner {
  let context: Context | undefined
  return (regex, text) => {
    context ??= createContext({ regex: null, input: '' })
    context.regex = regex
    context.input = text
    try {
      return script.runInContext(context, { timeout: budgetMs }) as RegExpExecArray | null
    } catch (thrown) {
      if ((thrown as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT')
        throw new RegexTimeout(budgetMs)
      throw thrown
    } finally {
      context.regex = null
      context.input = ''
    }
  }
}
