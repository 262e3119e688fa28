import { describe, expect, it } from 'vitest'
import {
  CLOSING_STATES,
  RESULT_FIELDS,
  agreementPerformanceUpdate,
  applyStateChange,
  closesCase,
  fillPartyFromIdNo,
  followUpsVisible,
  formToInput,
  inputToForm,
  isGroupDispute,
  latestPerformanceFollowUp,
  partyShowsPersonFields,
  preventionPath,
  visibleResultFields,
} from './mediationForm'
import { emptyFollowUp, emptyMediationInput, emptyParty, emptySession } from './emptyMediationInput'
import type { MediationCaseInput } from '../api/generated'
import { realCodeTables } from '../test/codeTables'

const PREVENTION = ['civil_to_criminal', 'group_petition', 'group_fight', 'suicide']

describe('visibleResultFields', () => {
  it('shows nothing for states before a result', () => {
    for (const s of ['registered', 'accepted', 'mediating']) {
      expect(visibleResultFields(s, 'none'), s).toEqual([])
      expect(followUpsVisible(s)).toBe(false)
    }
  })

  it('not_accepted: the reason only', () => {
    expect(visibleResultFields('not_accepted', 'none')).toEqual(['notAcceptedReason'])
  })

  it('agreed: the agreement, without court fields until confirmation is applied for', () => {
    const f = visibleResultFields('agreed', 'none')
    expect(f).toEqual([
      'agreementForm',
      'agreementNo',
      'agreementOn',
      'terms',
      'performMode',
      'performBy',
      'agreedAmount',
      'performance',
      'judicialConfirm',
    ])
    expect(f).not.toContain('closedOn')
    expect(followUpsVisible('agreed')).toBe(true)
    for (const jc of ['applied', 'valid', 'rejected']) {
      const g = visibleResultFields('agreed', jc)
      expect(g).toContain('judicialCourt')
      expect(g).toContain('judicialOn')
    }
  })

  it('archived: the agreement and the closing date', () => {
    const f = visibleResultFields('archived', 'valid')
    expect(f).toContain('agreementForm')
    expect(f).toContain('judicialCourt')
    expect(f).toContain('closedOn')
    expect(f).not.toContain('failRoute')
    expect(followUpsVisible('archived')).toBe(true)
  })

  it('failed: the route and the closing date', () => {
    expect(visibleResultFields('failed', 'none')).toEqual(['failRoute', 'closedOn'])
    expect(followUpsVisible('failed')).toBe(false)
  })

  it('withdrawn: the closing date', () => {
    expect(visibleResultFields('withdrawn', 'none')).toEqual(['closedOn'])
    expect(followUpsVisible('withdrawn')).toBe(false)
  })

  it('only lists known result fields', () => {
    for (const s of ['not_accepted', 'agreed', 'archived', 'failed', 'withdrawn']) {
      for (const f of visibleResultFields(s, 'applied')) expect(RESULT_FIELDS).toContain(f)
    }
  })
})

describe('small rules', () => {
  it('群体性纠纷 from five persons', () => {
    expect(isGroupDispute(4)).toBe(false)
    expect(isGroupDispute(5)).toBe(true)
    expect(isGroupDispute(null)).toBe(false)
  })
  it('person fields for natural persons only', () => {
    expect(partyShowsPersonFields('natural')).toBe(true)
    expect(partyShowsPersonFields('legal')).toBe(false)
    expect(partyShowsPersonFields('unincorporated')).toBe(false)
  })
})

