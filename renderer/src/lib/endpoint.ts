import type { Endpoint } from '../../../electron/shared/model'

/** "127.0.0.1:9000", or "[::1]:9000" for IPv6 so the port stays unambiguous. */
export function formatHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`
}

export function formatEndpoint(endpoint: Endpoint): string {
  return formatHostPort(endpoint.address, endpoint.port)
}
