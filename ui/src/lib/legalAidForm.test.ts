import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { LegalAidInput } from '../api/generated'
import { emptyLegalAidInput } from './emptyLegalAidInput'
import {
  SECTIONS,
  STATE_OFFER_FIELDS,
  acceptStateOffer,
  acceptedOnLabel,
  applicationToForm,
  applyChannelChange,
  applyDecisionChange,
  applyMeansBasisChange,
  applyStateChange,
  birthAndSexFromId,
  decisionOnLabel,
  fieldVisible,
  fillFromIdNo,
  hasValue,
  legalAidFormToInput,
  legalAidStateTagType,
  meansBasisFixed,
  meansSubReasonTable,
  requiredFields,
  sectionVisible,
  stateChoices,
  stateOffers,
  visibleSections,
} from './legalAidForm'
import { realCodeTables } from '../test/codeTables'

const office = { name: '石灰窑司法所', district: '西塞山区' }
const blank = (over: Partial<LegalAidInput> = {}): LegalAidInput => ({
  ...emptyLegalAidInput('2026-11-27', office),
  ...over,
})

describe('sections by state', () => {
  it('a new application shows none of the later sections', () => {
    expect(visibleSections(blank())).toEqual([])
  })

  it('follows the life cycle', () => {
    expect(visibleSections(blank({ state: 'supplementing' }))).toEqual(['supplement'])
    expect(visibleSections(blank({ state: 'withdrawn_deemed' }))).toEqual(['supplement', 'decision'])
    expect(visibleSections(blank({ state: 'reviewing' }))).toEqual(['supplement', 'decision'])
    expect(visibleSections(blank({ state: 'granted' }))).toEqual(['supplement', 'decision', 'assignment'])
    expect(visibleSections(blank({ state: 'provisional' }))).toEqual(['supplement', 'decision', 'assignment'])
    expect(visibleSections(blank({ state: 'refused' }))).toEqual(['supplement', 'decision'])
    expect(visibleSections(blank({ state: 'objecting' }))).toEqual(['supplement', 'decision', 'objection'])
    expect(visibleSections(blank({ state: 'objection_upheld' }))).toEqual(['supplement', 'decision', 'objection'])
    expect(visibleSections(blank({ state: 'objection_corrected' }))).toEqual([
      'supplement',
      'decision',
      'objection',
      'assignment',
    ])
    expect(visibleSections(blank({ state: 'assigned' }))).toEqual(['supplement', 'decision', 'assignment'])
    expect(visibleSections(blank({ state: 'handling' }))).toEqual(['supplement', 'decision', 'assignment'])
    expect(visibleSections(blank({ state: 'closed' }))).toEqual([
      'supplement',
      'decision',
      'assignment',
      'closing',
      'filing',
    ])
    expect(visibleSections(blank({ state: 'terminated' }))).toEqual([
      'supplement',
      'decision',
      'assignment',
      'closing',
      'filing',
    ])
    expect(visibleSections(blank({ state: 'filed' }))).toEqual([...SECTIONS.filter((s) => s !== 'objection')])
    expect(visibleSections(blank({ state: 'visited' }))).toEqual([...SECTIONS.filter((s) => s !== 'objection')])
  })

  it('a notified case has no review decision', () => {
    const n = blank({ aidChannel: 'notified', meansBasis: 'notified' })
    expect(visibleSections({ ...n, state: 'notified' })).toEqual(['supplement', 'assignment'])
    expect(visibleSections({ ...n, state: 'assigned' })).toEqual(['supplement', 'assignment'])
  })

  it('never hides a section that holds a value', () => {
    expect(sectionVisible('supplement', blank({ suppNoticeOn: '2026-11-20' }))).toBe(true)
    expect(sectionVisible('objection', blank({ state: 'granted', objectionOn: '2026-11-20' }))).toBe(true)
    expect(sectionVisible('filing', blank({ state: 'closed', satisfaction: 'satisfied' }))).toBe(true)
    expect(sectionVisible('closing', blank({ recovered: '1200.00' }))).toBe(true)
    expect(
      sectionVisible('decision', blank({ aidChannel: 'notified', state: 'assigned', decisionNo: '援决字1号' })),
    ).toBe(true)
    expect(sectionVisible('supplement', blank({ suppItems: '   ' }))).toBe(false)
  })
})

