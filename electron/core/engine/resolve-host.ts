import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import { familyMismatch } from './engine-errors'
import { familyOfAddress, unbracket, type IpFamily } from './endpoints'

export interface ResolvedHost {
  address: string
  family: IpFamily
}

/** 'auto' lets the resolver pick (in the order the system returns). */
export type FamilyPreference = IpFamily | 'auto'

const lookupFamily: Record<FamilyPreference, 0 | 4 | 6> = { auto: 0, IPv4: 4, IPv6: 6 }

/**
 * An IP address as it is (checked against the wanted family), a name through the system resolver.
 * `onLookup` is told only when a name was actually resolved, so the log shows real lookups.
 */
export async function resolveHost(
  host: string,
  family: FamilyPreference,
  onLookup: (resolved: ResolvedHost) => void,
): Promise<ResolvedHost> {
  const bare = unbracket(host)
  if (isIP(bare) !== 0) {
    const literalFamily = familyOfAddress(bare)
    if (family !== 'auto' && family !== literalFamily) throw familyMismatch(bare, family)
    return { address: bare, family: literalFamily }
  }
  const { address } = await lookup(bare, { family: lookupFamily[family] })
  const resolved = { address, family: familyOfAddress(address) }
  onLookup(resolved)
  return resolved
}
