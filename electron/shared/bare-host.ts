/**
 * `::1` for `[::1]`; any other host as it is. An IPv6 address may be typed in the brackets of "host:port"
 * notation (the engine accepts both); what is kept, compared and shown starts from the bare address.
 */
export function bareHost(host: string): string
export function bareHost(host: string | undefined): string | undefined
export function bareHost(host: string | undefined): string | undefined {
  return host !== undefined && host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host
}
