import { describe, expect, it } from 'vitest'
import {
  expectationTypeOf,
  reportFailure,
  type ExpectationKind,
  type Matcher,
  type ReceivedView,
} from '../../../electron/shared/sequences'

// The expectation registry's matchers, pure: a byte stream is judged on its bytes whatever the chunks were;
// frames and datagrams one message at a time.

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)
const stream = (text: string, closed = false): ReceivedView => ({ mode: 'stream', data: bytes(text), closed })
const message = (text: string | undefined, closed = false): ReceivedView => ({
  mode: 'messages',
  data: text === undefined ? undefined : bytes(text),
  closed,
})

function matcher(
  kind: ExpectationKind,
  value: unknown,
  options: Record<string, unknown> = {},
  variables: Record<string, string> = {},
): Matcher {
  const made = expectationTypeOf(kind).compile(value, options, (text, escape = (v) => v) =>
    text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
      name in variables ? escape(variables[name]!) : whole,
    ),
  )
  if (typeof made === 'string') throw new Error(made)
  return made
}

describe('expectations', () => {
  it('equals waits for enough bytes, takes just those, and fails at the first differing byte without waiting', () => {
    const equals = matcher('equals', 'hello\\n')
    expect(equals.check(stream('hel'))).toEqual({ status: 'pending' })
    expect(equals.check(stream('hello\nrest'))).toEqual({ status: 'passed', taken: 6 })
    const verdict = equals.check(stream('heL'))
    expect(verdict.status).toBe('failed')
    if (verdict.status !== 'failed') return
    const report = reportFailure(verdict.failure)
    expect(report.expected).toMatchObject({ text: 'hello\\n', hex: '68 65 6c 6c 6f 0a' })
    expect(report.actual).toMatchObject({ text: 'heL', hex: '68 65 4c' })
    expect(report.firstDifference).toBe(2)
    expect(report.textColumns).toEqual({ expected: 2, actual: 2 })
  })

  it('equals on messages compares the whole next message', () => {
    const equals = matcher('equals', 'ping')
    expect(equals.check(message(undefined))).toEqual({ status: 'pending' })
    expect(equals.check(message('ping'))).toEqual({ status: 'passed', taken: 1 })
    expect(equals.check(message('pingpong')).status).toBe('failed')
  })

  it('a timed-out equals reports what arrived so far, and a closed peer fails at once', () => {
    const equals = matcher('equals', 'abcdef')
    const timedOut = equals.timedOut(stream('abc'), 200)
    expect(timedOut.status === 'failed' && timedOut.failure.message).toBe(
      'expected "abcdef" within 200 ms, received 3 byte(s)',
    )
    expect(equals.check(stream('abc', true)).status).toBe('failed')
  })

  it('contains reads a stream up to the end of the text; on messages the next one must hold it', () => {
    expect(matcher('contains', 'OK').check(stream('noise OK more'))).toEqual({ status: 'passed', taken: 8 })
    expect(matcher('contains', 'OK').check(stream('noise O'))).toEqual({ status: 'pending' })
    expect(matcher('contains', 'OK').check(message('nope')).status).toBe('failed')
  })

  it('regex captures numbered and named groups, and takes UTF-8 bytes up to the match end', () => {
    const verdict = matcher('regex', '(?<word>é+) (\\d+)').check(stream('xéé 42\r\n'))
    expect(verdict).toEqual({ status: 'passed', taken: 8, captures: { '1': 'éé', '2': '42', word: 'éé' } })
    expect(matcher('regex', 'ok', { flags: 'i' }).check(stream('OK')).status).toBe('passed')
  })

  it('regex variables are matched literally', () => {
    const regex = matcher('regex', 'id={{id}}$', {}, { id: 'a.b' })
    expect(regex.check(stream('id=axb')).status).toBe('pending')
    expect(regex.check(stream('id=a.b')).status).toBe('passed')
  })

  it('hex takes ?? as any byte and marks it in the report', () => {
    const hex = matcher('hex', '00 01 ?? 03')
    expect(hex.check(stream('\x00\x01\x7f\x03'))).toEqual({ status: 'passed', taken: 4 })
    const verdict = hex.check(stream('\x00\x02'))
    expect(verdict.status).toBe('failed')
    if (verdict.status === 'failed') expect(reportFailure(verdict.failure).expected?.hex).toBe('00 01 ?? 03')
  })

  it('bytes counts a stream; on messages the next message must be that long', () => {
    expect(matcher('bytes', 3).check(stream('ab'))).toEqual({ status: 'pending' })
    expect(matcher('bytes', 3).check(stream('abcd'))).toEqual({ status: 'passed', taken: 3 })
    expect(matcher('bytes', 3).check(message('abcd')).status).toBe('failed')
  })

  it('frame takes any one message; closed waits for the peer; silence fails on any byte and passes at its end', () => {
    expect(matcher('frame', true).check(message('x'))).toEqual({ status: 'passed', taken: 1 })
    expect(matcher('closed', true).check(stream('', false))).toEqual({ status: 'pending' })
    expect(matcher('closed', true).check(stream('', true))).toEqual({ status: 'passed', taken: 0 })
    const silence = matcher('silence', 100)
    expect(silence.ownWaitMs).toBe(100)
    expect(silence.check(stream(''))).toEqual({ status: 'pending' })
    expect(silence.check(stream('x')).status).toBe('failed')
    expect(silence.timedOut(stream(''), 100)).toEqual({ status: 'passed', taken: 0 })
  })
})
