import { DEFAULT_GENERATE_MS, DEFAULT_WAIT_MS, type CommandName } from './command-line'
import { faultDefinitions, faultNames } from '../shared/relay'

/** One line per fault with a CLI option, from the fault registry. */
const FAULT_USAGE = faultNames
  .flatMap((name) => {
    const { cliOption, summary } = faultDefinitions[name]
    return cliOption === undefined ? [] : [`  ${`${cliOption} N`.padEnd(18)}${summary}`]
  })
  .join('\n')

// What --help prints. Kept beside the option tables in option-tables.ts; test/cli checks every option is named.

const OUTPUT = `Output:
  --json            JSON Lines on stdout, one event per line (type, time, session, connection,
                    local, remote, bytes, hex)
  --hex             received data as a hex dump instead of raw bytes
  -q, --quiet       received data only: no lifecycle lines on stderr (errors still are)
  -h, --help        this help`

const SENDING = `Sending (repeatable, sent in the order given):
  --send TEXT       text with escapes \\n \\r \\t \\\\ \\0 \\xHH
  --send-hex HEX    bytes as hex ("de ad", "dead", "0xde,0xad")
  --send-file PATH  the bytes of a file (at most 16 MiB)
  --template        expand {{…}} macros in --send / --send-hex ({{counter}}, {{u16be:counter}},
                    {{crc16-modbus}}, … see the README's Templates) at each send
  --repeat MS       resend the one message every MS ms (1 ms at the least), in the engine (clients)
  --count N         with --repeat: send N times in all (default: until --timeout or Ctrl+C)`

const RUNNING = `Running:
  --timeout MS      stop after MS milliseconds (exit 0); a connect not done by then fails (ETIMEDOUT)
  --record FILE     write the lossless capture (the app's "Record to file" format); FILE must not exist`

const CLIENT = `Reading (connect):
  --stdin           after the --send payloads, send what arrives on stdin (not read otherwise)

Ending (connect):
  --wait MS         once everything is sent, end after MS of silence (default ${DEFAULT_WAIT_MS})
  -k, --keep-open   keep reading until the peer closes, --timeout or Ctrl+C
  --half-close      send FIN once everything is sent (the peer sees end of input)`

const SERVER = `Serving (listen):
  --once            exit after the first client closes (UDP: after the first datagram is answered)`

const AUTO_REPLY = `Auto-reply (run by the engine; each answer is an ordinary send, shown and counted):
  --reply 'MATCH=>REPLY'  answer a message that matches (repeatable; the first rule that matches answers).
                    MATCH: exact:TEXT, prefix:TEXT, contains:TEXT, suffix:TEXT (escapes as --send),
                    regex:PATTERN (JavaScript), hex:BYTES (a prefix; ?? is any byte).
                    REPLY: text with escapes, or hex:BYTES; {{1}}, {{2}} … insert a regex's captures.
                    The first => separates them (write => inside TEXT as =\x3e).
  --echo            answer every message no --reply rule answered with itself
                    (a message is a chunk or datagram, or a frame with --framing)`

const FRAMING = `Framing (received bytes cut into messages; one 'frame' event each, shown one per line):
  --framing SPEC    none | delimiter:ESCAPED[:keep] | fixed:N | length:FIELD[:OFFSET[:ADJUST]] | slip |
                    idle:MS (TCP only); FIELD u8, u16be, u16le, u32be, u32le. Auto-reply answers each frame`

const TLS_CLIENT = `TLS (connect --tls, generate --tls):
  --tls             TLS over the connection; the server's certificate is verified (chain and name)
  --insecure        do not refuse an unverified server; what would have failed is still reported
  --chain-only      verify the chain but not the name (a certificate for another host is let in)
  --servername NAME SNI and the name checked (default: HOST, no SNI for an IP address)
  --alpn LIST       ALPN protocols offered, comma-separated (e.g. h2,http/1.1)
  --ca FILE         trusted issuers, PEM (repeatable); Node 20 has no system store: without --ca only
                    its bundled Mozilla list and NODE_EXTRA_CA_CERTS are trusted
  --cert FILE --key FILE   a client certificate and its key (PEM)
  --pfx FILE        a PKCS#12 bundle instead of --cert/--key; --passphrase-file FILE holds its passphrase
  --min-tls V       the lowest protocol version allowed: 1.2 or 1.3 (--max-tls V the highest)`

const TLS_SERVER = `TLS (listen --tls):
  --tls             TLS on every accepted connection
  --cert FILE --key FILE   the server's certificate and key (PEM); without them a self-signed pair
                    (EC P-256, SHA-256, for localhost, 127.0.0.1, ::1) is generated
  --request-cert    require a client certificate (verified against --ca); with --insecure, only ask
  --ca FILE         issuers trusted for client certificates (repeatable)
  --alpn LIST       ALPN protocols accepted, in order of preference
  --insecure        with --request-cert: let in clients whose certificate is missing or does not verify
  --pfx FILE        a PKCS#12 bundle instead of --cert/--key; --passphrase-file FILE holds its passphrase
  --min-tls V       the lowest protocol version allowed: 1.2 or 1.3 (--max-tls V the highest)`

