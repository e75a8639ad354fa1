import type { z } from 'zod'
import type { ChannelName } from './api'
import {
  disconnectRequestSchema,
  emptyRequestSchema,
  halfCloseRequestSchema,
  membershipRequestSchema,
  openSessionRequestSchema,
  sendRequestSchema,
  sessionRefSchema,
  setAutoReplyRequestSchema,
  setFramingRequestSchema,
  setFaultsRequestSchema,
  injectRequestSchema,
} from './schemas'
import {
  injectMessageRequestSchema,
  repeatStartRequestSchema,
  sendMessageRequestSchema,
} from './message-requests'
import {
  exportProfilesRequestSchema,
  importTextRequestSchema,
  profileRefSchema,
  renameProfileRequestSchema,
  saveProfileRequestSchema,
} from './profiles/requests'
import { startGeneratorRequestSchema } from './generator/schema'

/** The schema every channel's payload is parsed with before anything acts on it. */
export const requestSchemas = {
  openSession: openSessionRequestSchema,
  closeSession: sessionRefSchema,
  removeSession: sessionRefSchema,
  listSessions: emptyRequestSchema,
  send: sendRequestSchema,
  disconnect: disconnectRequestSchema,
  halfClose: halfCloseRequestSchema,
  stopListening: sessionRefSchema,
  resumeListening: sessionRefSchema,
  reopenSession: sessionRefSchema,
  membership: membershipRequestSchema,
  setFraming: setFramingRequestSchema,
  sendMessage: sendMessageRequestSchema,
  repeatStart: repeatStartRequestSchema,
  repeatStop: sessionRefSchema,
  repeatStatus: sessionRefSchema,
  setAutoReply: setAutoReplyRequestSchema,
  startGenerator: startGeneratorRequestSchema,
  stopGenerator: sessionRefSchema,
  setFaults: setFaultsRequestSchema,
  inject: injectRequestSchema,
  injectMessage: injectMessageRequestSchema,
  listProfiles: emptyRequestSchema,
  saveProfile: saveProfileRequestSchema,
  renameProfile: renameProfileRequestSchema,
  duplicateProfile: profileRefSchema,
  deleteProfile: profileRefSchema,
  exportProfiles: exportProfilesRequestSchema,
  importProfiles: importTextRequestSchema,
  importPacketSender: importTextRequestSchema,
  startCapture: sessionRefSchema,
  stopCapture: sessionRefSchema,
  captureStatus: sessionRefSchema,
  exportPcapng: sessionRefSchema,
} satisfies Record<ChannelName, z.ZodType>

export type ParsedRequest<K extends ChannelName> = z.output<(typeof requestSchemas)[K]>
