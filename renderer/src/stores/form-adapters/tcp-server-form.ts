import type { FormAdapter } from './form-adapter'
import { fillFraming, framingOption } from './framing-form'
import { fillServerTls, serverTlsOption } from './tls-form'
import { fieldText, integer, optionalInteger, optionalText } from './form-fields'

export const tcpServerForm: FormAdapter<'tcp-server'> = {
  toRequest(fields) {
    const host = optionalText(fields.serverHost)
    return {
      kind: 'tcp-server',
      ...(host !== undefined && { host }),
      port: optionalInteger(fields.serverPort, 'form.localPort', 0, 65_535) ?? 0,
      backlog: integer(fields.backlog, 'form.backlog', 1, 65_535),
      maxConnections: integer(fields.maxConnections, 'form.maxConnections', 1, 100_000),
      ipv6Only: fields.ipv6Only,
      exclusive: fields.exclusive,
      halfOpen: fields.halfOpen,
      ...framingOption(fields),
      ...serverTlsOption(fields),
    }
  },
  fill(fields, request) {
    fields.serverHost = request.host ?? ''
    fields.serverPort = fieldText(request.port)
    if (request.backlog !== undefined) fields.backlog = fieldText(request.backlog)
    if (request.maxConnections !== undefined) fields.maxConnections = fieldText(request.maxConnections)
    fields.ipv6Only = request.ipv6Only ?? false
    fields.exclusive = request.exclusive ?? false
    fields.halfOpen = request.halfOpen ?? false
    fillFraming(fields, request.framing)
    fillServerTls(fields, request.tls)
  },
  fieldLabels: { host: 'form.bindAddress', port: 'form.localPort' },
}
