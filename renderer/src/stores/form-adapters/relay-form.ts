import type { KindRequest } from '../../../../electron/shared/kinds'
import type { FormAdapter } from './form-adapter'
import { datagramFramingOption, fillFraming, framingOption } from './framing-form'
import {
  fieldText,
  integer,
  optionalInteger,
  optionalText,
  requiredHost,
  type FormFields,
} from './form-fields'

/** What both relays share: where they listen, where they forward to, and any saved faults. */
function relayEndpoints(fields: FormFields) {
  const host = optionalText(fields.relayHost)
  return {
    ...(host !== undefined && { host }),
    port: optionalInteger(fields.relayPort, 'form.localPort', 0, 65_535) ?? 0,
    upstreamHost: requiredHost(fields.upstreamHost, 'form.upstreamHost'),
    upstreamPort: integer(fields.upstreamPort, 'form.upstreamPort', 1, 65_535),
    ...(fields.relayFaults !== undefined && { faults: fields.relayFaults }),
  }
}

function fillEndpoints(
  fields: FormFields,
  request: KindRequest<'tcp-relay'> | KindRequest<'udp-relay'>,
): void {
  fields.relayHost = request.host ?? ''
  fields.relayPort = fieldText(request.port)
  fields.upstreamHost = request.upstreamHost
  fields.upstreamPort = fieldText(request.upstreamPort)
  fields.relayFaults = request.faults
  fillFraming(fields, request.framing)
}

const relayLabels = {
  host: 'form.bindAddress',
  port: 'form.localPort',
  upstreamHost: 'form.upstreamHost',
  upstreamPort: 'form.upstreamPort',
}

export const tcpRelayForm: FormAdapter<'tcp-relay'> = {
  toRequest(fields) {
    return {
      kind: 'tcp-relay',
      ...relayEndpoints(fields),
      connectTimeoutMs: integer(fields.connectTimeoutMs, 'form.connectTimeout', 1, 600_000),
      ...framingOption(fields),
    }
  },
  fill(fields, request) {
    fillEndpoints(fields, request)
    if (request.connectTimeoutMs !== undefined) fields.connectTimeoutMs = fieldText(request.connectTimeoutMs)
  },
  fieldLabels: relayLabels,
}

export const udpRelayForm: FormAdapter<'udp-relay'> = {
  toRequest(fields) {
    return {
      kind: 'udp-relay',
      ...relayEndpoints(fields),
      idleTimeoutMs: integer(fields.relayIdleTimeoutMs, 'form.idleTimeout', 100, 86_400_000),
      ...datagramFramingOption(fields),
    }
  },
  fill(fields, request) {
    fillEndpoints(fields, request)
    if (request.idleTimeoutMs !== undefined) fields.relayIdleTimeoutMs = fieldText(request.idleTimeoutMs)
  },
  fieldLabels: relayLabels,
}
