import type { ImportReasonCode } from '../../../electron/shared/profiles/import-reasons'

// Why an import refused a file or left an entry out, one sentence per reason code of
// electron/shared/profiles/import-reasons.ts (typed by it: a new code without its sentence does not compile).
// Merged into the app's messages as `importReasons`. Field names and Packet Sender's keys stay as written.
export const importReasonsEn: Record<ImportReasonCode, string> = {
  IMPORT_NOT_JSON: 'The file is not valid JSON.',
  IMPORT_NEWER_VERSION: 'The file was written by a newer version (format {version}).',
  IMPORT_NOT_OUR_EXPORT: 'The file is not a Socket Workbench profiles export.',
  IMPORT_NO_PROFILES: 'The file contains no profiles.',
  IMPORT_TOO_MANY_PROFILES: 'The file has more than {max} profiles.',
  IMPORT_OVER_LIMIT: 'Importing {count} profiles would go over the limit of {max}.',
  IMPORT_NOT_PACKET_SENDER:
    'The file is not a Packet Sender export (a JSON array of packets, or packets.ini).',
  IMPORT_NOT_PACKET: 'Not a packet object.',
  IMPORT_PROTOCOL_UNSUPPORTED:
    'Protocol {protocol} is not supported (only TCP and UDP packets are imported).',
  IMPORT_PROTOCOL_UNKNOWN: 'tcpOrUdp: unknown protocol “{protocol}”.',
  IMPORT_BAD_HEX: 'hexString is not valid hex.',
  IMPORT_BAD_BASE64: 'asciiString is not valid Base64.',
  IMPORT_REPEAT_RANGE: 'repeat: {value} s is not between {min} and {max} seconds.',
  IMPORT_TOO_MANY_PACKETS: 'More than {max} packets for {endpoint}.',
  IMPORT_NO_PACKETS: 'The file contains no packets we can import.',
  IMPORT_TOO_MANY_ENDPOINTS: 'The file has more than {max} endpoints.',
  IMPORT_FIELD_INVALID: '{field}: {detail}',
  IMPORT_FIELD_MISSING: '{field}: missing.',
  IMPORT_FIELD_TOO_BIG: '{field}: more than {max}.',
  IMPORT_FIELD_TOO_SMALL: '{field}: less than {min}.',
  IMPORT_FIELD_TOO_LONG: '{field}: longer than {max}.',
  IMPORT_FIELD_NOT_ALLOWED: '{field}: not one of {allowed}.',
  IMPORT_MORE: 'And {count} more problems.',
}

export const importReasonsKo: typeof importReasonsEn = {
  IMPORT_NOT_JSON: '올바른 JSON 파일이 아닙니다.',
  IMPORT_NEWER_VERSION: '더 새로운 버전이 쓴 파일입니다(형식 {version}).',
  IMPORT_NOT_OUR_EXPORT: 'Socket Workbench 프로필 내보내기 파일이 아닙니다.',
  IMPORT_NO_PROFILES: '파일에 프로필이 없습니다.',
  IMPORT_TOO_MANY_PROFILES: '파일의 프로필이 {max}개를 넘습니다.',
  IMPORT_OVER_LIMIT: '프로필 {count}개를 가져오면 한도 {max}개를 넘습니다.',
  IMPORT_NOT_PACKET_SENDER: 'Packet Sender 내보내기 파일(패킷의 JSON 배열 또는 packets.ini)이 아닙니다.',
  IMPORT_NOT_PACKET: '패킷 객체가 아닙니다.',
  IMPORT_PROTOCOL_UNSUPPORTED: '{protocol} 프로토콜은 지원하지 않습니다(TCP와 UDP 패킷만 가져옵니다).',
  IMPORT_PROTOCOL_UNKNOWN: 'tcpOrUdp: 알 수 없는 프로토콜 “{protocol}”입니다.',
  IMPORT_BAD_HEX: 'hexString이 올바른 16진수가 아닙니다.',
  IMPORT_BAD_BASE64: 'asciiString이 올바른 Base64가 아닙니다.',
  IMPORT_REPEAT_RANGE: 'repeat: {value}초는 {min}초와 {max}초 사이가 아닙니다.',
  IMPORT_TOO_MANY_PACKETS: '{endpoint}의 패킷이 {max}개를 넘습니다.',
  IMPORT_NO_PACKETS: '파일에 가져올 수 있는 패킷이 없습니다.',
  IMPORT_TOO_MANY_ENDPOINTS: '파일의 엔드포인트가 {max}개를 넘습니다.',
  IMPORT_FIELD_INVALID: '{field}: 올바르지 않은 값입니다({detail}).',
  IMPORT_FIELD_MISSING: '{field}: 값이 없습니다.',
  IMPORT_FIELD_TOO_BIG: '{field}: {max}보다 큽니다.',
  IMPORT_FIELD_TOO_SMALL: '{field}: {min}보다 작습니다.',
  IMPORT_FIELD_TOO_LONG: '{field}: 길이가 {max}를 넘습니다.',
  IMPORT_FIELD_NOT_ALLOWED: '{field}: 다음 중 하나여야 합니다: {allowed}.',
  IMPORT_MORE: '그 밖의 문제 {count}개.',
}
