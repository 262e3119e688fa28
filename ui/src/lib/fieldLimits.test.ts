// The limits of the UI are the core's: read them from the Rust checks they mirror, so a limit changed in
// the core fails here instead of surprising the clerk at 保存.
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  ACCOUNT_LIMITS,
  CONSULTATION_LIMITS,
  CORRECTION_EVENT_LIMITS,
  CORRECTION_SUBJECT_LIMITS,
  DISTRICT_OFFICE_LIMITS,
  FOLLOW_UP_LIMITS,
  HOLIDAY_LIMITS,
  ID_NO_MAX,
  LEGAL_AID_LIMITS,
  MEDIATION_LIMITS,
  OFFICE_LIMITS,
  PARTY_LIMITS,
  SESSION_LIMITS,
} from './fieldLimits'

const CORE = resolve(dirname(fileURLToPath(import.meta.url)), '../../../src')
const source = (file: string) => readFileSync(resolve(CORE, file), 'utf8')

/** The text of the function `name` in `file`, up to the next item of the file. */
function fnBody(file: string, name: string): string {
  const src = source(file)
  const start = src.search(new RegExp(`\\bfn ${name}\\b`))
  expect(start, `fn ${name} in ${file}`).toBeGreaterThanOrEqual(0)
  const rest = src.slice(start + 3)
  const end = rest.search(/\n(?:pub(?:\([a-z]+\))? )?fn |\n#\[cfg\(test\)\]/)
  return end < 0 ? rest : rest.slice(0, end)
}

type Found = { plain: Record<string, number>; prefixed: Record<string, number> }

/** The `c.text(field, label, value, max, required)` checks of some code: a literal field ("place") in
 * `plain`, one under a list's prefix (`&f("place")`) in `prefixed`. A field checked twice must have one max. */
function textChecks(code: string): Found {
  const found: Found = { plain: {}, prefixed: {} }
  const call = /\bc\.text\(\s*(?:&f\("(\w+)"\)|"(\w+)")\s*,[\s\S]*?,\s*(\d+)\s*,[^;]*\);/g
  for (const m of code.matchAll(call)) {
    const [into, field] = m[1] ? [found.prefixed, m[1]] : [found.plain, m[2]!]
    const max = Number(m[3])
    expect(into[field] ?? max, `${field} checked with two limits`).toBe(max)
    into[field] = max
  }
  return found
}

/** The `required_text(&mut errors, "field", label, value, max)` checks of some code. */
function requiredTexts(code: string): Record<string, number> {
  const out: Record<string, number> = {}
  for (const m of code.matchAll(/required_text\(\s*&mut errors,\s*"(\w+)",[^;]*?,\s*(\d+)\s*\)/g)) out[m[1]!] = Number(m[2])
  return out
}

function without<T extends Record<string, number>>(limits: T, ...keys: string[]): Record<string, number> {
  return Object.fromEntries(Object.entries(limits).filter(([k]) => !keys.includes(k)))
}

describe('field limits follow the core', () => {
  it('人民调解: the case, its parties, sessions and follow-ups', () => {
    const caseChecks = textChecks(fnBody('mediation.rs', 'validate'))
    expect(caseChecks.plain).toEqual(MEDIATION_LIMITS)
    expect(caseChecks.prefixed).toEqual({ ...SESSION_LIMITS, ...FOLLOW_UP_LIMITS })
    expect(textChecks(fnBody('mediation.rs', 'validate_party')).prefixed).toEqual(without(PARTY_LIMITS, 'idNo'))
    expect(PARTY_LIMITS.idNo).toBe(ID_NO_MAX)
  })

  it('法律援助: consultations and applications', () => {
    expect(textChecks(fnBody('legal_aid.rs', 'validate_consultation')).plain).toEqual(CONSULTATION_LIMITS)
    expect(textChecks(fnBody('legal_aid.rs', 'validate')).plain).toEqual(without(LEGAL_AID_LIMITS, 'idNo', 'agentIdNo'))
  })

  it('社区矫正: subjects and events', () => {
    const subject = fnBody('correction.rs', 'validate_subject')
    // 脱管/失联 and 漏管: reason and measures are checked in a loop over the flags.
    expect(subject).toMatch(/c\.text\(field, label, value, 1000,/)
    const looped = { abscondReason: 1000, abscondMeasures: 1000, missedReason: 1000, missedMeasures: 1000 }
    expect({ ...textChecks(subject).plain, ...looped }).toEqual(without(CORRECTION_SUBJECT_LIMITS, 'idNo'))
    const event = { ...textChecks(fnBody('correction.rs', 'validate_event')).plain, ...textChecks(fnBody('correction.rs', 'check_leave')).plain }
    // 事由说明 of a leave is the event's content, passed in by reference.
    expect(fnBody('correction.rs', 'check_leave')).toMatch(/c\.text\("content", "事由说明", content, 1000,/)
    expect({ ...event, content: 1000 }).toEqual(CORRECTION_EVENT_LIMITS)
  })

  it('证件号码 of other kinds of ID', () => {
    expect(fnBody('check.rs', 'person_id')).toContain(`p.id_no.chars().count() > ${ID_NO_MAX}`)
  })

  it('the office, the district roster, accounts and holidays', () => {
    const office = requiredTexts(fnBody('office.rs', 'validate_office'))
    expect(office).toEqual(without(OFFICE_LIMITS, 'adminUsername', 'adminDisplayName'))
    expect(requiredTexts(fnBody('office.rs', 'validate_profile'))).toEqual(office)
    expect(requiredTexts(fnBody('district.rs', 'validate_office'))).toEqual(DISTRICT_OFFICE_LIMITS)
    expect(fnBody('accounts.rs', 'check_username')).toContain(`u.chars().count() > ${ACCOUNT_LIMITS.username}`)
    expect(fnBody('accounts.rs', 'check_display_name')).toContain(`n.chars().count() > ${ACCOUNT_LIMITS.displayName}`)
    expect(OFFICE_LIMITS.adminUsername).toBe(ACCOUNT_LIMITS.username)
    expect(OFFICE_LIMITS.adminDisplayName).toBe(ACCOUNT_LIMITS.displayName)
    expect(source('holiday_file.rs')).toContain(`check_text(&entry.name, ${HOLIDAY_LIMITS.name})`)
  })
})
