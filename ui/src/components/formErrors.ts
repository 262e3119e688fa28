// Field errors shared by a form with its FormField items.
import { provide, type InjectionKey, type Ref } from 'vue'
import type { FieldErrorMap } from '../lib/fieldErrors'

/** What a FormField needs of its form's field errors: the message for each path, and how to take its own
 * away once the user edits the field (the error was about the value the user has just changed). */
export interface FieldErrorsContext {
  errors: Readonly<Ref<FieldErrorMap>>
  dismiss: (path: string) => void
}

export const FIELD_ERRORS_KEY: InjectionKey<FieldErrorsContext> = Symbol('fieldErrors')

/** Give the FormField items below the calling component the field errors of `form` (from useFormErrors). */
export function provideFieldErrors(form: FieldErrorsContext) {
  provide(FIELD_ERRORS_KEY, { errors: form.errors, dismiss: (path) => form.dismiss(path) })
}
