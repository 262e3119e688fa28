import { describe, expect, it } from 'vitest'
import { emptyFollowUp, emptyMediationInput, emptyParty, emptySession } from './emptyMediationInput'
import { realCodeTables } from '../test/codeTables'

describe('emptyMediationInput', () => {
  const input = emptyMediationInput('2026-11-27')

  it('has the defaults of a new case', () => {
    expect(input.state).toBe('accepted')
    expect(input.committee).toBe('township')
    expect(input.source).toBe('application')
    expect(input.disputeType).toBe('')
    expect(input.acceptedOn).toBe('2026-11-27')
    expect(input.rightsNoticeOn).toBe('2026-11-27')
    expect(input.judicialConfirm).toBe('none')
    expect(input.personsInvolved).toBe(2)
    expect(input.mediators).toEqual([])
    expect(input.prevention).toEqual([])
    expect(input.sessions).toEqual([])
    expect(input.followUps).toEqual([])
  })

  it('leaves optional selects and dates null and texts empty', () => {
    for (const k of [
      'occurredOn',
      'amount',
      'risk',
      'notAcceptedReason',
      'agreementForm',
      'agreementOn',
      'performMode',
      'performBy',
      'agreedAmount',
      'performance',
      'judicialOn',
      'failRoute',
      'closedOn',
    ] as const) {
      expect(input[k], k).toBeNull()
    }
    for (const k of ['place', 'summary', 'recorder', 'agreementNo', 'terms', 'judicialCourt'] as const) {
      expect(input[k], k).toBe('')
    }
  })

  it('starts with an applicant and a respondent, both natural persons with a resident ID', () => {
    expect(input.parties).toHaveLength(2)
    expect(input.parties.map((p) => p.role)).toEqual(['applicant', 'respondent'])
    for (const p of input.parties) {
      expect(p.kind).toBe('natural')
      expect(p.idType).toBe('resident_id')
      expect(p.name).toBe('')
      expect(p.sex).toBeNull()
      expect(p.ethnicity).toBeNull()
      expect(p.birthDate).toBeNull()
    }
  })

  it('is pure: every call gives a fresh object', () => {
    const a = emptyMediationInput('2026-11-27')
    const b = emptyMediationInput('2026-11-27')
    expect(a).toEqual(b)
    a.parties[0].name = '张三'
    a.mediators.push('王五')
    expect(b.parties[0].name).toBe('')
    expect(b.mediators).toEqual([])
    expect(emptyMediationInput('2027-01-02').acceptedOn).toBe('2027-01-02')
  })

  it('uses codes that exist in the core code tables', () => {
    const t = realCodeTables()
    const has = (table: string, code: string) => t[table].some((c) => c.code === code)
    expect(has('mediationState', input.state)).toBe(true)
    expect(has('committee', input.committee)).toBe(true)
    expect(has('source', input.source)).toBe(true)
    expect(has('judicialConfirm', input.judicialConfirm)).toBe(true)
    expect(has('partyRole', input.parties[0].role)).toBe(true)
    expect(has('partyRole', input.parties[1].role)).toBe(true)
    expect(has('partyKind', input.parties[0].kind)).toBe(true)
    expect(has('idType', input.parties[0].idType!)).toBe(true)
  })

  it('builds blank parties, sessions and follow-ups', () => {
    expect(emptyParty('third_party').role).toBe('third_party')
    expect(emptySession('2026-11-27')).toEqual({
      date: '2026-11-27',
      place: '',
      attendees: '',
      summary: '',
      signed: false,
    })
    expect(emptyFollowUp('2026-11-27', 'phone')).toEqual({
      date: '2026-11-27',
      visitor: '',
      mode: 'phone',
      performance: null,
      satisfaction: null,
      escalationRisk: false,
      measures: '',
    })
  })

  it('makes the logged-in user the first mediator and the visitor of a new follow-up', () => {
    expect(emptyMediationInput('2026-11-27', '王五').mediators).toEqual(['王五'])
    expect(emptyMediationInput('2026-11-27', '  ').mediators).toEqual([])
    expect(emptyFollowUp('2026-11-27', 'phone', ' 王五 ').visitor).toBe('王五')
  })
})
