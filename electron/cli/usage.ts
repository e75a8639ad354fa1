import { faultDefinitions, faultNames } from '../shared/relay'
import { DEFAULT_WAIT_MS, type CommandName } from './command-line'

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
  --send-file PATH  the bytes of a file (at most 16 MiB)`

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
  --echo            answer every chunk (datagram) with itself
  --once            exit after the first client closes (UDP: after the first datagram)`

const FRAMING = `Framing (received bytes cut into messages; one 'frame' event each, shown one per line):
  --framing SPEC    none | delimiter:ESCAPED[:keep] | fixed:N | length:FIELD[:OFFSET[:ADJUST]] | slip |
                    idle:MS (TCP only); FIELD u8, u16be, u16le, u32be, u32le. --echo answers each frame`

const ADDRESSES = `Addresses:
  -u, --udp         UDP instead of TCP
  -6, --ipv6        IPv6 only;  -4, --ipv4  IPv4 only`

const HELP: Readonly<Record<CommandName | 'main', string>> = {
  main: `socket-workbench — the headless Socket Workbench: TCP/UDP sessions on the same engine as the app.

Usage:
  socket-workbench connect HOST PORT [options]      TCP client (--udp: UDP)
  socket-workbench listen [HOST] PORT [options]     TCP server (--udp: UDP); HOST defaults to 127.0.0.1
  socket-workbench relay LISTEN_PORT UPSTREAM_HOST UPSTREAM_PORT [options]
                                                    TCP relay (--udp: UDP) with faults, both directions shown
  socket-workbench run PROFILE --data-dir DIR       open a profile saved by the app
  socket-workbench pcap CAPTURE OUT.pcapng          a capture (--record, Record to file) as pcapng
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

${SENDING}

${FRAMING}

${CLIENT}

${RUNNING}

${OUTPUT}

Example:  socket-workbench connect 127.0.0.1 7 --send 'hello\\n'      (ncat 127.0.0.1 7)
`,
  listen: `Usage: socket-workbench listen [HOST] PORT [options]

Listens on HOST:PORT (TCP, or binds a UDP socket with --udp); HOST defaults to 127.0.0.1 (::1 with -6);
PORT 0 picks a free port, shown in the "listening on" / "bound to" line. Accepts many clients;
--send goes to each client when it connects (UDP: to each new sender, after its first datagram).
Runs until --once is met, --timeout MS or Ctrl+C.

${ADDRESSES}

${SENDING}

${FRAMING}

${SERVER}

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

${FRAMING}

${RUNNING}

${OUTPUT}

Example:  socket-workbench relay 0 127.0.0.1 9000 --delay 50 --json
`,
  run: `Usage: socket-workbench run PROFILE --data-dir DIR [options]

Opens the profile PROFILE saved by the app in DIR (its profiles file) and behaves like connect
(TCP client; UDP with a remote) or listen (TCP server; UDP without a remote) for it.

  --data-dir DIR        the app's data folder (required)
  --send-message NAME   send one of the profile's saved messages (repeatable, in order with --send)

${SENDING}

${CLIENT}

${SERVER}

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
}

export const helpText = (topic: CommandName | undefined): string => HELP[topic ?? 'main']