describe('fields within sections', () => {
  it('shows the reason that goes with the decision', () => {
    expect(fieldVisible('refusalReason', blank({ decision: 'refuse' }))).toBe(true)
    expect(fieldVisible('refusalReason', blank({ decision: 'grant' }))).toBe(false)
    expect(fieldVisible('refusalReason', blank({ decision: 'grant', refusalReason: '不符合经济困难标准' }))).toBe(true)
    expect(fieldVisible('provisionalReason', blank({ decision: 'provisional' }))).toBe(true)
    expect(fieldVisible('provisionalReason', blank({ decision: null }))).toBe(false)
  })

  it('shows means details for the basis', () => {
    expect(fieldVisible('householdSize', blank({ meansBasis: 'pledge' }))).toBe(true)
    expect(fieldVisible('monthlyIncome', blank({ meansBasis: 'exempt' }))).toBe(false)
    expect(fieldVisible('monthlyIncome', blank({ meansBasis: 'exempt', monthlyIncome: '800' }))).toBe(true)
    expect(fieldVisible('meansSubReason', blank({ meansBasis: 'pledge' }))).toBe(false)
    expect(fieldVisible('meansSubReason', blank({ meansBasis: 'exempt' }))).toBe(true)
    expect(fieldVisible('meansSubReason', blank({ meansBasis: 'unrestricted' }))).toBe(true)
    expect(meansSubReasonTable('exempt')).toBe('laMeansExempt')
    expect(meansSubReasonTable('unrestricted')).toBe('laMeansUnrestricted')
    expect(meansSubReasonTable('pledge')).toBeNull()
    expect(meansSubReasonTable('notified')).toBeNull()
  })

  it('shows closing or termination fields for the state', () => {
    const closed = blank({ state: 'closed' })
    expect(fieldVisible('closedOn', closed)).toBe(true)
    expect(fieldVisible('terminatedOn', closed)).toBe(false)
    const terminated = blank({ state: 'terminated' })
    expect(fieldVisible('terminationGround', terminated)).toBe(true)
    expect(fieldVisible('closeMode', terminated)).toBe(false)
    expect(fieldVisible('closeMode', { ...terminated, recovered: '100' })).toBe(true)
    // the visit may come first; the file only once 立卷归档
    expect(fieldVisible('recipientVisitOn', closed)).toBe(true)
    expect(fieldVisible('fileSubmittedOn', closed)).toBe(false)
    expect(fieldVisible('fileSubmittedOn', { ...closed, fileSubmittedOn: '2026-11-20' })).toBe(true)
    const filed = blank({ state: 'filed' })
    expect(fieldVisible('fileSubmittedOn', filed)).toBe(true)
    expect(fieldVisible('closedOn', filed)).toBe(true)
    expect(fieldVisible('terminatedOn', filed)).toBe(true)
    expect(fieldVisible('name', filed)).toBe(true)
  })

  it('labels the acceptance date by channel and fixes the basis of notified cases', () => {
    expect(decisionOnLabel('granted')).toBe('决定日期')
    expect(decisionOnLabel('withdrawn_deemed')).toBe('视为撤回日期')
    expect(acceptedOnLabel('application')).toBe('受理日期')
    expect(acceptedOnLabel('notified')).toBe('收到通知日期')
    expect(meansBasisFixed('notified')).toBe(true)
    expect(meansBasisFixed('duty_lawyer')).toBe(false)
  })
})

