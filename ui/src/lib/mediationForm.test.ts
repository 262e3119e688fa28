import { describe, expect, it } from 'vitest'
import {
  RESULT_FIELDS,
  followUpsVisible,
  formToInput,
  inputToForm,
  isGroupDispute,
  partyShowsPersonFields,
  preventionPath,
  visibleResultFields,
} from './mediationForm'
import { emptyFollowUp, emptyMediationInput, emptySession } from './emptyMediationInput'
import type { MediationCaseInput } from '../api/generated'

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
