import { describe, expect, it } from 'vitest'
import { CodedError, OwnErrorCode } from '../../electron/shared/errors'
import { fail, ok, toErrorInfo } from '../../electron/shared/result'

describe('CodedError', () => {
  it('is an Error with a code and a message', () => {
    const error = new CodedError('EADDRINUSE', 'port 9000 on 127.0.0.1 is already in use')
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('CodedError')
    expect(error.code).toBe('EADDRINUSE')
    expect(error.message).toBe('port 9000 on 127.0.0.1 is already in use')
    expect(error.toInfo()).toEqual({
      code: 'EADDRINUSE',
      message: 'port 9000 on 127.0.0.1 is already in use',
    })
  })

  it('carries the session id only when given', () => {
    expect(new CodedError('ECONNRESET', 'reset', 's7').toInfo()).toEqual({
      code: 'ECONNRESET',
      message: 'reset',
      sessionId: 's7',
    })
    expect(new CodedError('EINVAL', 'bad').sessionId).toBeUndefined()
    expect('sessionId' in new CodedError('EINVAL', 'bad').toInfo()).toBe(false)
  })

  it('own codes look like Node codes', () => {
    for (const code of Object.values(OwnErrorCode)) expect(code).toMatch(/^E[A-Z]+$/)
    expect(new Set(Object.values(OwnErrorCode)).size).toBe(Object.values(OwnErrorCode).length)
  })
})

describe('Result', () => {
  it('ok wraps a value', () => {
    expect(ok(42)).toEqual({ ok: true, value: 42 })
  })

  it('fail wraps error info', () => {
    expect(fail({ code: 'EINVAL', message: 'bad' })).toEqual({
      ok: false,
      error: { code: 'EINVAL', message: 'bad' },
    })
  })

  it('toErrorInfo keeps a coded error', () => {
    expect(toErrorInfo(new CodedError('ENOSESSION', 'no such session', 's1'))).toEqual({
      code: 'ENOSESSION',
      message: 'no such session',
      sessionId: 's1',
    })
  })

  it.each([new Error('secret /home/user/path'), 'string', null, { code: 'EVIL', message: 'forged' }])(
    'toErrorInfo hides anything else (%s) behind EINTERNAL',
    (thrown) => {
      expect(toErrorInfo(thrown)).toEqual({ code: 'EINTERNAL', message: 'An internal error occurred.' })
    },
  )
})
