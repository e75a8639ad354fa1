import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { within } from './peers'

// python3 servers that speak small protocols (not our engine): a line server with a banner and a Modbus/TCP-shaped
// server. Each prints its port as its first line; stop() ends it.

const LINE_SERVER = `
import socket, sys, threading
def serve(conn):
    with conn:
        conn.sendall(b'220 ready\\r\\n')
        buffer = b''
        while True:
            data = conn.recv(4096)
            if not data:
                return
            buffer += data
            while b'\\r\\n' in buffer:
                line, buffer = buffer.split(b'\\r\\n', 1)
                if line == b'QUIT':
                    conn.sendall(b'221 bye\\r\\n')
                    return
                conn.sendall(b'ECHO ' + line + b'\\r\\n')
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', 0))
s.listen(16)
print(s.getsockname()[1], flush=True)
while True:
    conn, _ = s.accept()
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
`

// MBAP header (transaction, protocol 0, length of what follows, unit) + PDU. Function 3 (read holding
// registers) answers register i with the value start + i; any other function gets exception 1 (illegal function).
const MODBUS_SERVER = `
import socket, struct, threading
def read_exactly(conn, count):
    data = b''
    while len(data) < count:
        chunk = conn.recv(count - len(data))
        if not chunk:
            return None
        data += chunk
    return data
def serve(conn):
    with conn:
        while True:
            header = read_exactly(conn, 7)
            if header is None:
                return
            transaction, protocol, length, unit = struct.unpack('>HHHB', header)
            pdu = read_exactly(conn, length - 1)
            if pdu is None:
                return
            function = pdu[0]
            if function == 3:
                start, count = struct.unpack('>HH', pdu[1:5])
                reply = bytes([3, 2 * count]) + b''.join(struct.pack('>H', start + i) for i in range(count))
            else:
                reply = bytes([function | 0x80, 1])
            conn.sendall(struct.pack('>HHHB', transaction, 0, len(reply) + 1, unit) + reply)
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', 0))
s.listen(16)
print(s.getsockname()[1], flush=True)
while True:
    conn, _ = s.accept()
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
`

export interface PythonServer {
  port: number
  stop(): Promise<void>
}

async function pythonServer(script: string, what: string): Promise<PythonServer> {
  const child = spawn('python3', ['-c', script], { stdio: ['ignore', 'pipe', 'inherit'] })
  const exited = once(child, 'exit')
  let output = ''
  const port = await within(
    new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        if (output.includes('\n')) resolve(Number(output.split('\n')[0]))
      })
      child.once('exit', (code) => reject(new Error(`${what} exited with ${code}`)))
    }),
    `${what} to print its port`,
  )
  return {
    port,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await within(exited, `${what} to exit`)
    },
  }
}

/** Greets with `220 ready\r\n`, answers each CRLF line with `ECHO line\r\n`, and `QUIT` with `221 bye\r\n` and a close. */
export const pythonLineServer = (): Promise<PythonServer> => pythonServer(LINE_SERVER, 'python3 line server')

/** Modbus/TCP-shaped: MBAP length-prefixed requests; function 3 reads registers whose value is their address. */
export const pythonModbusServer = (): Promise<PythonServer> =>
  pythonServer(MODBUS_SERVER, 'python3 Modbus server')
