import type { SocketApi } from '../../../electron/shared/api'

// The one SocketApi the stores talk to: set once at start-up (main.ts), or a fake in tests.
let current: SocketApi | undefined

export function provideSocketApi(api: SocketApi): void {
  current = api
}

export function socketApi(): SocketApi {
  if (!current) throw new Error('provideSocketApi() must run before the stores are used')
  return current
}
