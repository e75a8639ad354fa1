// Finds user-facing text written straight into renderer source instead of taken from the message catalogue:
// template text, user-facing attributes, and sentence-like string literals in template expressions and code.
import { parse } from '@vue/compiler-sfc'

export interface LiteralText {
  where: 'text' | 'attribute' | 'expression' | 'code'
  text: string
}

/** Attributes a person reads or hears. */
const SPOKEN_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'title', 'placeholder', 'alt', 'label'])
const LETTER = /[A-Za-z\uAC00-\uD7A3]/

/** The string literals of a piece of code, template literals with their `${…}` parts taken out (scanned too). */
export function stringLiterals(code: string): { text: string; before: string }[] {
  const found: { text: string; before: string }[] = []
  let index = 0
  const endOf = (at: number, length: number): number => (at === -1 ? code.length : at + length)
  const scan = (stopAtBrace: boolean): void => {
    let depth = 0
    while (index < code.length) {
      const char = code[index]!
      if (char === '/' && code[index + 1] === '/') index = endOf(code.indexOf('\n', index), 0)
      else if (char === '/' && code[index + 1] === '*') index = endOf(code.indexOf('*/', index), 2)
      else if (char === "'" || char === '"' || char === '`') readString(char)
      else {
        if (char === '{') depth++
        if (char === '}' && depth-- === 0 && stopAtBrace) return
        index++
      }
    }
  }
  const readString = (quote: string): void => {
    const start = index
    let text = ''
    index++
    while (index < code.length && code[index] !== quote) {
      if (code[index] === '\\') {
        text += code.slice(index, index + 2)
        index += 2
      } else if (quote === '`' && code.startsWith('${', index)) {
        index += 2
        scan(true)
        index++
        text += ' '
      } else text += code[index++]
    }
    index++
    found.push({ text, before: code.slice(Math.max(0, start - 16), start) })
  }
  scan(false)
  return found
}

/** Two words or more, or a capitalised word: what a sentence, label or button name looks like. */
const looksLikeWords = (text: string): boolean =>
  /[A-Za-z]{2,}[^\sA-Za-z]*\s+[^A-Za-z]*[A-Za-z]{2,}/.test(text) || /^[A-Z][a-z]+\b/.test(text.trim())
/** A literal thrown at the programmer, never shown to a user. */
const isProgrammerError = (before: string): boolean => /Error\($/.test(before.trimEnd())

export function literalTextInCode(code: string): LiteralText[] {
  return stringLiterals(code)
    .filter(({ text, before }) => looksLikeWords(text) && !isProgrammerError(before))
    .map(({ text }) => ({ where: 'code', text }))
}

interface TemplateNode {
  type: number
  content?: string | { content: string }
  props?: { type: number; name: string; value?: { content: string }; exp?: { content: string } }[]
  children?: TemplateNode[]
}
const NODE_ELEMENT = 1
const NODE_TEXT = 2
const NODE_INTERPOLATION = 5
const PROP_ATTRIBUTE = 6
const PROP_DIRECTIVE = 7

export function literalTextInVueFile(source: string): LiteralText[] {
  const { descriptor } = parse(source)
  const found: LiteralText[] = []
  for (const block of [descriptor.script, descriptor.scriptSetup]) {
    if (block) found.push(...literalTextInCode(block.content))
  }
  const walk = (node: TemplateNode): void => {
    if (node.type === NODE_TEXT && typeof node.content === 'string' && LETTER.test(node.content))
      found.push({ where: 'text', text: node.content.trim() })
    if (node.type === NODE_INTERPOLATION && typeof node.content === 'object')
      found.push(
        ...literalTextInCode(node.content.content).map((hit) => ({ ...hit, where: 'expression' as const })),
      )
    for (const prop of node.type === NODE_ELEMENT ? (node.props ?? []) : []) {
      if (
        prop.type === PROP_ATTRIBUTE &&
        SPOKEN_ATTRIBUTES.has(prop.name) &&
        LETTER.test(prop.value?.content ?? '')
      )
        found.push({ where: 'attribute', text: `${prop.name}="${prop.value!.content}"` })
      if (prop.type === PROP_DIRECTIVE && prop.exp)
        found.push(
          ...literalTextInCode(prop.exp.content).map((hit) => ({ ...hit, where: 'expression' as const })),
        )
    }
    node.children?.forEach(walk)
  }
  if (descriptor.template) walk(descriptor.template.ast as unknown as TemplateNode)
  return found
}