describe('changes that bring defaults', () => {
  it('a notified case gets the basis 通知辩护, and loses it again', () => {
    const f = blank({ meansBasis: 'exempt', meansSubReason: 'migrant_wages' })
    f.aidChannel = 'notified'
    applyChannelChange(f)
    expect(f.meansBasis).toBe('notified')
    expect(f.meansSubReason).toBeNull()
    f.aidChannel = 'application'
    applyChannelChange(f)
    expect(f.meansBasis).toBe('pledge')
    const g = blank({ meansBasis: 'exempt', meansSubReason: 'migrant_wages', aidChannel: 'duty_lawyer' })
    applyChannelChange(g)
    expect(g.meansBasis).toBe('exempt')
    expect(g.meansSubReason).toBe('migrant_wages')
  })

  it('a new basis drops the old sub-reason', () => {
    const f = blank({ meansBasis: 'unrestricted', meansSubReason: 'hero_relative' })
    applyMeansBasisChange(f)
    expect(f.meansSubReason).toBeNull()
  })

  it('the state suggests the decision and the objection result, never overwriting', () => {
    const f = blank({ state: 'granted' })
    applyStateChange(f)
    expect(f.decision).toBe('grant')
    f.state = 'refused'
    applyStateChange(f)
    expect(f.decision).toBe('grant')
    const r = blank({ state: 'refused' })
    applyStateChange(r)
    expect(r.decision).toBe('refuse')
    const w = blank({ state: 'withdrawn_deemed' })
    applyStateChange(w)
    expect(w.decision).toBe('withdrawn')
    const o = blank({ state: 'objection_corrected' })
    applyStateChange(o)
    expect(o.objectionResult).toBe('corrected')
    expect(o.decision).toBe('refuse')
    const u = blank({ state: 'objection_upheld' })
    applyStateChange(u)
    expect(u.objectionResult).toBe('upheld')
    const n = blank({ state: 'assigned', aidChannel: 'notified' })
    applyStateChange(n)
    expect(n.decision).toBeNull()
  })

  it('a decision picked while reviewing moves to its state, when the core allows it', () => {
    const allowed = ['reviewing', 'supplementing', 'granted', 'refused', 'provisional']
    for (const [decision, state] of [
      ['grant', 'granted'],
      ['refuse', 'refused'],
      ['provisional', 'provisional'],
    ]) {
      const f = blank({ state: 'reviewing', decision })
      applyDecisionChange(f, allowed)
      expect(f.state, decision).toBe(state)
    }
    const w = blank({ state: 'reviewing', decision: 'withdrawn' })
    applyDecisionChange(w, allowed)
    expect(w.state).toBe('reviewing')
    const g = blank({ state: 'granted', decision: 'refuse' })
    applyDecisionChange(g, allowed)
    expect(g.state).toBe('granted')
    const t = realCodeTables()
    for (const c of t.laDecision) {
      const f = blank({ state: 'reviewing', decision: c.code })
      applyDecisionChange(f, t.laState.map((x) => x.code))
      expect(t.laState.some((x) => x.code === f.state), c.code).toBe(true)
      expect(f.state, c.code).not.toBe('reviewing')
    }
  })

  it('suggested codes exist in the code tables', () => {
    const t = realCodeTables()
    for (const state of ['granted', 'provisional', 'refused', 'withdrawn_deemed', 'objecting', 'objection_corrected'] as const) {
      const f = blank({ state })
      applyStateChange(f)
      expect(t.laDecision.some((c) => c.code === f.decision), state).toBe(true)
    }
    for (const state of ['objection_upheld', 'objection_corrected'] as const) {
      const f = blank({ state })
      applyStateChange(f)
      expect(t.laObjectionResult.some((c) => c.code === f.objectionResult), state).toBe(true)
    }
  })
})

