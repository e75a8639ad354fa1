import { describe, expect, it } from 'vitest'
import { CaptureErrorCode } from '../../../electron/core/capture'
import { localAddressFor, wireAddress } from '../../../electron/core/pcap/ip-address'

const hex = (text: string): string => Buffer.from(wireAddress(text).bytes).toString('hex')

describe('wireAddress', () => {
  it('reads IPv4, IPv6 in its short forms, brackets, zones and IPv4 tails', () => {
    expect(hex('192.168.0.255')).toBe('c0a800ff')
    expect(hex('::1')).toBe(`${'0'.repeat(31)}1`)
    expect(hex('::')).toBe('0'.repeat(32))
    expect(hex('[2001:db8::8:800:200c:417a]')).toBe('20010db80000000000080800200c417a')
    expect(hex('fe80::1%eth0')).toBe(`fe80${'0'.repeat(27)}1`)
    expect(hex('64:ff9b::192.0.2.33')).toBe(`0064ff9b${'0'.repeat(16)}c0000221`)
    expect(hex('1::')).toBe(`0001${'0'.repeat(28)}`)
  })

  it('takes an IPv4-mapped IPv6 address as the IPv4 address it was on the wire', () => {
    expect(wireAddress('::ffff:127.0.0.1')).toEqual({ family: 4, bytes: Uint8Array.of(127, 0, 0, 1) })
  })

  it('refuses what is not an address with ECAPTURE_FORMAT', () => {
    for (const text of ['localhost', '1.2.3', '256.0.0.1', '1::2::3', '1:2:3:4:5:6:7:8:9', '12345::', '']) {
      expect(() => wireAddress(text), text).toThrow(
        expect.objectContaining({ code: CaptureErrorCode.format }),
      )
    }
  })
})

describe('localAddressFor', () => {
  it('keeps a specific address, and puts the loopback for a wildcard towards a loopback peer', () => {
    expect(localAddressFor('10.0.0.2', wireAddress('10.0.0.1')).bytes).toEqual(Uint8Array.of(10, 0, 0, 2))
    expect(localAddressFor('0.0.0.0', wireAddress('127.0.0.9')).bytes).toEqual(Uint8Array.of(127, 0, 0, 1))
    expect(localAddressFor('::', wireAddress('127.0.0.1')).family).toBe(4)
    expect(localAddressFor(undefined, wireAddress('::1'))).toEqual(wireAddress('::1'))
  })

  it('leaves a wildcard towards another host unspecified: which address the kernel chose is not known', () => {
    expect(localAddressFor('0.0.0.0', wireAddress('192.0.2.1')).bytes).toEqual(new Uint8Array(4))
  })
})