const ADDRESSES = `Addresses:
  -u, --udp         UDP instead of TCP
  -6, --ipv6        IPv6 only;  -4, --ipv4  IPv4 only`

const GENERATE = `Usage: socket-workbench generate HOST PORT [options]

Sends messages to HOST:PORT at a steady rate (UDP by default, from a socket connected to the peer; TCP with
--tcp) and prints a line each second and a summary, like iperf3. Without --count or --duration it runs for
${DEFAULT_GENERATE_MS / 1000} s; Ctrl+C stops it early (the summary still follows, exit 0).

  -u, --udp            UDP (the default)
  -t, --tcp            TCP: messages are written back to back; the peer's backpressure holds the rate
  --tls                TLS over TCP (implies --tcp); its options below, as connect takes them
  -6, --ipv6           IPv6 only;  -4, --ipv4  IPv4 only
  -r, --rate N         messages per second (k, M, G allowed: 10k); default as fast as possible
  -b, --bitrate N      bits per second instead (k, M, G allowed: 100M)
  -s, --size BYTES     bytes per message (default 64)
  -n, --count N        send N messages, then stop
  -d, --duration S     send for S seconds (decimals allowed), then stop
  -m, --measure        each message carries a sequence number and its send time (24-byte header, see the
                       README): against an echoing peer, RTT p50/p90/p99/max; UDP: lost, duplicated,
                       reordered, jitter (RFC 3550)
  --json               JSON Lines on stdout: a "generator" line each second, then a "summary" line
  -h, --help           this help

${TLS_CLIENT}

Example:  socket-workbench generate 127.0.0.1 9000 --rate 2000 --duration 3 --measure
          socket-workbench generate localhost 8443 --tls --ca ./tls/localhost.pem --rate 1000 --measure
`

