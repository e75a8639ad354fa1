import { CodedError, OwnErrorCode, type ErrorInfo } from './errors'

/** The envelope every request returns, whatever the transport: no exception crosses a boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })

export const fail = (error: ErrorInfo): Result<never> => ({ ok: false, error })

/** Turns anything thrown into a coded failure; unknown throws become ERR_INTERNAL without leaking a stack. */
export function toErrorInfo(thrown: unknown): ErrorInfo {
  if (thrown instanceof CodedError) return thrown.toInfo()
  return { code: OwnErrorCode.internal, message: 'An internal error occurred.' }
}
