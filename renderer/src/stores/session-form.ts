import { defineStore } from 'pinia'
import { reactive, ref, toRefs } from 'vue'
import { Limits } from '../../../electron/shared/limits'
import { openSessionRequestSchema, type OpenSessionRequest } from '../../../electron/shared/schemas'
import { translate } from '../i18n'
import { parseInteger } from '../lib/parse'

export type SessionMode = OpenSessionRequest['kind']
export type AddressFamily = 'auto' | 'ipv4' | 'ipv6'
export type UdpType = 'auto' | 'udp4' | 'udp6'
export type TriState = 'default' | 'on' | 'off'

export type FormResult = { ok: true; request: OpenSessionRequest } | { ok: false; error: string }

// Defaults: a client talks to this machine; servers and UDP sockets bind to loopback only, so nothing is
// exposed to the network unless the user types another bind address (0.0.0.0, ::).
const DEFAULT_HOST = '127.0.0.1'

/** Label key of each request field, to name the field in a validation message. */
const fieldLabels: Record<string, string> = {
  host: 'form.remoteHost',
  port: 'form.remotePort',
  localAddress: 'form.localAddress',
  localPort: 'form.localPort',
  remoteHost: 'form.remoteHost',
  remotePort: 'form.remotePort',
  multicastGroups: 'form.multicastGroups',
}
const serverLabels: Record<string, string> = { host: 'form.bindAddress', port: 'form.localPort' }

class FieldError extends Error {}

function fieldError(key: string, values: Record<string, unknown> = {}): never {
  throw new FieldError(translate(key, values))
}

const label = (key: string): string => translate(key)

/** Every field of the form as a fresh form shows it (strings as typed; empty = not given). */
function defaultFields() {
  return {
    // TCP client
    clientHost: DEFAULT_HOST,
    clientPort: '',
    clientLocalAddress: '',
    clientLocalPort: '',
    family: 'auto' as AddressFamily,
    connectTimeoutMs: String(Limits.defaultConnectTimeoutMs),
    noDelay: true,
    keepAlive: false,
    keepAliveInitialDelayMs: '0',
    /** TCP client and server: keep sending after the peer's FIN. */
    halfOpen: false,
    // TCP server
    serverHost: DEFAULT_HOST,
    serverPort: '',
    backlog: '511',
    maxConnections: String(Limits.defaultMaxClientsPerServer),
    ipv6Only: false,
    exclusive: false,
    // UDP
    udpHost: DEFAULT_HOST,
    udpPort: '',
    udpRemoteHost: '',
    udpRemotePort: '',
    udpType: 'auto' as UdpType,
    reuseAddr: false,
    broadcast: false,
    ttl: '',
    multicastTtl: '',
    multicastLoopback: 'default' as TriState,
    /** "239.1.2.3, 239.1.2.4@192.168.1.10": group, optionally @ the interface address. */
    multicastGroups: '',
  }
}

