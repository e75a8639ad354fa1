import { expect, test } from '../helpers/web-host'
import { freeTcpPort } from '../helpers/peers'
import { opensslClient, opensslServer, type TlsPeer } from '../helpers/tls-peers'
import { skipWithoutTools } from './needs-tools'
import { SessionView, Workbench, exactly } from './workbench'
import { generateSelfSigned } from '../../electron/core/tls'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

skipWithoutTools(['openssl'], 'the TLS journeys')

const peers: TlsPeer[] = []
const dirs: string[] = []
test.afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.stop()))
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** The "Certificate" region's labelled value. */
const certificateValue = (session: SessionView, name: string) =>
  session.region.getByRole('region', { name: exactly('Certificate') }).getByLabel(exactly(name))

test('a TLS server with a generated certificate: openssl s_client connects, both directions shown', async ({
  app,
}) => {
  const workbench = new Workbench(app)
  const port = await freeTcpPort('127.0.0.1')
  await workbench.chooseMode('TCP server')
  await workbench.field('Bind address').fill('127.0.0.1')
  await workbench.field('Local port').fill(String(port))
  await workbench.form.getByRole('checkbox', { name: exactly('TLS') }).check()
  await workbench.form.getByRole('button', { name: exactly('Listen') }).click()
  const server = new SessionView(app, `TLS server 127.0.0.1:${port}`)
  await server.expectState('listening')

  const client = opensslClient('127.0.0.1', port, ['-servername', 'localhost'])
  peers.push(client)
  await expect(certificateValue(server, 'Subject')).toHaveText('CN=localhost')
  await expect(certificateValue(server, 'Issuer')).toHaveText('CN=localhost')
  await expect(certificateValue(server, 'SHA-256 fingerprint')).toHaveText(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
  await expect(certificateValue(server, 'Valid until')).toHaveText(/^\d{4}-/)
  await expect(certificateValue(server, 'Protocol')).toHaveText('TLSv1.3')
  await expect(certificateValue(server, 'Cipher')).toHaveText(/^TLS_/)

  client.write('hello from s_client\n')
  await server.expectEntry('received', 'hello from s_client')
  await server.send('hello from the workbench\\n')
  await client.waitFor(/^hello from the workbench$/m, 's_client to print our message')
  await server.expectEntry('sent', 'hello from the workbench')
})

test('a TLS client to a self-signed openssl s_server fails with the alert, then opens with verification off', async ({
  app,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'workbench-e2e-tls-'))
  dirs.push(dir)
  const pair = await generateSelfSigned()
  writeFileSync(join(dir, 'cert.pem'), pair.certificatePem)
  writeFileSync(join(dir, 'key.pem'), pair.keyPem)
  const { peer, port } = await opensslServer('127.0.0.1', join(dir, 'cert.pem'), join(dir, 'key.pem'))
  peers.push(peer)

  const workbench = new Workbench(app)
  await workbench.chooseMode('TCP client')
  await workbench.field('Remote host').fill('127.0.0.1')
  await workbench.field('Remote port').fill(String(port))
  await workbench.form.getByRole('checkbox', { name: exactly('TLS') }).check()
  await expect(workbench.form.getByRole('checkbox', { name: exactly('Verify certificate') })).toBeChecked()
  await workbench.form.getByRole('button', { name: exactly('Connect') }).click()
  await expect(workbench.alert('DEPTH_ZERO_SELF_SIGNED_CERT').first()).toContainText('is self-signed')

  const failed = new SessionView(app, `TLS client 127.0.0.1:${port}`)
  await failed.expectState('error')
  await failed.item.getByRole('button', { name: exactly('Remove from list') }).click()
  await expect(failed.item).toHaveCount(0)

  await workbench.form.getByRole('checkbox', { name: exactly('Verify certificate') }).uncheck()
  await workbench.form.getByRole('button', { name: exactly('Connect') }).click()
  const client = new SessionView(app, `TLS client 127.0.0.1:${port}`)
  await client.expectState('connected')
  await expect(certificateValue(client, 'Subject')).toHaveText('CN=localhost')
  const certificate = client.region.getByRole('region', { name: exactly('Certificate') })
  await expect(certificate.getByRole('alert')).toContainText('DEPTH_ZERO_SELF_SIGNED_CERT')
})