const HELP: Readonly<Record<CommandName | 'main', string>> = {
  generate: GENERATE,
  main: `socket-workbench — the headless Socket Workbench: TCP/UDP sessions on the same engine as the app.

Usage:
  socket-workbench connect HOST PORT [options]      TCP client (--udp: UDP)
  socket-workbench listen [HOST] PORT [options]     TCP server (--udp: UDP); HOST defaults to 127.0.0.1
  socket-workbench relay LISTEN_PORT UPSTREAM_HOST UPSTREAM_PORT [options]
                                                    TCP relay (--udp: UDP) with faults, both directions shown
  socket-workbench run PROFILE --data-dir DIR       open a profile saved by the app
  socket-workbench pcap CAPTURE OUT.pcapng          a capture (--record, Record to file) as pcapng
  socket-workbench test FILE… [--junit OUT.xml]     run send/expect sequence files (YAML)
  socket-workbench generate HOST PORT [options]     traffic generator (UDP; --tcp), rates and RTT
  socket-workbench cert --out DIR [--name HOST]     a self-signed certificate and key for --tls
  socket-workbench COMMAND --help                   the options of COMMAND
  socket-workbench --version

Lifecycle lines and errors go to stderr, received data to stdout.
Exit status: 0 done, 1 a step failed, 2 usage error, 3 network error (SIGINT/SIGTERM: 0; a second SIGINT: 130).
`,
  connect: `Usage: socket-workbench connect HOST PORT [options]

Connects to HOST:PORT (TCP, or UDP with --udp), sends what --send and friends give, prints what
arrives. Ends when the peer closes, after --wait MS of silence once everything is sent, or on
--timeout MS.

${ADDRESSES}
  --bind ADDRESS    local address to connect from
  --local-port N    local port to connect from

${TLS_CLIENT}

${SENDING}

${FRAMING}

${AUTO_REPLY}

${CLIENT}

${RUNNING}

${OUTPUT}

Example:  socket-workbench connect 127.0.0.1 7 --send 'hello\\n'      (ncat 127.0.0.1 7)
          socket-workbench connect example.com 443 --tls --alpn http/1.1 --send 'HEAD / HTTP/1.1\\r\\nHost: example.com\\r\\n\\r\\n'
`,
  listen: `Usage: socket-workbench listen [HOST] PORT [options]

Listens on HOST:PORT (TCP, or binds a UDP socket with --udp); HOST defaults to 127.0.0.1 (::1 with -6);
PORT 0 picks a free port, shown in the "listening on" / "bound to" line. Accepts many clients;
--send goes to each client when it connects (UDP: to each new sender, after its first datagram).
Runs until --once is met, --timeout MS or Ctrl+C.

${ADDRESSES}

${TLS_SERVER}

${SENDING}

${FRAMING}

${SERVER}

${AUTO_REPLY}

${RUNNING}

${OUTPUT}

Example:  socket-workbench listen 0 --echo      (ncat -l -k 127.0.0.1 PORT --exec /bin/cat)
`,
  relay: `Usage: socket-workbench relay LISTEN_PORT UPSTREAM_HOST UPSTREAM_PORT [options]

Listens on LISTEN_PORT (127.0.0.1, or --bind ADDRESS; 0 picks a free port) and forwards each client to
UPSTREAM_HOST:UPSTREAM_PORT over its own connection (UDP with --udp: its own socket per client endpoint), both
ways, with backpressure. Every chunk is shown with its direction ("to upstream", "to client"; in --json a
"direction" field). Runs until --timeout MS or Ctrl+C.

${ADDRESSES}
  --bind ADDRESS    the address to listen on (default 127.0.0.1, ::1 with -6)

Faults (both directions):
${FAULT_USAGE}

Live control:
  --control         read commands from stdin, one a line, while the relay runs (each one says on stderr
                    what it did; a refused line says why and changes nothing):
    inject [PAIR] upstream|client MESSAGE
                    puts MESSAGE into that direction of pair PAIR (c1, c2, …; every pair connected both
                    ways without it), after what waits there; MESSAGE as --reply's REPLY: text with
                    escapes, or hex:BYTES, with the template macros ({{counter}}, {{crc16-modbus}}, …)
    stall [upstream|client|both]
                    stops that direction without closing: nothing more is read, so the sender's window
                    closes (TCP); unstall [upstream|client|both] lets it go on, in order
    pause, resume   holds everything both ways, then lets it go on in order
    reset [PAIR]    an RST to both sides of pair PAIR (every pair without it)
    faults [--delay MS] [--jitter MS] [--reset PERCENT] …
                    sets the fault options above (both directions); those not named go off

${AUTO_REPLY}
                    On a relay the rules see each direction on its own: a reply goes back to the side that
                    sent the match (the message is forwarded as well).

${FRAMING}

${RUNNING}

${OUTPUT}

Example:  socket-workbench relay 0 127.0.0.1 9000 --delay 50 --json
          echo 'inject client hello\n' | socket-workbench relay 0 127.0.0.1 9000 --control
`,
  run: `Usage: socket-workbench run PROFILE --data-dir DIR [options]

Opens the profile PROFILE saved by the app in DIR (its profiles file) and behaves like connect
(TCP client; UDP with a remote) or listen (TCP server; UDP without a remote) for it.

  --data-dir DIR        the app's data folder (required)
  --send-message NAME   send one of the profile's saved messages (repeatable, in order with --send)

${SENDING}

${CLIENT}

${SERVER}

${AUTO_REPLY}

${RUNNING}

${OUTPUT}
`,
  pcap: `Usage: socket-workbench pcap CAPTURE OUT.pcapng [--json]

Converts a capture written by --record or the app's "Record to file" into a pcapng file that Wireshark and
tshark open: IP/TCP/UDP headers are reconstructed from the recorded events (labelled as such in the file),
payloads are exact. A capture cut short (process killed) converts up to the cut. OUT is replaced if it exists.

  --json            one summary line on stdout: {"type":"summary","packets":N,"bytes":N,"out":PATH}
  -h, --help        this help

Example:  socket-workbench pcap session.jsonl session.pcapng && tshark -r session.pcapng
`,
  test: `Usage: socket-workbench test FILE… [options]

Runs send/expect sequence files (YAML; the format is in the README and docs/sequence.schema.json): each
sequence opens its target, sends, and checks what arrives. Sequences of a file run in order; one that listens
keeps running while the next ones start, so a file can hold a server and its client.

  --junit FILE          write JUnit XML to FILE: one testsuite per sequence file, one testcase per step
  --junit-per-step      one testcase per step (the default; for scripts written against issue 20)
  --junit-per-sequence  one testcase per sequence instead
  --json                JSON Lines on stdout: one 'sequence' line per sequence (steps, failures, traffic),
                        then a 'summary' line
  -q, --quiet           only failures and the summary line
  --data-dir DIR        the app's data folder, for sequences with a 'profile:' target
  -h, --help            this help

Exit status: 0 every sequence passed, 1 a step failed, 2 a file is invalid (FILE:LINE:COLUMN on stderr) or
cannot be read, 3 a network error before any step could run (connection refused, unknown host, address in use).

Example:  socket-workbench test smoke.yaml --junit reports/smoke.xml
`,
  cert: `Usage: socket-workbench cert --out DIR [--name HOST] [--json]

Writes a self-signed certificate (EC P-256, signed with SHA-256, valid for a year) for HOST with 127.0.0.1
and ::1 as alternative names, and its private key, as DIR/HOST.pem and DIR/HOST.key (PEM; the key readable
by its owner only). DIR is made if missing; existing files are never replaced.

  --out DIR         the folder to write to (required)
  --name HOST       the host name the certificate is for (default localhost)
  --json            one line on stdout: {"type":"cert","name":HOST,"cert":PATH,"key":PATH}
  -h, --help        this help

Example:  socket-workbench cert --out ./tls && socket-workbench listen 8443 --tls --cert ./tls/localhost.pem --key ./tls/localhost.key
`,
}

export const helpText = (topic: CommandName | undefined): string => HELP[topic ?? 'main']
