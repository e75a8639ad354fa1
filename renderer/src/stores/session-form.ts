import { defineStore } from 'pinia'
import { ref } from 'vue'
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

/** Every field of the "New session" form as typed, per mode; turns into an OpenSessionRequest and back. */
export const useSessionFormStore = defineStore('session-form', () => {
  const mode = ref<SessionMode>('tcp-client')

  // TCP client
  const clientHost = ref(DEFAULT_HOST)
  const clientPort = ref('')
  const clientLocalAddress = ref('')
  const clientLocalPort = ref('')
  const family = ref<AddressFamily>('auto')
  const connectTimeoutMs = ref(String(Limits.defaultConnectTimeoutMs))
  const noDelay = ref(true)
  const keepAlive = ref(false)
  const keepAliveInitialDelayMs = ref('0')
  /** TCP client and server: keep sending after the peer's FIN. */
  const halfOpen = ref(false)

  // TCP server
  const serverHost = ref(DEFAULT_HOST)
  const serverPort = ref('')
  const backlog = ref('511')
  const maxConnections = ref(String(Limits.defaultMaxClientsPerServer))
  const ipv6Only = ref(false)
  const exclusive = ref(false)

  // UDP
  const udpHost = ref(DEFAULT_HOST)
  const udpPort = ref('')
  const udpRemoteHost = ref('')
  const udpRemotePort = ref('')
  const udpType = ref<UdpType>('auto')
  const reuseAddr = ref(false)
  const broadcast = ref(false)
  const ttl = ref('')
  const multicastTtl = ref('')
  const multicastLoopback = ref<TriState>('default')
  /** "239.1.2.3, 239.1.2.4@192.168.1.10": group, optionally @ the interface address. */
  const multicastGroups = ref('')

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
    const localAddress = optionalText(clientLocalAddress.value)
    const localPort = optionalInteger(clientLocalPort.value, 'form.localPort', 0, 65_535)
    return {
      kind: 'tcp-client',
      host: requiredHost(clientHost.value, 'form.remoteHost'),
      port: integer(clientPort.value, 'form.remotePort', 1, 65_535),
      ...(localAddress !== undefined && { localAddress }),
      ...(localPort !== undefined && { localPort }),
      family: family.value,
      connectTimeoutMs: integer(connectTimeoutMs.value, 'form.connectTimeout', 1, Limits.maxConnectTimeoutMs),
      noDelay: noDelay.value,
      keepAlive: keepAlive.value,
      keepAliveInitialDelayMs: integer(keepAliveInitialDelayMs.value, 'form.keepAliveDelay', 0, 86_400_000),
      halfOpen: halfOpen.value,
    }
  }

  function serverRequest(): OpenSessionRequest {
    const host = optionalText(serverHost.value)
    return {
      kind: 'tcp-server',
      ...(host !== undefined && { host }),
      port: optionalInteger(serverPort.value, 'form.localPort', 0, 65_535) ?? 0,
      backlog: integer(backlog.value, 'form.backlog', 1, 65_535),
      maxConnections: integer(maxConnections.value, 'form.maxConnections', 1, 100_000),
      ipv6Only: ipv6Only.value,
      exclusive: exclusive.value,
      halfOpen: halfOpen.value,
    }
  }

  function udpRequest(): OpenSessionRequest {
    const host = optionalText(udpHost.value)
    const remoteHost = optionalText(udpRemoteHost.value)
    const remotePort = optionalInteger(udpRemotePort.value, 'form.remotePort', 1, 65_535)
    if (remoteHost !== undefined && remotePort === undefined) {
      fieldError('validation.pair', { field: label('form.remotePort'), other: label('form.remoteHost') })
    }
    if (remotePort !== undefined && remoteHost === undefined) {
      fieldError('validation.pair', { field: label('form.remoteHost'), other: label('form.remotePort') })
    }
    const ttlValue = optionalInteger(ttl.value, 'form.ttl', 1, 255)
    const multicastTtlValue = optionalInteger(multicastTtl.value, 'form.multicastTtl', 0, 255)
    return {
      kind: 'udp',
      ...(udpType.value !== 'auto' && { type: udpType.value }),
      ...(host !== undefined && { host }),
      port: optionalInteger(udpPort.value, 'form.localPort', 0, 65_535) ?? 0,
      reuseAddr: reuseAddr.value,
      broadcast: broadcast.value,
      ...(ttlValue !== undefined && { ttl: ttlValue }),
      ...(multicastTtlValue !== undefined && { multicastTtl: multicastTtlValue }),
      ...(multicastLoopback.value !== 'default' && { multicastLoopback: multicastLoopback.value === 'on' }),
      multicastGroups: parseGroups(multicastGroups.value),
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
    clientHost.value = DEFAULT_HOST
    clientPort.value = ''
    clientLocalAddress.value = ''
    clientLocalPort.value = ''
    family.value = 'auto'
    connectTimeoutMs.value = String(Limits.defaultConnectTimeoutMs)
    noDelay.value = true
    keepAlive.value = false
    keepAliveInitialDelayMs.value = '0'
    halfOpen.value = false
    serverHost.value = DEFAULT_HOST
    serverPort.value = ''
    backlog.value = '511'
    maxConnections.value = String(Limits.defaultMaxClientsPerServer)
    ipv6Only.value = false
    exclusive.value = false
    udpHost.value = DEFAULT_HOST
    udpPort.value = ''
    udpRemoteHost.value = ''
    udpRemotePort.value = ''
    udpType.value = 'auto'
    reuseAddr.value = false
    broadcast.value = false
    ttl.value = ''
    multicastTtl.value = ''
    multicastLoopback.value = 'default'
    multicastGroups.value = ''
  }

  const text = (value: number | undefined): string => (value === undefined ? '' : String(value))

  /** Sets the mode and every field from a saved request; fields it leaves out get their defaults. */
  function fill(request: OpenSessionRequest): void {
    reset()
    mode.value = request.kind
    switch (request.kind) {
      case 'tcp-client':
        clientHost.value = request.host
        clientPort.value = text(request.port)
        clientLocalAddress.value = request.localAddress ?? ''
        clientLocalPort.value = text(request.localPort)
        family.value = request.family ?? 'auto'
        if (request.connectTimeoutMs !== undefined) connectTimeoutMs.value = text(request.connectTimeoutMs)
        noDelay.value = request.noDelay ?? true
        keepAlive.value = request.keepAlive ?? false
        if (request.keepAliveInitialDelayMs !== undefined)
          keepAliveInitialDelayMs.value = text(request.keepAliveInitialDelayMs)
        halfOpen.value = request.halfOpen ?? false
        break
      case 'tcp-server':
        serverHost.value = request.host ?? ''
        serverPort.value = text(request.port)
        if (request.backlog !== undefined) backlog.value = text(request.backlog)
        if (request.maxConnections !== undefined) maxConnections.value = text(request.maxConnections)
        ipv6Only.value = request.ipv6Only ?? false
        exclusive.value = request.exclusive ?? false
        halfOpen.value = request.halfOpen ?? false
        break
      case 'udp':
        udpType.value = request.type ?? 'auto'
        udpHost.value = request.host ?? ''
        udpPort.value = text(request.port)
        udpRemoteHost.value = request.remoteHost ?? ''
        udpRemotePort.value = text(request.remotePort)
        reuseAddr.value = request.reuseAddr ?? false
        broadcast.value = request.broadcast ?? false
        ttl.value = text(request.ttl)
        multicastTtl.value = text(request.multicastTtl)
        multicastLoopback.value =
          request.multicastLoopback === undefined ? 'default' : request.multicastLoopback ? 'on' : 'off'
        multicastGroups.value = (request.multicastGroups ?? [])
          .map(({ group, iface }) => (iface ? `${group}@${iface}` : group))
          .join(', ')
        break
    }
  }

  return {
    mode,
    clientHost,
    clientPort,
    clientLocalAddress,
    clientLocalPort,
    family,
    connectTimeoutMs,
    noDelay,
    keepAlive,
    halfOpen,
    keepAliveInitialDelayMs,
    serverHost,
    serverPort,
    backlog,
    maxConnections,
    ipv6Only,
    exclusive,
    udpHost,
    udpPort,
    udpRemoteHost,
    udpRemotePort,
    udpType,
    reuseAddr,
    broadcast,
    ttl,
    multicastTtl,
    multicastLoopback,
    multicastGroups,
    toRequest,
    fill,
    reset,
  }
})
