// Splits a template into literal runs and `{{…}}` macros, keeping where each starts so errors can point at it.

export type TemplatePiece =
  | { kind: 'literal'; start: number; end: number }
  /** `body` is what stands between the braces; `bodyStart` its index in the input. */
  | { kind: 'macro'; start: number; bodyStart: number; body: string }
  /** `{{` with no `}}` after it. */
  | { kind: 'unclosed'; start: number }

export function scanTemplate(input: string): TemplatePiece[] {
  const pieces: TemplatePiece[] = []
  let literalStart = 0
  for (let open = input.indexOf('{{'); open !== -1; open = input.indexOf('{{', literalStart)) {
    if (open > literalStart) pieces.push({ kind: 'literal', start: literalStart, end: open })
    const close = input.indexOf('}}', open + 2)
    if (close === -1) {
      pieces.push({ kind: 'unclosed', start: open })
      return pieces
    }
    pieces.push({ kind: 'macro', start: open, bodyStart: open + 2, body: input.slice(open + 2, close) })
    literalStart = close + 2
  }
  if (literalStart < input.length) pieces.push({ kind: 'literal', start: literalStart, end: input.length })
  return pieces
}
