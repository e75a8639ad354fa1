import type { Translate } from './describe-event'

/**
 * The English words of the lifecycle: direction words of log rows, and the details of each step. The renderer's
 * English catalogue takes them from here, so the CLI and exports say what the UI says.
 */
export const eventWordsEn = {
  dir: {
    sent: 'sent',
    received: 'received',
    frame: 'frame',
    socket: 'socket',
    lookup: 'lookup',
    connect: 'connect',
    connected: 'connected',
    bind: 'bind',
    listen: 'listen',
    accept: 'accept',
    tls: 'tls',
    end: 'end',
    'half-close': 'half-close',
    close: 'close',
    error: 'error',
    membership: 'membership',
    dropped: 'dropped',
    'receive-drops': 'dropped',
  },
  /** A relay's data rows: which way the bytes flow (UI contract: "to upstream", "to client"). */
  direction: { 'to-upstream': 'to upstream', 'to-client': 'to client' },
  leg: { client: 'client side', upstream: 'upstream side' },
  detail: {
    connect: 'opening the connection',
    connected: 'local {local}, {latency} ms',
    bind: 'on {local}',
    listen: 'on {local}, backlog {backlog}',
    accept: 'on {local}',
    end: 'the peer finished sending (FIN)',
    halfClose: 'sent FIN, still receiving',
    close: '{scope}, {cause}',
    dropped: {
      fault: '{bytes} bytes, taken by the drop fault',
      'held-full': '{bytes} bytes: too much already waited',
      reset: '{bytes} bytes: the reset fault reset the pair instead',
    },
    receiveDrops: '{count} datagrams, by the kernel: the receive buffer was full ({total} in all)',
  },
  scope: { session: 'session', listener: 'listener', connection: 'connection' },
  cause: {
    local: 'closed here',
    peer: 'closed by the peer',
    reset: 'reset by the peer (RST)',
    error: 'after an error',
    timeout: 'timed out',
    'server-closed': 'server closed',
    aborted: 'reset here (RST)',
  },
}

type Words = { [key: string]: string | Words }

/** Translates the lifecycle keys (`detail.close`, `cause.peer`, …) into English, for outputs without the UI. */
export const englishEventWords: Translate = (key, values = {}) => {
  let entry: string | Words | undefined = eventWordsEn
  for (const part of key.split('.')) entry = typeof entry === 'object' ? entry[part] : undefined
  if (typeof entry !== 'string') return key
  return entry.replace(/\{(\w+)\}/g, (slot, name: string) => (name in values ? String(values[name]) : slot))
}
