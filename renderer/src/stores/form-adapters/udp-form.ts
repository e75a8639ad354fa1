import { Limits } from '../../../../electron/shared/limits'
import type { FormAdapter } from './form-adapter'
import { datagramFramingOption, fillFraming } from './framing-form'
import { fieldError, fieldText, label, optionalInteger, optionalText } from './form-fields'

function parseGroups(text: string): { group: string; iface?: string }[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map((item) => {
      const [group = '', iface] = item.split('@').map((part) => part.trim())
      if (group === '') fieldError('validation.group', { group: item, field: label('form.multicastGroups') })
      return iface ? { group, iface } : { group }
    })
}

export const udpForm: FormAdapter<'udp'> = {
  toRequest(fields) {
    const host = optionalText(fields.udpHost)
    const remoteHost = optionalText(fields.udpRemoteHost)
    const remotePort = optionalInteger(fields.udpRemotePort, 'form.remotePort', 1, 65_535)
    if (remoteHost !== undefined && remotePort === undefined) {
      fieldError('validation.pair', { field: label('form.remotePort'), other: label('form.remoteHost') })
    }
    if (remotePort !== undefined && remoteHost === undefined) {
      fieldError('validation.pair', { field: label('form.remoteHost'), other: label('form.remotePort') })
    }
    const ttl = optionalInteger(fields.ttl, 'form.ttl', 1, 255)
    const multicastTtl = optionalInteger(fields.multicastTtl, 'form.multicastTtl', 0, 255)
    const recvBufferSize = optionalInteger(
      fields.recvBufferSize,
      'form.recvBufferSize',
      1024,
      Limits.maxRecvBufferSize,
    )
    return {
      kind: 'udp',
      ...(fields.udpType !== 'auto' && { type: fields.udpType }),
      ...(host !== undefined && { host }),
      port: optionalInteger(fields.udpPort, 'form.localPort', 0, 65_535) ?? 0,
      reuseAddr: fields.reuseAddr,
      broadcast: fields.broadcast,
      ...(ttl !== undefined && { ttl }),
      ...(multicastTtl !== undefined && { multicastTtl }),
      ...(recvBufferSize !== undefined && { recvBufferSize }),
      ...(fields.multicastLoopback !== 'default' && { multicastLoopback: fields.multicastLoopback === 'on' }),
      multicastGroups: parseGroups(fields.multicastGroups),
      ...(remoteHost !== undefined && { remoteHost }),
      ...(remotePort !== undefined && { remotePort }),
      connectToRemote: fields.udpConnect,
      ...datagramFramingOption(fields),
    }
  },
  fill(fields, request) {
    fields.udpType = request.type ?? 'auto'
    fields.udpHost = request.host ?? ''
    fields.udpPort = fieldText(request.port)
    fields.udpRemoteHost = request.remoteHost ?? ''
    fields.udpRemotePort = fieldText(request.remotePort)
    fields.udpConnect = request.connectToRemote ?? false
    fields.reuseAddr = request.reuseAddr ?? false
    fields.broadcast = request.broadcast ?? false
    fields.ttl = fieldText(request.ttl)
    fields.multicastTtl = fieldText(request.multicastTtl)
    fields.recvBufferSize = fieldText(request.recvBufferSize)
    fields.multicastLoopback =
      request.multicastLoopback === undefined ? 'default' : request.multicastLoopback ? 'on' : 'off'
    fields.multicastGroups = (request.multicastGroups ?? [])
      .map(({ group, iface }) => (iface ? `${group}@${iface}` : group))
      .join(', ')
    fillFraming(fields, request.framing)
  },
  fieldLabels: { host: 'form.bindAddress', port: 'form.localPort' },
}
