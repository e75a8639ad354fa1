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
    expect(new CodedError('ERR_INVALID_REQUEST', 'bad').sessionId).toBeUndefined()
    expect('sessionId' in new CodedError('ERR_INVALID_REQUEST', 'bad').toInfo()).toBe(false)
  })

  it('own codes are ERR_… names, never an errno name a system error could carry', () => {
    for (const code of Object.values(OwnErrorCode)) expect(code).toMatch(/^ERR_[A-Z_]+$/)
    expect(new Set(Object.values(OwnErrorCode)).size).toBe(Object.values(OwnErrorCode).length)
  })
})

describe('Result', () => {
  it('ok wraps a value', () => {
    expect(ok(42)).toEqual({ ok: true, value: 42 })
  })

  it('fail wraps error info', () => {
    expect(fail({ code: 'ERR_INVALID_REQUEST', message: 'bad' })).toEqual({
      ok: false,
      error: { code: 'ERR_INVALID_REQUEST', message: 'bad' },
    })
  })

  it('toErrorInfo keeps a coded error', () => {
    expect(toErrorInfo(new CodedError('ERR_NO_SESSION', 'no such session', 's1'))).toEqual({
      code: 'ERR_NO_SESSION',
      message: 'no such session',
      sessionId: 's1',
    })
  })

  it.each([new Error('secret /home/user/path'), 'string', null, { code: 'EVIL', message: 'forged' }])(
    'toErrorInfo hides anything else (%s) behind ERR_INTERNAL',
    (thrown) => {
      expect(toErrorInfo(thrown)).toEqual({ code: 'ERR_INTERNAL', message: 'An internal error occurred.' })
    },
  )
})
