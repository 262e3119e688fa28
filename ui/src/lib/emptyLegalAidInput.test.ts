import { describe, expect, it } from 'vitest'
import { defaultCompetentOrg, emptyLegalAidInput } from './emptyLegalAidInput'
import { realCodeTables } from '../test/codeTables'

const office = { name: '石灰窑司法所', district: '西塞山区' }

describe('emptyLegalAidInput', () => {
  const input = emptyLegalAidInput('2026-11-27', office)

  it('has the defaults of a new application received at this office', () => {
    expect(input.state).toBe('received')
    expect(input.aidChannel).toBe('application')
    expect(input.receivedVia).toBe('in_person')
    expect(input.receivingOrg).toBe('石灰窑司法所')
    expect(input.competentOrg).toBe('西塞山区法律援助中心')
    expect(input.receivedOn).toBe('2026-11-27')
    expect(input.applicantDetained).toBe(false)
    expect(input.idType).toBe('resident_id')
    expect(input.meansBasis).toBe('pledge')
    expect(input.groups).toEqual([])
  })

  it('leaves optional selects, dates and numbers null and texts empty', () => {
    const nulls = [
      'forwardedOn', 'acceptedOn', 'sex', 'birthDate', 'ethnicity', 'education', 'health', 'agentType',
      'meansSubReason', 'householdSize', 'monthlyIncome', 'suppNoticeOn', 'suppDueOn', 'suppDoneOn',
      'decision', 'decisionOn', 'objectionOn', 'objectionResult', 'objectionDecidedOn', 'assignedOn',
      'handlerType', 'terminatedOn', 'terminationGround', 'closedOn', 'closeMode', 'recovered',
      'fileSubmittedOn', 'recipientVisitOn', 'satisfaction',
    ] as const
    for (const k of nulls) expect(input[k], k).toBeNull()
    const texts = [
      'name', 'idNo', 'domicile', 'residence', 'phone', 'employer', 'occupation', 'agentName', 'agentIdNo',
      'caseNature', 'matter', 'role', 'stage', 'handlingOrgan', 'opponent', 'reason', 'serviceForm',
      'suppItems', 'decisionNo', 'refusalReason', 'provisionalReason', 'provider', 'handler', 'notes',
    ] as const
    for (const k of texts) expect(input[k], k).toBe('')
  })

  it('works without an office profile', () => {
    const bare = emptyLegalAidInput('2026-11-27')
    expect(bare.receivingOrg).toBe('')
    expect(bare.competentOrg).toBe('')
    expect(defaultCompetentOrg({ district: '  ' })).toBe('')
  })

  it('is pure: every call gives a fresh object', () => {
    const a = emptyLegalAidInput('2026-11-27', office)
    const b = emptyLegalAidInput('2026-11-27', office)
    expect(a).toEqual(b)
    a.groups.push('women')
    expect(b.groups).toEqual([])
    expect(emptyLegalAidInput('2027-01-02', office).receivedOn).toBe('2027-01-02')
  })

  it('uses codes that exist in the core code tables', () => {
    const t = realCodeTables()
    const has = (table: string, code: string) => t[table].some((c) => c.code === code)
    expect(has('laState', input.state)).toBe(true)
    expect(has('laChannel', input.aidChannel)).toBe(true)
    expect(has('laReceivedVia', input.receivedVia)).toBe(true)
    expect(has('laMeansBasis', input.meansBasis)).toBe(true)
    expect(has('idType', input.idType!)).toBe(true)
  })
})
