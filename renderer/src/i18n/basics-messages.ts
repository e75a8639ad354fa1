// UI text of the everyday actions Packet Sender and Hercules users expect (issue 14): connection actions, the
// clients table, auto-reconnect, sending a file and the log row's actions. Spread into en.ts / ko.ts beside the
// other namespaces; Korean has exactly the same keys (the type check enforces it).
export const basicsEn = {
  sessionActions: {
    halfClose: 'Half-close (FIN)',
    halfCloseHint: 'Send our FIN: the peer reads the end of the stream, and we keep receiving.',
    reset: 'Reset (RST)',
    resetHint: 'Abortive close: an RST at once, queued bytes dropped; the peer sees ECONNRESET.',
    reopen: {
      reconnect: 'Reconnect',
      'listen-again': 'Listen again',
      'bind-again': 'Bind again',
    },
    reopenHint: 'Open this session again with the same settings; its log and counters go on.',
    resumeAccepting: 'Resume accepting',
    resumeAcceptingHint: 'Listen on the same address again; connected clients stay.',
    removeClosed: 'Remove closed sessions',
  },
  autoReconnect: {
    enabled: 'Reconnect clients automatically',
    delay: 'Reconnect after (ms)',
    delayRange: 'From {min} to {max} ms.',
    pending: 'Reconnecting in {seconds} s…',
    cancel: 'Cancel reconnect',
  },
  clientsTable: {
    address: 'Remote address',
    state: 'State',
    bytesIn: 'Bytes in',
    bytesOut: 'Bytes out',
    since: 'Since',
    actions: 'Actions',
    open: 'open',
    halfClosed: 'peer sent FIN',
    disconnectAll: 'Disconnect all',
    disconnectAllHint: 'End every client connection with a FIN; the server keeps listening.',
  },
}

export const basicsKo: typeof basicsEn = {
  sessionActions: {
    halfClose: '절반 닫기 (FIN)',
    halfCloseHint: '우리 쪽 FIN을 보냅니다. 상대는 스트림의 끝을 읽고, 우리는 계속 받습니다.',
    reset: '리셋 (RST)',
    resetHint: '강제 종료: 즉시 RST를 보내고 대기 중인 바이트는 버립니다. 상대는 ECONNRESET을 봅니다.',
    reopen: {
      reconnect: '다시 연결',
      'listen-again': '다시 수신 대기',
      'bind-again': '다시 바인드',
    },
    reopenHint: '같은 설정으로 이 세션을 다시 엽니다. 로그와 카운터는 이어집니다.',
    resumeAccepting: '연결 받기 재개',
    resumeAcceptingHint: '같은 주소에서 다시 수신 대기합니다. 연결된 클라이언트는 그대로 남습니다.',
    removeClosed: '닫힌 세션 제거',
  },
  autoReconnect: {
    enabled: '클라이언트 자동 재연결',
    delay: '재연결 대기 (ms)',
    delayRange: '{min}부터 {max} ms까지.',
    pending: '{seconds}초 후 다시 연결합니다…',
    cancel: '재연결 취소',
  },
  clientsTable: {
    address: '원격 주소',
    state: '상태',
    bytesIn: '받은 바이트',
    bytesOut: '보낸 바이트',
    since: '연결 시각',
    actions: '동작',
    open: '열림',
    halfClosed: '상대가 FIN을 보냄',
    disconnectAll: '모두 연결 끊기',
    disconnectAllHint: '모든 클라이언트 연결을 FIN으로 끝냅니다. 서버는 계속 수신 대기합니다.',
  },
}
