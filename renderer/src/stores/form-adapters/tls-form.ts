import type { KindRequest } from '../../../../electron/shared/kinds'
import { fieldError, label, optionalText, type FormFields } from './form-fields'

type ClientTls = NonNullable<KindRequest<'tcp-client'>['tls']>
type ServerTls = NonNullable<KindRequest<'tcp-server'>['tls']>

const alpnList = (text: string): string[] =>
  text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '')

/** A certificate file and its key: both or neither. */
function pair(certText: string, keyText: string, certKey: string, keyKey: string) {
  const certFile = optionalText(certText)
  const keyFile = optionalText(keyText)
  if ((certFile === undefined) !== (keyFile === undefined)) {
    fieldError('form.tlsPairNeeded', { cert: label(certKey), key: label(keyKey) })
  }
  return certFile === undefined ? {} : { certFile, keyFile }
}

/** The TLS client fields as the request's `tls` option; absent with the TLS box unticked. */
export function clientTlsOption(fields: FormFields): { tls?: ClientTls } {
  if (!fields.clientTls) return {}
  const servername = optionalText(fields.tlsServername)
  const caFile = optionalText(fields.tlsCaFile)
  return {
    tls: {
      verify: fields.tlsVerify ? 'full' : 'off',
      ...(servername !== undefined && { servername }),
      alpn: alpnList(fields.tlsAlpn),
      caFiles: caFile === undefined ? [] : [caFile],
      ...pair(fields.tlsClientCert, fields.tlsClientKey, 'form.tlsClientCert', 'form.tlsClientKey'),
    },
  }
}

export function fillClientTls(fields: FormFields, tls: ClientTls | undefined): void {
  fields.clientTls = tls !== undefined
  fields.tlsVerify = tls?.verify !== 'off'
  fields.tlsServername = tls?.servername ?? ''
  fields.tlsAlpn = (tls?.alpn ?? []).join(', ')
  fields.tlsCaFile = tls?.caFiles?.[0] ?? ''
  fields.tlsClientCert = tls?.certFile ?? ''
  fields.tlsClientKey = tls?.keyFile ?? ''
}

/** The TLS server fields as the request's `tls` option; absent with the TLS box unticked. */
export function serverTlsOption(fields: FormFields): { tls?: ServerTls } {
  if (!fields.serverTls) return {}
  return {
    tls: {
      ...pair(fields.tlsCertFile, fields.tlsKeyFile, 'form.tlsCertFile', 'form.tlsKeyFile'),
      requestCert: fields.tlsRequestCert ? 'required' : 'off',
    },
  }
}

export function fillServerTls(fields: FormFields, tls: ServerTls | undefined): void {
  fields.serverTls = tls !== undefined
  fields.tlsCertFile = tls?.certFile ?? ''
  fields.tlsKeyFile = tls?.keyFile ?? ''
  fields.tlsRequestCert = tls?.requestCert !== undefined && tls.requestCert !== 'off'
}