describe('required marks', () => {
  const req = (over: Partial<LegalAidInput>) => requiredFields(blank(over))

  it('marks the basic fields', () => {
    const r = req({})
    for (const k of [
      'name', 'idNo', 'phone', 'domicile', 'residence', 'groups', 'caseNature', 'matter', 'role', 'stage',
      'serviceForm', 'reason', 'meansBasis', 'receivedOn', 'householdSize', 'monthlyIncome',
    ] as const) {
      expect(r.has(k), k).toBe(true)
    }
    for (const k of ['decision', 'acceptedOn', 'forwardedOn', 'handlingOrgan', 'agentType', 'sex'] as const) {
      expect(r.has(k), k).toBe(false)
    }
  })

  it('follows the applicant, the case and the means test', () => {
    expect(req({ applicantDetained: true }).has('phone')).toBe(false)
    expect(req({ stage: 'first_instance' }).has('handlingOrgan')).toBe(true)
    expect(req({ stage: 'not_started' }).has('handlingOrgan')).toBe(false)
    expect(req({ agentName: '王大' }).has('agentType')).toBe(true)
    expect(req({ agentType: 'legal' }).has('agentName')).toBe(true)
    expect(req({ meansBasis: 'exempt' }).has('meansSubReason')).toBe(true)
    expect(req({ meansBasis: 'exempt' }).has('householdSize')).toBe(false)
  })

  it('follows the state', () => {
    const reviewing = req({ state: 'reviewing' })
    expect(reviewing.has('acceptedOn')).toBe(true)
    expect(reviewing.has('forwardedOn')).toBe(true)
    expect(req({ state: 'reviewing', competentOrg: '石灰窑司法所' }).has('forwardedOn')).toBe(false)
    expect(req({ state: 'supplementing' }).has('suppNoticeOn')).toBe(true)
    expect(req({ state: 'supplementing', suppNoticeOn: '2026-11-20' }).has('suppItems')).toBe(true)
    expect(req({ state: 'supplementing', suppNoticeOn: '2026-11-20' }).has('suppDoneOn')).toBe(false)
    expect(req({ state: 'reviewing', suppNoticeOn: '2026-11-20' }).has('suppDoneOn')).toBe(true)
    expect(req({ state: 'granted' }).has('decisionOn')).toBe(true)
    expect(req({ state: 'refused', decision: 'refuse' }).has('refusalReason')).toBe(true)
    expect(req({ state: 'objecting' }).has('objectionOn')).toBe(true)
    expect(req({ state: 'objecting' }).has('objectionResult')).toBe(false)
    expect(req({ state: 'objection_upheld' }).has('objectionDecidedOn')).toBe(true)
    expect(req({ state: 'assigned' }).has('assignedOn')).toBe(true)
    expect(req({ state: 'assigned' }).has('handlerType')).toBe(true)
    expect(req({ state: 'terminated' }).has('assignedOn')).toBe(false)
    expect(req({ state: 'terminated' }).has('handler')).toBe(false)
    expect(req({ state: 'terminated', assignedOn: '2026-11-20' }).has('handler')).toBe(true)
    expect(req({ state: 'closed' }).has('closeMode')).toBe(true)
    expect(req({ state: 'terminated' }).has('terminationGround')).toBe(true)
    expect(req({ state: 'filed', terminatedOn: '2026-11-01' }).has('closedOn')).toBe(false)
    expect(req({ state: 'filed' }).has('closedOn')).toBe(true)
    expect(req({ state: 'filed' }).has('fileSubmittedOn')).toBe(true)
    expect(req({ state: 'closed', recipientVisitOn: '2026-11-20' }).has('satisfaction')).toBe(true)
    expect(req({ state: 'closed' }).has('satisfaction')).toBe(false)
    expect(req({ state: 'visited' }).has('recipientVisitOn')).toBe(true)
    expect(req({ state: 'visited' }).has('satisfaction')).toBe(true)
    const n = req({ aidChannel: 'notified', meansBasis: 'notified', state: 'assigned' })
    expect(n.has('acceptedOn')).toBe(true)
    expect(n.has('decision')).toBe(false)
    expect(n.has('householdSize')).toBe(false)
  })
})