describe('inputToForm / formToInput', () => {
  it('round-trips an empty input', () => {
    const input = emptyMediationInput('2026-11-27')
    const form = inputToForm(input, PREVENTION)
    expect(form.mediators).toBe('')
    expect(form.prevention).toEqual(PREVENTION.map((kind) => ({ kind, checked: false, persons: 1 })))
    expect(formToInput(form)).toEqual(input)
  })

  it('round-trips a full agreed case', () => {
    const input: MediationCaseInput = {
      ...emptyMediationInput('2026-11-27'),
      state: 'agreed',
      disputeType: 'neighbour',
      occurredOn: '2026-11-01',
      place: '石灰窑村',
      personsInvolved: 6,
      amount: '1200.50',
      summary: '邻里排水沟纠纷',
      risk: 'ordinary',
      mediators: ['王五', '赵六'],
      recorder: '钱七',
      agreementForm: 'written',
      agreementNo: '石调协字第1号',
      agreementOn: '2026-11-20',
      terms: '被申请人于12月31日前修复排水沟',
      performMode: 'by_deadline',
      performBy: '2026-12-31',
      agreedAmount: '800.00',
      performance: 'performing',
      judicialConfirm: 'applied',
      judicialCourt: '西塞山区人民法院',
      judicialOn: '2026-11-25',
      prevention: [{ kind: 'group_fight', persons: 7 }],
      sessions: [{ ...emptySession('2026-11-18'), place: '调解室', signed: true }],
      followUps: [{ ...emptyFollowUp('2026-12-01', 'phone'), visitor: '王五', satisfaction: 'satisfied' }],
    }
    const form = inputToForm(input, PREVENTION)
    expect(form.mediators).toBe('王五、赵六')
    expect(form.prevention.find((p) => p.kind === 'group_fight')).toEqual({ kind: 'group_fight', checked: true, persons: 7 })
    expect(formToInput(form)).toEqual(input)
  })

  it('does not share state with the input it was built from', () => {
    const input = emptyMediationInput('2026-11-27')
    const form = inputToForm(input, PREVENTION)
    form.parties[0].name = '张三'
    expect(input.parties[0].name).toBe('')
  })

  it('turns empty optional selects and dates into null, keeps empty text ""', () => {
    const form = inputToForm(emptyMediationInput('2026-11-27'), PREVENTION)
    form.occurredOn = ''
    form.risk = undefined as unknown as null
    form.amount = '  '
    form.rightsNoticeOn = null
    form.parties[0].sex = ''
    form.parties[0].birthDate = ''
    const input = formToInput(form)
    expect(input.occurredOn).toBeNull()
    expect(input.risk).toBeNull()
    expect(input.amount).toBeNull()
    expect(input.rightsNoticeOn).toBeNull()
    expect(input.parties[0].sex).toBeNull()
    expect(input.parties[0].birthDate).toBeNull()
    expect(input.place).toBe('')
    expect(input.summary).toBe('')
  })

  it('converts the mediators text to a list', () => {
    const form = inputToForm(emptyMediationInput('2026-11-27'), PREVENTION)
    form.mediators = ' 王五，赵六 钱七 '
    expect(formToInput(form).mediators).toEqual(['王五', '赵六', '钱七'])
  })

  it('submits only checked prevention rows', () => {
    const form = inputToForm(emptyMediationInput('2026-11-27'), PREVENTION)
    form.prevention[1].checked = true
    form.prevention[1].persons = 12
    form.prevention[3].checked = true
    form.prevention[2].persons = 99 // unchecked: ignored
    expect(formToInput(form).prevention).toEqual([
      { kind: 'group_petition', persons: 12 },
      { kind: 'suicide', persons: 1 },
    ])
    expect(preventionPath(form.prevention, 'group_petition')).toBe('prevention.0.persons')
    expect(preventionPath(form.prevention, 'suicide')).toBe('prevention.1.persons')
    expect(preventionPath(form.prevention, 'group_fight')).toBeNull()
  })

  it('keeps a prevention kind the table does not list', () => {
    const input = { ...emptyMediationInput('2026-11-27'), prevention: [{ kind: 'legacy', persons: 3 }] }
    const form = inputToForm(input, PREVENTION)
    expect(formToInput(form).prevention).toEqual([{ kind: 'legacy', persons: 3 }])
  })

  it('sends result fields hidden for the state empty', () => {
    const form = inputToForm(emptyMediationInput('2026-11-27'), PREVENTION)
    form.state = 'agreed'
    form.agreementForm = 'oral'
    form.terms = '当场赔偿'
    form.judicialConfirm = 'none'
    form.judicialCourt = '某法院'
    form.judicialOn = '2026-11-28'
    form.closedOn = '2026-11-28'
    form.failRoute = 'litigation'
    form.followUps.push(emptyFollowUp('2026-12-01', 'visit'))
    let input = formToInput(form)
    expect(input.agreementForm).toBe('oral')
    expect(input.terms).toBe('当场赔偿')
    expect(input.judicialCourt).toBe('')
    expect(input.judicialOn).toBeNull()
    expect(input.closedOn).toBeNull()
    expect(input.failRoute).toBeNull()
    expect(input.followUps).toHaveLength(1)

    form.state = 'failed'
    input = formToInput(form)
    expect(input.agreementForm).toBeNull()
    expect(input.terms).toBe('')
    expect(input.judicialConfirm).toBe('none')
    expect(input.failRoute).toBe('litigation')
    expect(input.closedOn).toBe('2026-11-28')
    expect(input.followUps).toEqual([])
  })

  it('clears person-only fields of a legal person but keeps its credit code', () => {
    const form = inputToForm(emptyMediationInput('2026-11-27'), PREVENTION)
    const p = form.parties[1]
    p.kind = 'legal'
    p.name = '某某物业公司'
    p.sex = 'male'
    p.idType = 'uscc'
    p.idNo = '91420200MA4K8L2Q1X'
    p.occupation = '经理'
    p.phone = '0714-1234567'
    const out = formToInput(form).parties[1]
    expect(out).toMatchObject({
      kind: 'legal',
      name: '某某物业公司',
      sex: null,
      ethnicity: null,
      birthDate: null,
      idType: 'uscc',
      idNo: '91420200MA4K8L2Q1X',
      occupation: '',
      phone: '0714-1234567',
    })
  })

  it('trims text and coerces numbers', () => {
    const form = inputToForm(emptyMediationInput('2026-11-27'), PREVENTION)
    form.parties[0].name = ' 张三 '
    form.parties[0].idNo = ' 420204198001011234 '
    form.personsInvolved = null
    expect(formToInput(form).parties[0].name).toBe('张三')
    expect(formToInput(form).parties[0].idNo).toBe('420204198001011234')
    expect(formToInput(form).personsInvolved).toBe(0)
  })
})

