// `{{name}}` in a send or an expectation stands for a variable: the sequence's `variables:`, the captures of
// earlier regex expectations ({{1}}, {{2}}, named groups), and {{counter}} (the round of the enclosing repeat).
// Names that are not variables are left as written, for the template macros to expand.

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g

const asIs = (value: string): string => value

export function substituteVariables(
  text: string,
  variables: Readonly<Record<string, string>>,
  escape: (value: string) => string = asIs,
): string {
  if (!text.includes('{{')) return text
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(variables, name) ? escape(variables[name]!) : whole,
  )
}
