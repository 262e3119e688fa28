// Test fixture: the code tables the core serves, read from the shipped asset (never bundled into the UI).
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CodeTables } from '../api/generated'

export function realCodeTables(): CodeTables {
  const here = dirname(fileURLToPath(import.meta.url))
  const path = resolve(here, '../../../assets/code_tables.json')
  return JSON.parse(readFileSync(path, 'utf8')) as CodeTables
}