describe('closing the case', () => {
  it('closes with 调解不成功, 撤回 and 结案归档, whose 结案日期 shows', () => {
    expect(CLOSING_STATES).toEqual(['failed', 'withdrawn', 'archived'])
    const states = realCodeTables().mediationState.map((c) => c.code)
    for (const s of states) {
      expect(closesCase(s), s).toBe(CLOSING_STATES.includes(s as (typeof CLOSING_STATES)[number]))
      expect(visibleResultFields(s, 'none').includes('closedOn'), s).toBe(closesCase(s))
    }
  })

  it('brings today into an empty 结案日期 when the state closes the case', () => {
    const f = inputToForm(emptyMediationInput('2026-10-20'), PREVENTION)
    f.state = 'mediating'
    applyStateChange(f, '2026-11-27')
    expect(f.closedOn).toBeNull()
    for (const s of CLOSING_STATES) {
      const g = inputToForm(emptyMediationInput('2026-10-20'), PREVENTION)
      g.state = s
      applyStateChange(g, '2026-11-27')
      expect(g.closedOn, s).toBe('2026-11-27')
    }
  })

  it('keeps a 结案日期 already entered, and fills nothing without a date for today', () => {
    const f = inputToForm(emptyMediationInput('2026-10-20'), PREVENTION)
    f.state = 'archived'
    f.closedOn = '2026-11-20'
    applyStateChange(f, '2026-11-27')
    expect(f.closedOn).toBe('2026-11-20')
    const g = inputToForm(emptyMediationInput('2026-10-20'), PREVENTION)
    g.state = 'withdrawn'
    g.closedOn = ''
    applyStateChange(g, '')
    expect(g.closedOn).toBe('')
  })
})

