import type { Component } from 'vue'
import type { SessionKind } from '../../../../electron/shared/kinds'
import TcpClientFields from './TcpClientFields.vue'
import TcpServerFields from './TcpServerFields.vue'
import TcpRelayFields from './TcpRelayFields.vue'
import UdpFields from './UdpFields.vue'
import UdpRelayFields from './UdpRelayFields.vue'

/** What the "New session" form shows for a kind: its fields and the word on its submit button. */
export interface KindFormView {
  fields: Component
  submitKey: string
}

/** One entry per kind; the compiler refuses a kind without one. */
export const kindFormViews: { [K in SessionKind]: KindFormView } = {
  'tcp-client': { fields: TcpClientFields, submitKey: 'form.connect' },
  'tcp-server': { fields: TcpServerFields, submitKey: 'form.listen' },
  udp: { fields: UdpFields, submitKey: 'form.bind' },
  'tcp-relay': { fields: TcpRelayFields, submitKey: 'form.startRelay' },
  'udp-relay': { fields: UdpRelayFields, submitKey: 'form.startRelay' },
}
