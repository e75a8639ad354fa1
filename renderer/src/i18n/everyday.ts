// UI text added for the everyday fixes of issue 14 (recording, rates chart, keyboard help, host status),
// merged into en.ts / ko.ts by spreading. Korean has exactly the same keys (the type of `everydayKo` checks it).
export const everydayEn = {
  capture: {
    group: 'Recording',
    record: 'Record to file',
    stop: 'Stop recording',
    exportPcapng: 'Export pcapng',
    inProgress: 'Recording in progress',
    written: '{events} events, {bytes}',
    recording: 'Recording: {written} written',
    finishing: 'Finishing: {written} written',
    saved: 'Saved {written}',
    failed: 'Stopped with an error after {written}',
    fileOnHost: 'File on the host:',
    exported: 'pcapng ({packets} packets, {bytes}):',
  },
  rates: {
    group: 'Traffic rates',
    bytesIn: 'Bytes in',
    bytesOut: 'Bytes out',
    messagesIn: 'Messages in',
    messagesOut: 'Messages out',
    byteRate: '{value}/s',
    messageRate: '{value} msg/s',
    sentence: 'In: {bytesIn}, {messagesIn}. Out: {bytesOut}, {messagesOut}.',
  },
  stateWords: {
    notAccepting: 'not accepting (no clients) | not accepting (1 client) | not accepting ({count} clients)',
    halfClosedByPeer: 'half-closed by peer',
    hostLost: 'unknown: host lost',
  },
  clientsState: {
    serverClosed: 'The server is closed; no client is connected.',
  },
  logGaps: {
    marker: '{count} rows not shown here',
    trailing: '{count} rows not shown here (after the newest row)',
    viewNote:
      'This export is the log view: during a flood some rows are left out, each gap marked where it is. Record to file keeps every event.',
  },
  keyboard: {
    skipToMessage: 'Skip to message',
    skipToSession: 'Skip to the session',
    sidebar: 'Sessions and profiles',
  },
  hostStatus: {
    restarted:
      'The host restarted: open its new address (the line it printed, with its new token). Sessions shown here are from before the restart.',
    gone: 'The host is gone: nothing has answered at this address for {seconds} s, so the page stopped trying. If it runs again (perhaps on another port), open the address it printed, with its token. Sessions shown here are from before.',
    noHistory: 'History before this page was loaded is not available; the counters are exact.',
  },
  host: {
    lostDetail: 'The connection to the web host is lost; reconnecting.',
    refusedDetail: 'The web host refused this page: open the exact URL it printed, with its token.',
  },
}

export const everydayKo: typeof everydayEn = {
  capture: {
    group: '기록',
    record: '파일로 기록',
    stop: '기록 중지',
    exportPcapng: 'pcapng로 내보내기',
    inProgress: '기록 중',
    written: '이벤트 {events}개, {bytes}',
    recording: '기록 중: {written} 씀',
    finishing: '마무리 중: {written} 씀',
    saved: '저장함: {written}',
    failed: '{written} 쓴 뒤 오류로 멈춤',
    fileOnHost: '호스트의 파일:',
    exported: 'pcapng(패킷 {packets}개, {bytes}):',
  },
  rates: {
    group: '트래픽 속도',
    bytesIn: '수신 바이트',
    bytesOut: '송신 바이트',
    messagesIn: '수신 메시지',
    messagesOut: '송신 메시지',
    byteRate: '{value}/s',
    messageRate: '{value} 건/s',
    sentence: '수신: {bytesIn}, {messagesIn}. 송신: {bytesOut}, {messagesOut}.',
  },
  stateWords: {
    notAccepting:
      '연결 받지 않음(클라이언트 없음) | 연결 받지 않음(클라이언트 1개) | 연결 받지 않음(클라이언트 {count}개)',
    halfClosedByPeer: '상대가 절반 닫음(FIN)',
    hostLost: '알 수 없음: 호스트 끊김',
  },
  clientsState: {
    serverClosed: '서버가 닫혀 연결된 클라이언트가 없습니다.',
  },
  logGaps: {
    marker: '여기서 행 {count}개를 표시하지 않음',
    trailing: '여기서 행 {count}개를 표시하지 않음(최신 행 뒤)',
    viewNote:
      '이 내보내기는 로그 보기입니다. 폭주 중에는 일부 행이 빠지며, 빠진 자리마다 표시해 둡니다. 모든 이벤트는 "파일로 기록"이 남깁니다.',
  },
  keyboard: {
    skipToMessage: '메시지 입력으로 건너뛰기',
    skipToSession: '세션으로 건너뛰기',
    sidebar: '세션과 프로필',
  },
  hostStatus: {
    restarted:
      '호스트가 다시 시작되었습니다. 새 주소(호스트가 출력한 새 토큰이 든 줄)를 여세요. 여기 보이는 세션은 다시 시작하기 전의 것입니다.',
    gone: '호스트가 사라졌습니다. 이 주소에서 {seconds}초 동안 응답이 없어 다시 연결하기를 멈췄습니다. 호스트를 다시 실행했다면(다른 포트일 수도 있습니다) 호스트가 출력한 주소를 토큰까지 그대로 여세요. 여기 보이는 세션은 그 전의 것입니다.',
    noHistory: '이 페이지를 열기 전의 기록은 볼 수 없습니다. 카운터는 정확합니다.',
  },
  host: {
    lostDetail: '웹 호스트와의 연결이 끊겼습니다. 다시 연결하는 중입니다.',
    refusedDetail: '웹 호스트가 이 페이지를 거부했습니다. 호스트가 출력한 주소를 토큰까지 그대로 여세요.',
  },
}
