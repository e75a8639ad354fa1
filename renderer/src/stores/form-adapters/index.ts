import type { KindRequest, SessionKind } from '../../../../electron/shared/kinds'
import type { FormAdapter } from './form-adapter'
import type { FormFields } from './form-fields'
import { tcpRelayForm, udpRelayForm } from './relay-form'
import { tcpClientForm } from './tcp-client-form'
import { tcpServerForm } from './tcp-server-form'
import { udpForm } from './udp-form'

export { defaultFields, FieldError, type FormFields } from './form-fields'
export type { AddressFamily, TriState, UdpType } from './form-fields'

/** The form adapter of each kind; the compiler refuses a kind without one. */
export const formAdapters: { [K in SessionKind]: FormAdapter<K> } = {
  'tcp-client': tcpClientForm,
  'tcp-server': tcpServerForm,
  udp: udpForm,
  'tcp-relay': tcpRelayForm,
  'udp-relay': udpRelayForm,
}

/** The adapter of `kind`, typed for any kind's request (sound: callers pass that kind's request). */
export function formAdapterOf(kind: SessionKind): FormAdapter<SessionKind> & {
  fill(fields: FormFields, request: KindRequest<SessionKind>): void
} {
  return formAdapters[kind] as unknown as FormAdapter<SessionKind>
}
