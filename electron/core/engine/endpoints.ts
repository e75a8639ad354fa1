import { isIPv6 } from 'node:net'
import type { Endpoint } from '../../shared'

export type IpFamily = Endpoint['family']

export const familyOfAddress = (address: string): IpFamily => (isIPv6(address) ? 'IPv6' : 'IPv4')

export const toEndpoint = (address: string, port: number): Endpoint => ({
  address,
  port,
  family: familyOfAddress(address),
})

/** `127.0.0.1:9000`, `[::1]:9000`: how an address and port read in messages. */
export function formatEndpoint(address: string, port: number): string {
  return isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`
}

/** The address with the brackets of `[::1]` notation taken off. */
export const unbracket = (host: string): string =>
  host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host
