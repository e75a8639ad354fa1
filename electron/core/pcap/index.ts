export { convertCaptureToPcapng, type PcapngExport } from './convert-capture'
export { exportLastCapture, pcapngPathOf } from './export-last-capture'
