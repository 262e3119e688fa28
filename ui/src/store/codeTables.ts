// The code tables, loaded once from the core with `code_tables` (the UI keeps no copy of its own).
import { ref } from 'vue'
import * as api from '../api'
import type { CodeItem, CodeTables } from '../api/generated'
import { codeLabel, codeOptions } from '../lib/codes'

const tables = ref<CodeTables | null>(null)
let pending: Promise<CodeTables> | null = null

export function loadCodeTables(): Promise<CodeTables> {
  if (tables.value) return Promise.resolve(tables.value)
  if (!pending) {
    pending = api
      .codeTables()
      .then((t) => {
        tables.value = t
        return t
      })
      .finally(() => {
        pending = null
      })
  }
  return pending
}

export function useCodeTables() {
  return {
    tables,
    options: (name: string): CodeItem[] => codeOptions(tables.value, name),
    label: (name: string, code: string | null | undefined): string => codeLabel(tables.value, name, code),
  }
}

/** Test helper. */
export function resetCodeTables() {
  tables.value = null
  pending = null
}