describe('the input sent to the core', () => {
  it('trims texts and turns empty optional values into null', () => {
    const f = blank({
      name: '  张三 ',
      sex: '',
      forwardedOn: '',
      householdSize: 3.7,
      monthlyIncome: ' 1500.50 ',
      recovered: '',
      groups: ['women', 'women', 'elderly'],
      notes: '  ',
    })
    const input = legalAidFormToInput(f)
    expect(input.name).toBe('张三')
    expect(input.sex).toBeNull()
    expect(input.forwardedOn).toBeNull()
    expect(input.householdSize).toBe(3)
    expect(input.monthlyIncome).toBe('1500.50')
    expect(input.recovered).toBeNull()
    expect(input.groups).toEqual(['women', 'elderly'])
    expect(input.notes).toBe('')
    expect(Object.keys(input).sort()).toEqual(Object.keys(blank()).sort())
  })

  it('keeps only the input fields of a saved application', () => {
    const saved = { ...blank({ name: '李四' }), id: 'x', applicationNo: 'n', clocks: [], deadlines: [] }
    const form = applicationToForm(saved)
    expect(form.name).toBe('李四')
    expect('id' in form).toBe(false)
    expect('clocks' in form).toBe(false)
    form.groups.push('women')
    expect(saved.groups).toEqual([])
  })

  it('hasValue', () => {
    expect(hasValue(null)).toBe(false)
    expect(hasValue('')).toBe(false)
    expect(hasValue(' ')).toBe(false)
    expect(hasValue([])).toBe(false)
    expect(hasValue(false)).toBe(false)
    expect(hasValue(0)).toBe(true)
    expect(hasValue('a')).toBe(true)
    expect(hasValue(['a'])).toBe(true)
  })
})

describe('resident ID', () => {
  it('reads birth date and sex', () => {
    expect(birthAndSexFromId('420204198001011235')).toEqual({ birthDate: '1980-01-01', sex: 'male' })
    expect(birthAndSexFromId('42020420100229124x')).toBeNull() // 2010-02-29 does not exist
    expect(birthAndSexFromId('420204201203041240')).toEqual({ birthDate: '2012-03-04', sex: 'female' })
    expect(birthAndSexFromId('4202041980')).toBeNull()
  })

  it('fills only empty fields, and only for a resident ID', () => {
    const f = blank({ idNo: '420204198001011235' })
    fillFromIdNo(f)
    expect(f.birthDate).toBe('1980-01-01')
    expect(f.sex).toBe('male')
    const g = blank({ idNo: '420204198001011235', sex: 'female' })
    fillFromIdNo(g)
    expect(g.sex).toBe('female')
    const p = blank({ idNo: '420204198001011235', idType: 'passport' })
    fillFromIdNo(p)
    expect(p.birthDate).toBeNull()
  })
})

describe('states', () => {
  it('offers the allowed states in table order, the current one included', () => {
    const order = realCodeTables().laState.map((c) => c.code)
    expect(stateChoices(['reviewing', 'received', 'supplementing'], 'received', order)).toEqual([
      'received',
      'supplementing',
      'reviewing',
    ])
    expect(stateChoices(['granted'], 'reviewing', order)).toEqual(['reviewing', 'granted'])
    expect(stateChoices([], 'odd', order)).toEqual(['odd'])
  })

  it('gives every state a tag colour', () => {
    for (const c of realCodeTables().laState) {
      expect(['primary', 'success', 'warning', 'danger', 'info']).toContain(legalAidStateTagType(c.code))
    }
    expect(legalAidStateTagType('closed')).toBe('success')
    expect(legalAidStateTagType('refused')).toBe('danger')
  })
})

