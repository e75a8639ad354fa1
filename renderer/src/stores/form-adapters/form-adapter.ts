import type { KindRequest, SessionKind } from '../../../../electron/shared/kinds'
import type { FormFields } from './form-fields'

/** Turns the form's fields into one kind's request and back. One per kind, listed in `formAdapters`. */
export interface FormAdapter<K extends SessionKind> {
  /** Throws FieldError with a translated message when a field is not valid. */
  toRequest(fields: FormFields): KindRequest<K>
  /** Sets this kind's fields from a saved request; the caller has reset every field to its default first. */
  fill(fields: FormFields, request: KindRequest<K>): void
  /** Label keys of request fields whose label differs from the default one (a server's `host` is its bind address). */
  fieldLabels?: Record<string, string>
}
