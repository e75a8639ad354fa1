import type { Benchmark } from './bench-types'
import { autoreplyRtt } from './benches/autoreply-rtt'
import { framingThroughput } from './benches/framing-throughput'
import { generatorAccuracy } from './benches/generator-accuracy'
import { generatorIsolation } from './benches/generator-isolation'
import { generatorTcp } from './benches/generator-tcp'
import { generatorUdp } from './benches/generator-udp'
import { ipcBatch } from './benches/ipc-batch'
import { repeatRate } from './benches/repeat-rate'
import { relayLatency } from './benches/relay-latency'
import { relayTcp } from './benches/relay-tcp'
import { ringMemory } from './benches/ring-memory'
import { sequenceOverhead } from './benches/sequence-overhead'
import { tcpReceive } from './benches/tcp-receive'
import { tcpSend } from './benches/tcp-send'
import { tlsReceive } from './benches/tls-receive'
import { tlsSend } from './benches/tls-send'
import { uiFloodTcp, uiFloodUdp } from './benches/ui-flood'
import { udpReceive } from './benches/udp-receive'

/** Issue 8's soak, loaded only when asked for: minutes long, and its module stays out of the normal run. */
const soak: Benchmark = {
  name: 'soak',
  onlyWhenNamed: true,
  run: async () => (await import('./soak')).soak.run(),
}

/** Every benchmark, in the order `npm run bench` runs them. */
export const benchmarks: Benchmark[] = [
  tcpReceive,
  tcpSend,
  tlsReceive,
  tlsSend,
  udpReceive,
  framingThroughput,
  autoreplyRtt,
  ipcBatch,
  ringMemory,
  repeatRate,
  sequenceOverhead,
  relayTcp,
  relayLatency,
  uiFloodTcp,
  uiFloodUdp,
  generatorUdp,
  generatorTcp,
  generatorAccuracy,
  generatorIsolation,
  soak,
]