describe('a date that belongs to a later state', () => {
  const ALL = realCodeTables().laState.map((c) => c.code)

  it('offers 已指派 for a 指派日期 filled in before the assignment, when the core allows it', () => {
    for (const state of ['granted', 'provisional', 'objection_corrected'] as const) {
      expect(stateOffers(blank({ state, assignedOn: '2026-11-20' }), [state, 'assigned', 'handling']), state).toEqual({
        assignedOn: ['assigned'],
      })
    }
    const notified = blank({ aidChannel: 'notified', meansBasis: 'notified', state: 'notified', assignedOn: '2026-11-20' })
    expect(stateOffers(notified, ['notified', 'assigned'])).toEqual({ assignedOn: ['assigned'] })
    // not without the date, not once assigned, not where the core does not allow it
    expect(stateOffers(blank({ state: 'granted' }), ALL)).toEqual({})
    expect(stateOffers(blank({ state: 'granted', assignedOn: '  ' }), ALL)).toEqual({})
    for (const state of ['assigned', 'handling', 'closed', 'terminated', 'filed', 'visited'] as const) {
      expect(stateOffers(blank({ state, assignedOn: '2026-11-20' }), ALL), state).toEqual({})
    }
    expect(stateOffers(blank({ state: 'granted', assignedOn: '2026-11-20' }), ['granted'])).toEqual({})
  })

  it('offers the states a decision date asks for, narrowed by the decision chosen', () => {
    const reviewing = blank({ state: 'reviewing', decisionOn: '2026-11-18' })
    expect(stateOffers(reviewing, ALL)).toEqual({ decisionOn: ['granted', 'provisional', 'refused'] })
    expect(stateOffers(reviewing, ['reviewing', 'granted', 'refused'])).toEqual({ decisionOn: ['granted', 'refused'] })
    expect(stateOffers({ ...reviewing, decision: 'refuse' }, ALL)).toEqual({ decisionOn: ['refused'] })
    expect(stateOffers({ ...reviewing, state: 'granted', decision: 'grant' }, ALL)).toEqual({})
    expect(stateOffers({ ...reviewing, state: 'withdrawn_deemed' }, ALL)).toEqual({})
  })

  it('offers the end of a supplement, the objection decision and the later stages', () => {
    expect(stateOffers(blank({ state: 'supplementing', suppNoticeOn: '2026-11-10', suppDoneOn: '2026-11-15' }), ALL)).toEqual({
      suppDoneOn: ['reviewing'],
    })
    expect(stateOffers(blank({ state: 'received', suppNoticeOn: '2026-11-10' }), ALL)).toEqual({ suppNoticeOn: ['supplementing'] })
    const objecting = blank({ state: 'objecting', decision: 'refuse', objectionOn: '2026-11-12', objectionDecidedOn: '2026-11-16' })
    expect(stateOffers(objecting, ALL)).toEqual({ objectionDecidedOn: ['objection_upheld', 'objection_corrected'] })
    expect(stateOffers({ ...objecting, objectionResult: 'corrected' }, ALL)).toEqual({ objectionDecidedOn: ['objection_corrected'] })
    const handling = blank({ state: 'handling', assignedOn: '2026-11-16', closedOn: '2026-11-26', fileSubmittedOn: '2026-11-27' })
    expect(stateOffers(handling, ALL)).toEqual({ closedOn: ['closed'], fileSubmittedOn: ['filed'] })
    expect(stateOffers({ ...handling, state: 'closed' }, ALL)).toEqual({ fileSubmittedOn: ['filed'] })
  })

  it('moves the form to the state taken, with the defaults it brings', () => {
    const f = blank({ state: 'reviewing', decisionOn: '2026-11-18' })
    acceptStateOffer(f, 'refused')
    expect(f.state).toBe('refused')
    expect(f.decision).toBe('refuse')
    expect(stateOffers(f, ALL)).toEqual({})
  })

  it('covers every date the core takes only in a later state', () => {
    // The core's "已填写…，请先将状态改为…" (state_ahead): each such date is offered its state, except
    // 提出异议日期 and 回访日期, whose fields do not show before their state.
    const core = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../../src/legal_aid.rs'), 'utf8')
    const ahead = [...core.matchAll(/state_ahead\("(\w+)"/g)].map((m) => m[1])
    expect(ahead.length).toBeGreaterThan(5)
    const offered: readonly string[] = STATE_OFFER_FIELDS
    expect(new Set(ahead.filter((f) => !offered.includes(f)))).toEqual(new Set(['objectionOn', 'recipientVisitOn']))
    for (const f of offered) expect(ahead, f).toContain(f)
  })
})
