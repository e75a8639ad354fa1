import { describe, expect, it } from 'vitest'
import {
  decodeVariantNumber,
  looksLikeIni,
  readIniValue,
  readQSettingsIni,
  unescapeIniKey,
  unescapeIniValue,
} from '../../electron/shared/profiles/qsettings-ini'

describe('QSettings INI keys', () => {
  it.each([
    ['DNS%20example.com', 'DNS example.com'],
    ['caf%U00E9', 'café'],
    ['1\\name', '1/name'],
    ['100%25', '100%'],
    ['plain_key-1.0', 'plain_key-1.0'],
  ])('%s reads as %s', (raw, expected) => {
    expect(unescapeIniKey(raw)).toBe(expected)
  })
})

describe('QSettings INI values', () => {
  it.each([
    ['plain text', 'plain text'],
    ['"quoted, with comma "', 'quoted, with comma '],
    ['  unquoted outer spaces  ', 'unquoted outer spaces'],
    ['tab\\there\\nline', 'tab\there\nline'],
    ['say \\"hi\\" \\\\ done', 'say "hi" \\ done'],
    // A hex escape takes every hex digit after it; the writer escapes a following digit to stop it.
    ['\\x87\\x31', '\x871'],
    ['\\0\\0\\x87', '\0\0\x87'],
    ['\\101', 'A'],
    ['', ''],
  ])('%j reads as %j', (raw, expected) => {
    expect(unescapeIniValue(raw)).toBe(expected)
  })
})

describe('QVariant numbers (QDataStream Qt_4_0)', () => {
  const variant = (raw: string) => readIniValue(unescapeIniValue(raw))

  it.each([
    // Packet Sender's `repeat`, a float: type 135 then four big-endian bytes.
    ['@Variant(\\0\\0\\0\\x87\\0\\0\\0\\0)', 0],
    ['@Variant(\\0\\0\\0\\x87?\\xc0\\0\\0)', 1.5],
    ['@Variant(\\0\\0\\0\\x87@\\0\\0\\0)', 2],
    ['@Variant(\\0\\0\\0\\x87=\\xcc\\xcc\\xcd)', 0.1],
    // A double (type 6), an int (type 2).
    ['@Variant(\\0\\0\\0\\x6?\\xf8\\0\\0\\0\\0\\0\\0)', 1.5],
    ['@Variant(\\0\\0\\0\\x2\\xff\\xff\\xff\\xfe)', -2],
  ])('%s is %d', (raw, expected) => {
    expect(variant(raw)).toBe(expected)
  })

  it('gives undefined for a variant of another type or one cut short', () => {
    expect(variant('@Variant(\\0\\0\\0\\n\\0\\0\\0\\0)')).toBeUndefined()
    expect(decodeVariantNumber('\0\0\0\x87\0')).toBeUndefined()
    expect(decodeVariantNumber('')).toBeUndefined()
  })

  it('reads the other typed values and the @@ escape', () => {
    expect(readIniValue('@@at sign')).toBe('@at sign')
    expect(readIniValue('@ByteArray(raw)')).toBe('raw')
    expect(readIniValue('@Invalid()')).toBeUndefined()
    expect(readIniValue('42')).toBe('42')
  })
})

describe('readQSettingsIni', () => {
  it('flattens sections and nested keys to full paths, [General] to the top level', () => {
    const values = readQSettingsIni(
      [
        '\uFEFF[General]',
        'top=1',
        '',
        '; a comment',
        '[NAMES]',
        '1\\name=First packet',
        'size=1',
        '[First%20packet]',
        'hexString="41 42 "',
        'not a key line',
        '[%General]',
        'x=y',
      ].join('\r\n'),
    )
    expect([...values]).toEqual([
      ['top', '1'],
      ['NAMES/1/name', 'First packet'],
      ['NAMES/size', '1'],
      ['First packet/hexString', '41 42 '],
      ['General/x', 'y'],
    ])
  })

  it('tells an INI text from JSON and other text', () => {
    expect(looksLikeIni('\n; comment\n[DNS%20example.com]\nport=53')).toBe(true)
    expect(looksLikeIni('[\n  {"name": "x"}\n]')).toBe(false)
    expect(looksLikeIni('hello')).toBe(false)
    expect(looksLikeIni('')).toBe(false)
  })
})
