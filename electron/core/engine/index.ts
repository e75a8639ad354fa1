export { SessionManager, type SessionManagerOptions } from './session-manager'
export { describeErrorCode, type ErrorContext } from './error-messages'
