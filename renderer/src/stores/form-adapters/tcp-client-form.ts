import { Limits } from '../../../../electron/shared/limits'
import type { FormAdapter } from './form-adapter'
import { fillFraming, framingOption } from './framing-form'
import { clientTlsOption, fillClientTls } from './tls-form'
import { fieldText, integer, optionalInteger, optionalText, requiredHost } from './form-fields'

export const tcpClientForm: FormAdapter<'tcp-client'> = {
  toRequest(fields) {
    const localAddress = optionalText(fields.clientLocalAddress)
    const localPort = optionalInteger(fields.clientLocalPort, 'form.localPort', 0, 65_535)
    return {
      kind: 'tcp-client',
      host: requiredHost(fields.clientHost, 'form.remoteHost'),
      port: integer(fields.clientPort, 'form.remotePort', 1, 65_535),
      ...(localAddress !== undefined && { localAddress }),
      ...(localPort !== undefined && { localPort }),
      family: fields.family,
      connectTimeoutMs: integer(
        fields.connectTimeoutMs,
        'form.connectTimeout',
        1,
        Limits.maxConnectTimeoutMs,
      ),
      noDelay: fields.noDelay,
      keepAlive: fields.keepAlive,
      keepAliveInitialDelayMs: integer(fields.keepAliveInitialDelayMs, 'form.keepAliveDelay', 0, 86_400_000),
      halfOpen: fields.halfOpen,
      ...framingOption(fields),
      ...clientTlsOption(fields),
    }
  },
  fill(fields, request) {
    fields.clientHost = request.host
    fields.clientPort = fieldText(request.port)
    fields.clientLocalAddress = request.localAddress ?? ''
    fields.clientLocalPort = fieldText(request.localPort)
    fields.family = request.family ?? 'auto'
    if (request.connectTimeoutMs !== undefined) fields.connectTimeoutMs = fieldText(request.connectTimeoutMs)
    fields.noDelay = request.noDelay ?? true
    fields.keepAlive = request.keepAlive ?? false
    if (request.keepAliveInitialDelayMs !== undefined)
      fields.keepAliveInitialDelayMs = fieldText(request.keepAliveInitialDelayMs)
    fields.halfOpen = request.halfOpen ?? false
    fillFraming(fields, request.framing)
    fillClientTls(fields, request.tls)
  },
}
