import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { literalTextInCode, literalTextInVueFile, type LiteralText } from './literal-text'

const RENDERER = join(__dirname, '../../renderer/src')
/** The catalogue itself: the one place English and Korean text may be written. */
const CATALOGUE = [/^i18n\//, /^components\/(profiles|auto-reply)\/messages\.ts$/]
/** Shown as they are in every language: protocol and unit names, option values of the OS API. */
const SAME_IN_EVERY_LANGUAGE = new Set(['udp4', 'udp6', 'IPv4', 'IPv6', 'B', 'EACCES'])
/** Literals that look like words but are never shown. */
const NOT_SHOWN = new Set([
  'Enter', // a KeyboardEvent.key compared in a handler
  'translateY( px)', // a CSS transform
  'Home', // a KeyboardEvent.key (a log column back to its width)
  '--log- -width', // a CSS custom property per log column
  'socket-workbench-sequence- .yaml', // the file name of a recorded sequence
])

function rendererFiles(): string[] {
  return readdirSync(RENDERER, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(vue|ts)$/.test(file) && !file.endsWith('.d.ts'))
    .filter((file) => !CATALOGUE.some((pattern) => pattern.test(file.split('\\').join('/'))))
}

function literalText(file: string): LiteralText[] {
  const source = readFileSync(join(RENDERER, file), 'utf8')
  const found = file.endsWith('.vue') ? literalTextInVueFile(source) : literalTextInCode(source)
  return found.filter((hit) => !SAME_IN_EVERY_LANGUAGE.has(hit.text) && !NOT_SHOWN.has(hit.text))
}

describe('every visible string of the renderer comes from the message catalogue', () => {
  it('finds no text written into a template, a spoken attribute or code outside i18n', () => {
    const files = rendererFiles()
    expect(files.length).toBeGreaterThan(40)
    const offenders = files.flatMap((file) =>
      literalText(file).map(
        (hit) => `${relative(RENDERER, join(RENDERER, file))} (${hit.where}): ${hit.text}`,
      ),
    )
    expect(offenders).toEqual([])
  })

  // The scanner itself must see what this test is for, or the test above proves nothing.
  it('catches a hard-coded button, attribute, ternary and sentence in code', () => {
    const component = `
<script setup lang="ts">
const summary = (n: number) => \`Recording: \${n} written\`
const key = 'capture.record'
if (!ok) throw new Error('Ring capacity must be positive')
</script>
<template>
  <section aria-label="Recording" :title="t('capture.group')">
    <button>{{ active ? 'Stop recording' : t('capture.record') }}</button>
    <button>Export pcapng</button>
    <span>{{ n }} B</span>
  </section>
</template>`
    expect(literalTextInVueFile(component).map((hit) => `${hit.where}: ${hit.text}`)).toEqual([
      'code: Recording:   written',
      'attribute: aria-label="Recording"',
      'expression: Stop recording',
      'text: Export pcapng',
      'text: B',
    ])
  })
})
