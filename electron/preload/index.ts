import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
// Straight from api.ts, not the shared index: the sandboxed preload should not bundle the schemas.
import {
  Channels,
  EVENTS_CHANNEL,
  type ChannelName,
  type RequestFunctions,
  type SocketApi,
} from '../shared/api'
import type { EventBatch } from '../shared/model'

/** One named function per channel of the table; the page never gets ipcRenderer or a generic invoke. */
function requestFunctions(): RequestFunctions {
  const functions: Partial<Record<ChannelName, (request: unknown) => Promise<unknown>>> = {}
  for (const name of Object.keys(Channels) as ChannelName[]) {
    const channel = Channels[name]
    functions[name] = (request) => ipcRenderer.invoke(channel, request)
  }
  return functions as RequestFunctions
}

function onEvents(listener: (batch: EventBatch) => void): () => void {
  // The IPC event (and its sender) stays here; the page gets the batch only.
  const forward = (_event: IpcRendererEvent, batch: EventBatch) => listener(batch)
  ipcRenderer.on(EVENTS_CHANNEL, forward)
  return () => {
    ipcRenderer.removeListener(EVENTS_CHANNEL, forward)
  }
}

const socketApi = { ...requestFunctions(), onEvents } satisfies SocketApi

contextBridge.exposeInMainWorld('socketApi', socketApi)