describe('fillPartyFromIdNo', () => {
  it('reads 出生日期 and 性别 of a natural person from a resident ID, keeping what was entered', () => {
    const p = { ...emptyParty('applicant'), idNo: '420204198001011235' }
    fillPartyFromIdNo(p)
    expect(p.birthDate).toBe('1980-01-01')
    expect(p.sex).toBe('male')
    const q = { ...emptyParty('applicant'), idNo: '420204201203041240', sex: 'male', birthDate: '2012-03-05' }
    fillPartyFromIdNo(q)
    expect(q.sex).toBe('male')
    expect(q.birthDate).toBe('2012-03-05')
    const r = { ...emptyParty('applicant'), idNo: '420204201203041240', birthDate: '' }
    fillPartyFromIdNo(r)
    expect(r).toMatchObject({ birthDate: '2012-03-04', sex: 'female' })
  })

  it('leaves an invalid number, another ID type and a legal person alone', () => {
    const bad = { ...emptyParty('applicant'), idNo: '42020420100229124X' }
    const passport = { ...emptyParty('applicant'), idType: 'passport', idNo: '420204198001011235' }
    const org = { ...emptyParty('respondent'), kind: 'legal', idNo: '420204198001011235' }
    for (const p of [bad, passport, org]) {
      fillPartyFromIdNo(p)
      expect(p.birthDate).toBeNull()
      expect(p.sex).toBeNull()
    }
  })
})

describe('a follow-up\'s 履行情况 and the agreement\'s', () => {
  function agreed(performance: string | null, visits: [string, string | null][]) {
    const f = inputToForm(emptyMediationInput('2026-10-20'), PREVENTION)
    f.state = 'agreed'
    f.performance = performance
    f.followUps = visits.map(([date, p]) => ({ ...emptyFollowUp(date, 'phone', '王五'), performance: p }))
    return f
  }

  it('fills an empty agreement 履行情况 with the visit\'s', () => {
    expect(agreementPerformanceUpdate(agreed(null, [['2026-11-27', 'performed']]), 0)).toEqual({
      action: 'fill',
      value: 'performed',
    })
    expect(agreementPerformanceUpdate(agreed('', [['2026-11-27', 'partial']]), 0)).toEqual({
      action: 'fill',
      value: 'partial',
    })
  })

  it('asks when the agreement says something else, and does nothing when it says the same', () => {
    expect(agreementPerformanceUpdate(agreed('performing', [['2026-11-27', 'performed']]), 0)).toEqual({
      action: 'ask',
      value: 'performed',
      current: 'performing',
    })
    expect(agreementPerformanceUpdate(agreed('performed', [['2026-11-27', 'performed']]), 0)).toBeNull()
  })

  it('does nothing for a cleared 履行情况, nor for a visit a later one was made after', () => {
    expect(agreementPerformanceUpdate(agreed('performing', [['2026-11-27', null]]), 0)).toBeNull()
    const f = agreed('performing', [
      ['2026-11-20', 'performed'],
      ['2026-11-10', 'partial'],
      ['2026-11-25', null],
    ])
    expect(latestPerformanceFollowUp(f.followUps)).toBe(0)
    expect(agreementPerformanceUpdate(f, 0)).toEqual({ action: 'ask', value: 'performed', current: 'performing' })
    expect(agreementPerformanceUpdate(f, 1)).toBeNull()
    // Two visits on one day: the one entered last tells.
    const g = agreed(null, [
      ['2026-11-20', 'partial'],
      ['2026-11-20', 'performed'],
    ])
    expect(latestPerformanceFollowUp(g.followUps)).toBe(1)
    expect(agreementPerformanceUpdate(g, 0)).toBeNull()
    expect(latestPerformanceFollowUp(agreed(null, [['2026-11-20', null]]).followUps)).toBeNull()
  })

  it('uses one code table for both', () => {
    const t = realCodeTables()
    expect(t.performance.map((c) => c.code)).toContain('performed')
    expect(t.performance.find((c) => c.code === 'performed')?.label).toBe('已履行')
  })
})