/** Every field of the "New session" form as typed, per mode; turns into an OpenSessionRequest and back. */
export const useSessionFormStore = defineStore('session-form', () => {
  const mode = ref<SessionMode>('tcp-client')

  const fields = reactive(defaultFields())

  function integer(text: string, labelKey: string, min: number, max: number): number {
    const value = parseInteger(text, min, max)
    if (value === undefined) fieldError('validation.integer', { field: label(labelKey), min, max })
    return value
  }

  function optionalInteger(text: string, labelKey: string, min: number, max: number): number | undefined {
    return text.trim() === '' ? undefined : integer(text, labelKey, min, max)
  }

  function requiredHost(text: string, labelKey: string): string {
    if (text.trim() === '') fieldError('validation.required', { field: label(labelKey) })
    return text.trim()
  }

  const optionalText = (text: string): string | undefined => (text.trim() === '' ? undefined : text.trim())

  function parseGroups(text: string): { group: string; iface?: string }[] {
    return text
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '')
      .map((item) => {
        const [group = '', iface] = item.split('@').map((part) => part.trim())
        if (group === '') fieldError('validation.group', { group: item })
        return iface ? { group, iface } : { group }
      })
  }

  function clientRequest(): OpenSessionRequest {
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
    }
  }

  function serverRequest(): OpenSessionRequest {
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
    }
  }

  function udpRequest(): OpenSessionRequest {
    const host = optionalText(fields.udpHost)
    const remoteHost = optionalText(fields.udpRemoteHost)
    const remotePort = optionalInteger(fields.udpRemotePort, 'form.remotePort', 1, 65_535)
    if (remoteHost !== undefined && remotePort === undefined) {
      fieldError('validation.pair', { field: label('form.remotePort'), other: label('form.remoteHost') })
    }
    if (remotePort !== undefined && remoteHost === undefined) {
      fieldError('validation.pair', { field: label('form.remoteHost'), other: label('form.remotePort') })
    }
    const ttlValue = optionalInteger(fields.ttl, 'form.ttl', 1, 255)
    const multicastTtlValue = optionalInteger(fields.multicastTtl, 'form.multicastTtl', 0, 255)
    return {
      kind: 'udp',
      ...(fields.udpType !== 'auto' && { type: fields.udpType }),
      ...(host !== undefined && { host }),
      port: optionalInteger(fields.udpPort, 'form.localPort', 0, 65_535) ?? 0,
      reuseAddr: fields.reuseAddr,
      broadcast: fields.broadcast,
      ...(ttlValue !== undefined && { ttl: ttlValue }),
      ...(multicastTtlValue !== undefined && { multicastTtl: multicastTtlValue }),
      ...(fields.multicastLoopback !== 'default' && { multicastLoopback: fields.multicastLoopback === 'on' }),
      multicastGroups: parseGroups(fields.multicastGroups),
      ...(remoteHost !== undefined && { remoteHost }),
      ...(remotePort !== undefined && { remotePort }),
    }
  }

  /** The request the form describes, checked with the same schema the host applies. */
  function toRequest(): FormResult {
    let request: OpenSessionRequest
    try {
      request =
        mode.value === 'tcp-client'
          ? clientRequest()
          : mode.value === 'tcp-server'
            ? serverRequest()
            : udpRequest()
    } catch (thrown) {
      if (thrown instanceof FieldError) return { ok: false, error: thrown.message }
      throw thrown
    }
    const parsed = openSessionRequestSchema.safeParse(request)
    if (parsed.success) return { ok: true, request }
    const issue = parsed.error.issues[0]
    const field = String(issue?.path[0] ?? '')
    const labelKey =
      (mode.value === 'tcp-server' || mode.value === 'udp' ? serverLabels[field] : undefined) ??
      fieldLabels[field]
    return {
      ok: false,
      error: translate('validation.invalid', {
        field: labelKey ? label(labelKey) : field,
        message: issue?.message ?? '',
      }),
    }
  }

  function reset(): void {
    Object.assign(fields, defaultFields())
  }

  const text = (value: number | undefined): string => (value === undefined ? '' : String(value))

  /** Sets the mode and every field from a saved request; fields it leaves out get their defaults. */
  function fill(request: OpenSessionRequest): void {
    reset()
    mode.value = request.kind
    switch (request.kind) {
      case 'tcp-client':
        fields.clientHost = request.host
        fields.clientPort = text(request.port)
        fields.clientLocalAddress = request.localAddress ?? ''
        fields.clientLocalPort = text(request.localPort)
        fields.family = request.family ?? 'auto'
        if (request.connectTimeoutMs !== undefined) fields.connectTimeoutMs = text(request.connectTimeoutMs)
        fields.noDelay = request.noDelay ?? true
        fields.keepAlive = request.keepAlive ?? false
        if (request.keepAliveInitialDelayMs !== undefined)
          fields.keepAliveInitialDelayMs = text(request.keepAliveInitialDelayMs)
        fields.halfOpen = request.halfOpen ?? false
        break
      case 'tcp-server':
        fields.serverHost = request.host ?? ''
        fields.serverPort = text(request.port)
        if (request.backlog !== undefined) fields.backlog = text(request.backlog)
        if (request.maxConnections !== undefined) fields.maxConnections = text(request.maxConnections)
        fields.ipv6Only = request.ipv6Only ?? false
        fields.exclusive = request.exclusive ?? false
        fields.halfOpen = request.halfOpen ?? false
        break
      case 'udp':
        fields.udpType = request.type ?? 'auto'
        fields.udpHost = request.host ?? ''
        fields.udpPort = text(request.port)
        fields.udpRemoteHost = request.remoteHost ?? ''
        fields.udpRemotePort = text(request.remotePort)
        fields.reuseAddr = request.reuseAddr ?? false
        fields.broadcast = request.broadcast ?? false
        fields.ttl = text(request.ttl)
        fields.multicastTtl = text(request.multicastTtl)
        fields.multicastLoopback =
          request.multicastLoopback === undefined ? 'default' : request.multicastLoopback ? 'on' : 'off'
        fields.multicastGroups = (request.multicastGroups ?? [])
          .map(({ group, iface }) => (iface ? `${group}@${iface}` : group))
          .join(', ')
        break
    }
  }

  return { mode, ...toRefs(fields), toRequest, fill, reset }
})
