import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import type { TlsDetails } from '../../electron/shared'
import type { OpenSessionRequest } from '../../electron/shared/schemas'
import NewSessionForm from '../../renderer/src/components/session-form/NewSessionForm.vue'
import TlsCertificate from '../../renderer/src/components/sessions/TlsCertificate.vue'
import { useSessionLabel } from '../../renderer/src/composables/useSessionLabel'
import { useSessionFormStore } from '../../renderer/src/stores/session-form'
import { sessionInfo } from './fake-api'
import { setupRenderer } from './setup'

const tlsRequests: OpenSessionRequest[] = [
  {
    kind: 'tcp-client',
    host: 'device.lab',
    port: 8443,
    family: 'auto',
    connectTimeoutMs: 10_000,
    noDelay: true,
    keepAlive: false,
    keepAliveInitialDelayMs: 0,
    halfOpen: false,
    tls: {
      verify: 'off',
      servername: 'device.lab',
      alpn: ['h2', 'http/1.1'],
      caFiles: ['/etc/lab/ca.pem'],
      certFile: '/etc/lab/client.pem',
      keyFile: '/etc/lab/client.key',
    },
  },
  {
    kind: 'tcp-server',
    host: '127.0.0.1',
    port: 8443,
    backlog: 511,
    maxConnections: 10_000,
    ipv6Only: false,
    exclusive: false,
    halfOpen: false,
    tls: { requestCert: 'required' },
  },
]

const details: TlsDetails = {
  protocol: 'TLSv1.3',
  cipher: { name: 'TLS_AES_256_GCM_SHA384', standardName: 'TLS_AES_256_GCM_SHA384' },
  sessionReused: false,
  peerChain: [
    {
      subject: 'CN=localhost',
      issuer: 'CN=localhost',
      subjectAltNames: ['DNS:localhost'],
      validFrom: '2026-01-01T00:00:00.000Z',
      validUntil: '2027-01-01T00:00:00.000Z',
      serialNumber: '01',
      fingerprintSha256: 'AA:BB',
      keyType: 'ec',
      keySize: 256,
      signatureAlgorithm: 'ECDSA with SHA-256',
      selfSigned: true,
    },
  ],
  verified: false,
  problem: { code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed', hint: 'trust it' },
}

describe('TLS in the session form and the session view', () => {
  let context: ReturnType<typeof setupRenderer>
  beforeEach(() => {
    context = setupRenderer()
  })

  it.each(tlsRequests)('fill() then toRequest() gives back the saved TLS $kind request', (request) => {
    const form = useSessionFormStore()
    form.fill(request)
    expect(form.toRequest()).toEqual({ ok: true, request })
  })

  it('shows the TLS fields once "TLS" is ticked, with the contract labels', async () => {
    const wrapper = mount(NewSessionForm, { global: { plugins: context.plugins } })
    const labels = () => wrapper.findAll('label').map((label) => label.text())
    expect(labels()).toContain('TLS')
    expect(labels()).not.toContain('Verify certificate')
    useSessionFormStore().clientTls = true
    await wrapper.vm.$nextTick()
    expect(labels()).toEqual(
      expect.arrayContaining([
        'Verify certificate',
        'Server name (SNI)',
        'ALPN',
        'CA file',
        'Client certificate',
        'Client key',
      ]),
    )
    await wrapper.find('select').setValue('tcp-server')
    useSessionFormStore().serverTls = true
    await wrapper.vm.$nextTick()
    expect(labels()).toEqual(
      expect.arrayContaining(['Certificate file', 'Key file', 'Request client certificate']),
    )
  })

  it('refuses a certificate without its key', () => {
    const form = useSessionFormStore()
    form.clientPort = '443'
    form.clientTls = true
    form.tlsClientCert = '/x.pem'
    expect(form.toRequest()).toEqual({ ok: false, error: 'Client certificate and Client key go together' })
  })

  it('names a TLS session "TLS client …" from its options', () => {
    const wrapper = mount(
      { template: '<div />', setup: () => useSessionLabel() },
      { global: { plugins: context.plugins } },
    )
    const { modeWord } = wrapper.vm as unknown as ReturnType<typeof useSessionLabel>
    const plain = sessionInfo('s1', 'tcp-client')
    expect(modeWord(plain)).toBe('TCP client')
    expect(
      modeWord({
        ...plain,
        options: { ...plain.options, tls: (tlsRequests[0] as { tls: unknown }).tls } as never,
      }),
    ).toBe('TLS client')
  })

  it('fills the Certificate region and shows what would have failed', () => {
    const wrapper = mount(TlsCertificate, { props: { tls: details }, global: { plugins: context.plugins } })
    const value = (name: string) => wrapper.find(`[aria-label="${name}"]`).text()
    expect(wrapper.attributes('aria-label')).toBe('Certificate')
    expect(value('Subject')).toBe('CN=localhost')
    expect(value('Issuer')).toBe('CN=localhost')
    expect(value('SHA-256 fingerprint')).toBe('AA:BB')
    expect(value('Valid until')).toBe('2027-01-01T00:00:00.000Z')
    expect(value('Protocol')).toBe('TLSv1.3')
    expect(value('Cipher')).toBe('TLS_AES_256_GCM_SHA384')
    expect(wrapper.find('[role="alert"]').text()).toContain('DEPTH_ZERO_SELF_SIGNED_CERT')
  })
})
