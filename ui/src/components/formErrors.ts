// Field errors shared by a form with its FormField items.
import type { InjectionKey, Ref } from 'vue'
import type { FieldErrorMap } from '../lib/fieldErrors'

export const FIELD_ERRORS_KEY: InjectionKey<Ref<FieldErrorMap>> = Symbol('fieldErrors')
