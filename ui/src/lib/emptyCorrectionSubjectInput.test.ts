import { describe, expect, it } from 'vitest'
import { emptyCorrectionSubjectInput, emptyEMonitoringPeriod } from './emptyCorrectionSubjectInput'
import { realCodeTables } from '../test/codeTables'

describe('emptyCorrectionSubjectInput', () => {
  const input = emptyCorrectionSubjectInput()

  it('has the core defaults of a new subject', () => {
    expect(input.ethnicity).toBe('01')
    expect(input.idType).toBe('resident_id')
    expect(input.decidingOrgan).toBe('court')
    expect(input.intakeMode).toBe('self')
    expect(input.team).toEqual(['office'])
    expect(input.supervisionLevel).toBe('normal')
    expect(input.state).toBe('awaiting_report')
    expect(input.isRecidivist).toBe(false)
    expect(input.reoffended).toBe(false)
  })

  it('leaves everything else empty, null or an empty list', () => {
    const nulls = [
      'sex', 'birthDate', 'education', 'marital', 'employment', 'health', 'temporaryKind', 'effectiveOn',
      'origStart', 'origEnd', 'prohibitionFrom', 'prohibitionTo', 'corrStart', 'corrEnd', 'reportedOn',
      'announcedOn', 'riskLevel', 'abscondedSince', 'exitType', 'exitOn',
    ] as const
    for (const k of nulls) expect(input[k], k).toBeNull()
    const texts = [
      'subjectCode', 'name', 'idNo', 'domicile', 'residence', 'phone', 'correctionType', 'decidingOrganName',
      'docNo', 'charge', 'chargeClass', 'sentence', 'termText', 'prohibitionOrder', 'detentionPlace',
      'exitDocNo', 'newCharge', 'notes', 'abscondReason', 'abscondMeasures', 'missedReason', 'missedMeasures',
    ] as const
    for (const k of texts) expect(input[k], k).toBe('')
    for (const k of ['supplementary', 'threeInvolved', 'fourHistories', 'eMonitoring', 'flags'] as const) {
      expect(input[k], k).toEqual([])
    }
  })

  it('is pure: every call gives a fresh object', () => {
    const a = emptyCorrectionSubjectInput()
    const b = emptyCorrectionSubjectInput()
    expect(a).toEqual(b)
    a.team.push('family')
    a.eMonitoring.push(emptyEMonitoringPeriod())
    expect(b.team).toEqual(['office'])
    expect(b.eMonitoring).toEqual([])
    expect(emptyEMonitoringPeriod()).toEqual({ start: null, end: null, reason: null })
  })

  it('uses codes that exist in the core code tables', () => {
    const t = realCodeTables()
    const has = (table: string, code: string) => t[table].some((c) => c.code === code)
    expect(has('ethnicity', input.ethnicity!)).toBe(true)
    expect(has('idType', input.idType!)).toBe(true)
    expect(has('corrDecidingOrgan', input.decidingOrgan)).toBe(true)
    expect(has('corrIntakeMode', input.intakeMode)).toBe(true)
    expect(has('corrTeam', input.team[0])).toBe(true)
    expect(has('corrLevel', input.supervisionLevel)).toBe(true)
    expect(has('corrState', input.state)).toBe(true)
  })
})
