export { SessionManager, type SessionManagerOptions } from './session-manager'
