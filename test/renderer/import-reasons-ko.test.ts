import { afterEach, describe, expect, it } from 'vitest'
import {
  ImportError,
  ImportReasonCode,
  importIssue,
  parseImportFile,
  type ImportIssue,
} from '../../electron/shared/profiles'
import { i18n } from '../../renderer/src/i18n'
import { importReasonText } from '../../renderer/src/lib/import-issues'

// Issue 14: the Korean UI says every import problem in Korean. Each refused profile file (one per kind of refusal
// the schemas give) is said as the import panel says it (importReasonText); what is left once the field names and
// values it quotes are taken out must hold no Latin letter, i.e. no English sentence of zod or of our schemas.

/** Real profile files with one problem each (test/shared/import-reasons.test.ts checks what each must say). */
const refusedTexts: Record<string, string> = import.meta.glob('../fixtures/profiles/refused/*.json', {
  query: '?raw',
  import: 'default',
  eager: true,
})
const refusedFiles = Object.entries(refusedTexts).map(([path, text]) => ({
  file: path.slice(path.lastIndexOf('/') + 1),
  text,
}))
const refusedFile = (name: string): string => refusedFiles.find(({ file }) => file === `${name}.json`)!.text

/** Technical names the Korean sentences keep as they are written. */
const KEPT_AS_WRITTEN = ['ALPN', 'ASCII', 'DNS', 'NUL', 'PFX', 'TLS']

function issueOf(file: string): ImportIssue {
  try {
    parseImportFile(file)
  } catch (error) {
    if (error instanceof ImportError) return error.details[0]!
    throw error
  }
  throw new Error('expected an import refusal')
}

/**
 * The sentence without the field names and values it quotes and the names kept as written. A `detail` is an
 * English sentence (zod's, a regex engine's), never a value to quote: it stays in.
 */
function withoutQuoted(sentence: string, issue: ImportIssue): string {
  const values = Object.entries(issue.reason.params).filter(([name]) => name !== 'detail')
  const quoted = [...values.map(([, value]) => String(value)), ...KEPT_AS_WRITTEN]
  return quoted
    .sort((a, b) => b.length - a.length)
    .reduce((rest, value) => (value === '' ? rest : rest.split(value).join('')), sentence)
}

describe('import reasons in Korean', () => {
  afterEach(() => {
    i18n.global.locale.value = 'en'
  })

  it('says every kind of refusal of a profile file without English', () => {
    i18n.global.locale.value = 'ko'
    expect(refusedFiles.length).toBeGreaterThan(30)
    for (const { file, text } of refusedFiles) {
      const issue = issueOf(text)
      const sentence = importReasonText(issue)
      expect(sentence, file).toMatch(/[가-힣]/)
      expect(withoutQuoted(sentence, issue), `${file}: ${sentence}`).not.toMatch(/[A-Za-z]/)
    }
  })

  it('names the field and where the problem is', () => {
    i18n.global.locale.value = 'ko'
    const [escape, unknown, kind] = [
      'a-delimiter-with-an-unknown-escape',
      'an-unknown-field',
      'a-connection-of-an-unknown-kind',
    ].map((name) => importReasonText(issueOf(refusedFile(name))))
    expect(escape).toBe('connection.framing.delimiter: 1번째 줄 3번째 글자의 이스케이프가 올바르지 않습니다.')
    expect(unknown).toBe('connection.colour, connection.size: 알 수 없는 필드입니다.')
    expect(kind).toBe(
      'connection.kind: 다음 중 하나여야 합니다: tcp-client, tcp-server, udp, tcp-relay, udp-relay.',
    )
  })

  it('does not quote the English detail of an unforeseen refusal, which the English keeps', () => {
    const issue = importIssue(1, {
      code: ImportReasonCode.fieldInvalid,
      params: { field: 'connection.port', detail: 'Invalid input: something new' },
    })
    i18n.global.locale.value = 'ko'
    expect(importReasonText(issue)).toBe('connection.port: 값이 올바르지 않습니다.')
    i18n.global.locale.value = 'en'
    expect(importReasonText(issue)).toBe('connection.port: Invalid input: something new')
    expect(issue.message).toBe('connection.port: Invalid input: something new')
  })

  it('says each in English too, naming the field first', () => {
    i18n.global.locale.value = 'en'
    for (const { file, text } of refusedFiles) {
      const issue = issueOf(text)
      const sentence = importReasonText(issue)
      expect(sentence.startsWith(`${issue.reason.params.field}: `), `${file}: ${sentence}`).toBe(true)
      expect(sentence, file).not.toMatch(/[가-힣]/)
    }
  })
})
