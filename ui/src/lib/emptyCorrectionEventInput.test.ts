import { describe, expect, it } from 'vitest'
import { emptyCorrectionEventInput } from './emptyCorrectionEventInput'
import { realCodeTables } from '../test/codeTables'

describe('emptyCorrectionEventInput', () => {
  it('carries the kind, date and staff, everything else empty', () => {
    const e = emptyCorrectionEventInput('talk', '2026-11-27', '管理员')
    expect(e).toEqual({
      kind: 'talk',
      eventOn: '2026-11-27',
      staff: '管理员',
      content: '',
      reportMode: null,
      place: '',
      people: '',
      hours: null,
      leaveReason: null,
      destination: '',
      leaveFrom: null,
      leaveTo: null,
      leaveDays: null,
      approvalLevel: null,
      approvalNote: '',
      overdueDays: null,
      decision: null,
      decidedOn: null,
      returnedOn: null,
      sanction: null,
      docNo: '',
      period: '',
      score: null,
      newLevel: null,
      notes: '',
    })
  })

  it('has the defaults of each kind', () => {
    expect(emptyCorrectionEventInput('report', '2026-11-27', '').reportMode).toBe('in_person')
    expect(emptyCorrectionEventInput('leave', '2026-11-27', '').decision).toBe('pending')
    expect(emptyCorrectionEventInput('sanction', '2026-11-27', '').decision).toBe('pending')
    expect(emptyCorrectionEventInput('visit', '2026-11-27', '').decision).toBeNull()
    expect(emptyCorrectionEventInput('visit', '2026-11-27', '').reportMode).toBeNull()
  })

  it('uses codes that exist in the core code tables', () => {
    const t = realCodeTables()
    const has = (table: string, code: string) => t[table].some((c) => c.code === code)
    expect(has('corrReportMode', emptyCorrectionEventInput('report', '', '').reportMode!)).toBe(true)
    expect(has('corrLeaveDecision', emptyCorrectionEventInput('leave', '', '').decision!)).toBe(true)
    expect(has('corrSanctionDecision', emptyCorrectionEventInput('sanction', '', '').decision!)).toBe(true)
  })
})
