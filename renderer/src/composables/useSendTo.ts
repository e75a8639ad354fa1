import { computed, ref } from 'vue'
import { formatEndpoint } from '../../../electron/shared/endpoint-format'
import type { SessionInfo } from '../../../electron/shared/model'

/**
 * Which of a server's clients the Send panel sends to ('' is every client). A chosen client that leaves stays
 * chosen and is marked gone, so the next send is refused: widening it to "All clients" would send the data to
 * peers the user never picked.
 */
export function useSendTo(session: () => SessionInfo) {
  const chosenId = ref('')
  /** The chosen client's host:port, kept so it can still be named once it has left. */
  const chosenPeer = ref('')

  const gone = computed(
    () => chosenId.value !== '' && !session().connections.some((client) => client.id === chosenId.value),
  )

  function choose(id: string): void {
    const client = session().connections.find((candidate) => candidate.id === id)
    chosenId.value = client ? id : ''
    chosenPeer.value = client ? formatEndpoint(client.remote) : ''
  }

  return { chosenId, chosenPeer, gone, choose }
}
