export { convertCaptureToPcapng, type PcapngExport } from './convert-capture'
