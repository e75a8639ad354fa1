import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { formatHex } from '../../../electron/shared/codec'
import { compileTemplate, macroRegistry } from '../../../electron/shared/templates'

// One place to add a macro: a registry entry. This fails when an entry lacks a summary or a working example, or
// when the README's Templates section does not list it.

const names = [...macroRegistry.keys()]
const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')

describe('the macro registry', () => {
  it('holds every macro the UI contract lists', () => {
    for (const name of [
      'counter',
      'time',
      'unixtime',
      'random',
      'uuid',
      'begin',
      'sum8',
      'xor8',
      'crc16-modbus',
      'crc16-ccitt-false',
      'crc16-xmodem',
      'crc32',
      'u8',
      'u16be',
      'u16le',
      'u32be',
      'u32le',
      'u64be',
      'u64le',
      'f32be',
      'f32le',
      'f64be',
      'f64le',
    ]) {
      expect(names).toContain(name)
    }
  })

  it.each(names)('%s: has a summary and its example expands as it says', (name) => {
    const entry = macroRegistry.get(name)!
    expect(entry.summary.trim()).not.toBe('')
    expect(entry.example.input).toContain(`{{${name}`)
    const compiled = compileTemplate(entry.example.input, entry.example.encoding)
    if (!compiled.ok) throw new Error(compiled.error.message)
    const bytes = compiled.template.expand(entry.example.context)
    if (typeof entry.example.expect === 'string') {
      expect(entry.example.expect).not.toBe('')
      expect(formatHex(bytes)).toBe(entry.example.expect)
    } else {
      expect(new TextDecoder().decode(bytes)).toMatch(entry.example.expect)
    }
  })

  it.each(names)('%s: is listed in the README', (name) => {
    const section = readme.slice(readme.indexOf('### Templates'))
    expect(section).toContain(`{{${name}`)
  })
})
