import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { needs } from '../helpers/system-tools'
import { opensslServer, type TlsPeer } from '../helpers/tls-peers'
import { runCliToEnd, stopAllCli } from './cli-process'

// `socket-workbench test` with tls:// targets, against openssl s_server (-rev answers each line reversed) and a
// certificate openssl itself writes here, not our `cert` command. The sequence files name their CA file relative to
// themselves, while the CLI runs from the repository's folder.

let dir: string
let cert: string
let key: string
const peers: TlsPeer[] = []

/** A self-signed certificate for localhost and 127.0.0.1, as openssl writes it. */
function writeCertificate(): void {
  execFileSync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '2',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ])
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'workbench-test-tls-'))
  cert = join(dir, 'server.pem')
  key = join(dir, 'server.key')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))
afterEach(async () => {
  await stopAllCli()
  await Promise.all(peers.splice(0).map((peer) => peer.stop()))
})

function sequenceFile(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

async function reversingServer(): Promise<number> {
  const { peer, port } = await opensslServer('127.0.0.1', cert, key, ['-rev'])
  peers.push(peer)
  return port
}

needs('openssl').describe('socket-workbench test: tls:// targets', () => {
  beforeAll(writeCertificate)

  it('connects with tls://, verifies against the CA file beside the sequence, sends and expects (exit 0)', async () => {
    const port = await reversingServer()
    const file = sequenceFile(
      'tls-pass.yaml',
      `name: reversed over TLS
connect: tls://127.0.0.1:${port}
tls:
  ca: server.pem # beside this file
  servername: localhost
steps:
  - send: "hello tls\\n"
  - expect: "slt olleh\\n"
  - send: "id 42\\n"
  - expect: { regex: '^(\\d+) di\\n' }
`,
    )
    const { code, stdout, stderr } = await runCliToEnd(['test', file, '--json'])
    expect(code, stderr).toBe(0)
    const [sequence] = stdout
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
    expect(sequence).toMatchObject({ type: 'sequence', status: 'passed' })
    expect(sequence.steps.map((step: { status: string }) => step.status)).toEqual(Array(5).fill('passed'))
  })

  it('a wrong answer over TLS fails the step with the diff (exit 1)', async () => {
    const port = await reversingServer()
    const file = sequenceFile(
      'tls-wrong.yaml',
      `name: wrong answer over TLS
connect: tls://127.0.0.1:${port}
tls: { ca: server.pem, servername: localhost }
steps:
  - send: "abc\\n"
  - expect: "abc\\n"
`,
    )
    const { code, stdout } = await runCliToEnd(['test', file])
    expect(code).toBe(1)
    expect(stdout.toString()).toMatch(/FAIL 2 expect equals "abc\\n"[\s\S]*actual: {3}cba\\n/)
  })

  it('a certificate that does not verify stops the sequence before any step: exit 3 with the TLS sentence', async () => {
    const port = await reversingServer()
    // No ca: the self-signed certificate is not among the issuers Node trusts.
    const file = sequenceFile(
      'tls-untrusted.yaml',
      `name: untrusted\nconnect: tls://127.0.0.1:${port}\nsteps:\n  - send: "never\\n"\n`,
    )
    const { code, stdout, stderr } = await runCliToEnd(['test', file])
    expect(code).toBe(3)
    expect(stderr).toMatch(/^socket-workbench: DEPTH_ZERO_SELF_SIGNED_CERT: .*untrusted: .*self-signed/m)
    expect(stdout.toString()).toMatch(/skip 1 send "never\\n"/)
  })

  it('verify: off lets the same server in, and chain with the CA lets in a name the certificate lacks', async () => {
    const port = await reversingServer()
    const file = sequenceFile(
      'tls-modes.yaml',
      `sequences:
  - name: not verified
    connect: tls://127.0.0.1:${port}
    tls: { verify: off }
    steps: [ { send: "ab\\n" }, { expect: "ba\\n" } ]
  - name: chain only
    connect: tls://127.0.0.1:${port}
    tls: { verify: chain, ca: server.pem, servername: other.example }
    steps: [ { send: "cd\\n" }, { expect: "dc\\n" } ]
`,
    )
    const { code, stderr } = await runCliToEnd(['test', file])
    expect(code, stderr).toBe(0)
  })

  it('invalid tls: options exit 2 naming FILE:LINE:COLUMN, and open nothing', async () => {
    const file = sequenceFile(
      'tls-invalid.yaml',
      `connect: tls://127.0.0.1:1\ntls:\n  verify: sometimes\n  insecure: true\nsteps: [ { send: x } ]\n`,
    )
    const { code, stderr } = await runCliToEnd(['test', file])
    expect(code).toBe(2)
    const lines = stderr.trim().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toContain(`ERR_SEQUENCE: ${file}:3:11: 'verify':`)
    expect(lines[1]).toBe(`socket-workbench: ERR_SEQUENCE: ${file}:4:3: unknown key 'insecure'`)
  })

  it('listen: tls:// serves its own certificate to a peer: client that verifies it', async () => {
    const file = sequenceFile(
      'tls-pair.yaml',
      `sequences:
  - name: tls server
    listen: tls://127.0.0.1:0
    tls: { cert: server.pem, key: server.key }
    steps:
      - expect: "ping\\n"
      - send: "pong\\n"
      - expect: { closed: true }
  - name: tls client
    peer: tls server
    tls: { ca: server.pem }
    steps:
      - send: "ping\\n"
      - expect: "pong\\n"
      - close: true
`,
    )
    const { code, stdout, stderr } = await runCliToEnd(['test', file])
    expect(code, `${stdout.toString()}${stderr}`).toBe(0)
  })
})
