// Reading Qt's QSettings INI format (what Packet Sender's packets.ini is), as far as an import needs it:
// - `[Section]` and keys are escaped: `%XX` / `%UXXXX` for characters outside [A-Za-z0-9_.-], `\` for `/`
//   (a key "a/b" inside a section is a nested group). We flatten every key to its full "Section/a/b" path;
//   keys of `[General]` are top-level (a group really named "General" is written `[%General]`; both any case).
// - Values: optional double quotes (a value with `;`, `,` or `=` or outer spaces is quoted), C escapes
//   (`\n \t \" \\ …`, `\xHH…` and octal `\0…`, each taking as many digits as follow; the writer escapes a
//   digit that would otherwise be swallowed), and typed values `@Variant(<QDataStream bytes>)`,
//   `@ByteArray(…)`, `@Invalid()`; `@@` stands for a literal `@`.
// A QVariant in a value is a QDataStream of version Qt_4_0: a big-endian quint32 type id (Qt 4 numbering),
// then the value, with no null flag (that arrived in Qt_4_2).

/** Qt 4 type ids of the numbers a QVariant may hold; Qt 5 and 6 still write these in INI files. */
const QtVariantType = { int: 2, uint: 3, longLong: 4, uLongLong: 5, double: 6, float: 135 } as const

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '"': '"',
  '?': '?',
  "'": "'",
  '\\': '\\',
}

/** A section name or key as written, back to its text: `%20` → space, `%U00E9` → é, `\` → `/`. */
export function unescapeIniKey(raw: string): string {
  return raw.replace(/\\|%U([0-9A-Fa-f]{4})|%([0-9A-Fa-f]{2})/g, (match, wide?: string, narrow?: string) =>
    match === '\\' ? '/' : String.fromCharCode(parseInt((wide ?? narrow)!, 16)),
  )
}

/** A value as written, back to its text: quotes removed, escapes decoded, unquoted outer spaces dropped. */
export function unescapeIniValue(raw: string): string {
  let result = ''
  let quoted = false
  let i = 0
  // Unquoted spaces at the end are not part of the value; `keep` marks how much must be kept.
  let keep = 0
  while (i < raw.length) {
    const ch = raw[i]!
    if (ch === '"') {
      quoted = !quoted
      i++
      keep = result.length
      continue
    }
    if (ch !== '\\') {
      result += ch
      i++
      if (quoted || (ch !== ' ' && ch !== '\t')) keep = result.length
      continue
    }
    const next = raw[i + 1]
    i += 2
    if (next === undefined) break
    if (next in SIMPLE_ESCAPES) {
      result += SIMPLE_ESCAPES[next]
    } else if (next === 'x') {
      const digits = /^[0-9A-Fa-f]+/.exec(raw.slice(i))?.[0] ?? ''
      if (digits !== '') result += String.fromCharCode(parseInt(digits, 16) & 0xffff)
      i += digits.length
    } else if (next >= '0' && next <= '7') {
      const digits = next + (/^[0-7]*/.exec(raw.slice(i))?.[0] ?? '')
      result += String.fromCharCode(parseInt(digits, 8) & 0xffff)
      i += digits.length - 1
    }
    // Any other escaped character is dropped, as QSettings does.
    keep = result.length
  }
  return result.slice(0, keep).replace(/^[ \t]+/, '')
}

/**
 * A number held by an `@Variant(…)` body (its characters are the stream's bytes), or undefined when the
 * variant holds something else or is cut short.
 */
export function decodeVariantNumber(body: string): number | undefined {
  const bytes = Uint8Array.from(body, (ch) => ch.charCodeAt(0) & 0xff)
  if (bytes.length < 4) return undefined
  const view = new DataView(bytes.buffer)
  const type = view.getUint32(0)
  const size = type === QtVariantType.double || type === QtVariantType.longLong ? 8 : 4
  if (type === QtVariantType.uLongLong) return bytes.length >= 12 ? Number(view.getBigUint64(4)) : undefined
  if (bytes.length < 4 + size) return undefined
  switch (type) {
    case QtVariantType.int:
      return view.getInt32(4)
    case QtVariantType.uint:
      return view.getUint32(4)
    case QtVariantType.longLong:
      return Number(view.getBigInt64(4))
    case QtVariantType.double:
      return view.getFloat64(4)
    case QtVariantType.float:
      // Stored as a 32-bit float; rounded so 0.1 s reads as 0.1, not 0.10000000149.
      return Number(view.getFloat32(4).toPrecision(7))
    default:
      return undefined
  }
}

/** A typed value (`@Variant(…)` and friends) as a number or text; plain text as itself. */
export function readIniValue(text: string): string | number | undefined {
  if (text.startsWith('@@')) return text.slice(1)
  if (!text.startsWith('@') || !text.endsWith(')')) return text
  if (text.startsWith('@Variant(')) return decodeVariantNumber(text.slice('@Variant('.length, -1))
  if (text.startsWith('@ByteArray(')) return text.slice('@ByteArray('.length, -1)
  if (text === '@Invalid()') return undefined
  return text
}

/** Whether `text` looks like an INI file: its first line that says anything is a `[section]`. */
export function looksLikeIni(text: string): boolean {
  const first = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .find((line) => line.trim() !== '' && !/^\s*[;#]/.test(line))
  return first !== undefined && /^\s*\[[^\]]+\]\s*$/.test(first)
}

/**
 * Every key of a QSettings INI text by its full path ("Section/key"), values unescaped but still raw
 * (pass them to readIniValue). Lines that are neither a section, a comment nor `key=value` are ignored,
 * as QSettings ignores them; a key given twice keeps its last value.
 */
export function readQSettingsIni(text: string): Map<string, string> {
  const values = new Map<string, string>()
  let prefix = ''
  for (const line of text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)) {
    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith(';') || trimmed.startsWith('#')) continue
    const section = /^\[(.*)\]$/.exec(trimmed)
    if (section) {
      const raw = section[1]!.trim()
      const name = /^%general$/i.test(raw) ? raw.slice(1) : unescapeIniKey(raw)
      prefix = /^general$/i.test(raw) ? '' : `${name}/`
      continue
    }
    const equals = line.indexOf('=')
    if (equals <= 0) continue
    const key = unescapeIniKey(line.slice(0, equals).trim())
    values.set(prefix + key, unescapeIniValue(line.slice(equals + 1)))
  }
  return values
}
