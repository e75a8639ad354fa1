import { describe, expect, it } from 'vitest'
import { describeErrorCode, toCodedError } from '../../../electron/core/engine/error-messages'
import { CodedError } from '../../../electron/shared'

const at9000 = { host: '127.0.0.1', port: 9000 }

describe('describeErrorCode', () => {
  const table: Array<[string, { host?: string; port?: number; timeoutMs?: number }, string]> = [
    ['EADDRINUSE', at9000, 'port 9000 on 127.0.0.1 is already in use'],
    ['EADDRINUSE', { host: '::', port: 80 }, 'port 80 on every interface (::) is already in use'],
    ['EADDRINUSE', { host: '127.0.0.1' }, '127.0.0.1 is already in use'],
    [
      'EACCES',
      { host: '0.0.0.0', port: 80 },
      'permission denied for 0.0.0.0:80 (ports below 1024 need administrator rights)',
    ],
    ['EACCES', { host: '255.255.255.255', port: 9000 }, 'permission denied for 255.255.255.255:9000'],
    ['EPERM', at9000, 'the operating system does not permit this on 127.0.0.1:9000'],
    ['EADDRNOTAVAIL', { host: '10.9.9.9', port: 0 }, 'address 10.9.9.9 is not available on this machine'],
    ['ECONNREFUSED', at9000, 'connection to 127.0.0.1:9000 was refused: nothing is listening there'],
    ['ECONNRESET', { host: '::1', port: 9000 }, 'connection to [::1]:9000 was reset by the peer'],
    ['ECONNABORTED', at9000, 'connection to 127.0.0.1:9000 was aborted'],
    ['ETIMEDOUT', { ...at9000, timeoutMs: 300 }, 'connection to 127.0.0.1:9000 timed out after 300 ms'],
    ['ETIMEDOUT', at9000, 'connection to 127.0.0.1:9000 timed out'],
    ['ENOTFOUND', { host: 'x.invalid', port: 80 }, 'host name x.invalid could not be resolved'],
    [
      'EAI_AGAIN',
      { host: 'x.example' },
      'host name x.example could not be resolved right now (DNS did not answer)',
    ],
    ['EHOSTUNREACH', at9000, 'host 127.0.0.1:9000 is unreachable'],
    ['ENETUNREACH', at9000, 'the network of 127.0.0.1:9000 is unreachable'],
    ['EMSGSIZE', at9000, 'message to 127.0.0.1:9000 is too large to send'],
    ['EPIPE', at9000, 'connection to 127.0.0.1:9000 is closed for writing'],
    ['ENOTCONN', at9000, 'socket for 127.0.0.1:9000 is not connected'],
    ['EINVAL', { host: '239.1.2.3' }, 'the operating system refused an invalid argument for 239.1.2.3'],
    ['ENODEV', { host: 'eth9' }, 'no network interface matches eth9'],
    ['ENOBUFS', at9000, 'the operating system ran out of buffer space sending to 127.0.0.1:9000'],
    ['EWHATEVER', at9000, 'socket operation on 127.0.0.1:9000 failed (EWHATEVER)'],
    ['EWHATEVER', { port: 7 }, 'socket operation on port 7 failed (EWHATEVER)'],
    ['EWHATEVER', {}, 'socket operation on the socket failed (EWHATEVER)'],
  ]

  it.each(table)('%s %j → %s', (code, context, sentence) => {
    expect(describeErrorCode(code, context)).toBe(sentence)
  })
})

describe('toCodedError', () => {
  const nodeError = (code: string, extra: Record<string, unknown> = {}): Error =>
    Object.assign(new Error(`${code} raw`), { code, ...extra })

  it("prefers Node's own address and port (a failed bind names the local endpoint)", () => {
    const error = toCodedError(nodeError('EADDRINUSE', { address: '::1', port: 7000 }), at9000, 's1')
    expect(error).toBeInstanceOf(CodedError)
    expect(error.toInfo()).toEqual({
      code: 'EADDRINUSE',
      message: 'port 7000 on ::1 is already in use',
      sessionId: 's1',
    })
  })

  it('reads writes on a destroyed or ended stream as a broken pipe', () => {
    for (const code of ['ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END', 'ERR_SOCKET_CLOSED']) {
      expect(toCodedError(nodeError(code), at9000, 's1').code).toBe('EPIPE')
    }
  })

  it('keeps a CodedError, adding the session id when it has none', () => {
    const own = new CodedError('ERR_SESSION_STATE', 'nope')
    expect(toCodedError(own, at9000, 's2').toInfo()).toEqual({
      code: 'ERR_SESSION_STATE',
      message: 'nope',
      sessionId: 's2',
    })
    const owned = new CodedError('ERR_SESSION_STATE', 'nope', 's1')
    expect(toCodedError(owned, at9000, 's2')).toBe(owned)
  })

  it('hides anything without a code behind EINTERNAL', () => {
    expect(toCodedError(new Error('secret stack'), at9000, 's1').toInfo()).toEqual({
      code: 'ERR_INTERNAL',
      message: 'An internal error occurred.',
      sessionId: 's1',
    })
    expect(toCodedError('a string', at9000, 's1').code).toBe('ERR_INTERNAL')
  })
})
