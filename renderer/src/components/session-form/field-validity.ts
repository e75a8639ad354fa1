import { inject, type InjectionKey, type Ref } from 'vue'

/** The form's word on its fields: which one (by its label as shown) the user must correct. */
export interface FieldValidity {
  invalidField: Readonly<Ref<string | undefined>>
}

export const fieldValidityKey: InjectionKey<FieldValidity> = Symbol('field-validity')

/** The enclosing form's validity, or none (a field used outside such a form is never marked). */
export const useFieldValidity = (): FieldValidity | undefined => inject(fieldValidityKey, undefined)
