import { describe, expect, it } from 'vitest'
import type { CorrectionEvent, CorrectionEventInput } from '../api/generated'
import { emptyCorrectionEventInput } from './emptyCorrectionEventInput'
import {
  applyEventDecisionChange,
  applyEventKindChange,
  contentLabel,
  decidedOnLabel,
  decisionTable,
  dutyEventKind,
  eventFieldVisible,
  eventFormToInput,
  eventKindChoices,
  eventOnLabel,
  eventRequiredFields,
  eventSummary,
  eventToForm,
  leaveDaysBetween,
  placeLabel,
  sanctionChoices,
  savedApprovalApplies,
  savedOverdueDays,
} from './correctionEvent'
import { codeLabel } from './codes'
import { realCodeTables } from '../test/codeTables'

const tables = realCodeTables()
const label = (t: string, c: string | null | undefined) => codeLabel(tables, t, c)
const ev = (kind: string, over: Partial<CorrectionEventInput> = {}): CorrectionEventInput => ({
  ...emptyCorrectionEventInput(kind, '2026-11-27', '王五'),
  ...over,
})
const saved = (kind: string, over: Partial<CorrectionEvent> = {}): CorrectionEvent => ({
  ...ev(kind),
  id: 'e1',
  subjectId: 's1',
  version: 1,
  createdAt: '',
  updatedAt: '',
  createdBy: '',
  updatedBy: '',
  lateDays: null,
  ...over,
})

describe('kinds and sanctions by correction type', () => {
  it('offers 身体状况报告 and 病情复查 only for 暂予监外执行', () => {
    const codes = (type: string, current?: string) => eventKindChoices(type, tables.corrEventKind, current).map((o) => o.code)
    expect(codes('probation')).not.toContain('health_report')
    expect(codes('probation')).not.toContain('medical_review')
    expect(codes('probation')).toContain('leave')
    expect(codes('temporary')).toContain('health_report')
    expect(codes('temporary')).toContain('medical_review')
    expect(codes('parole', 'medical_review')).toContain('medical_review')
  })

  it('offers a revocation only for its own type', () => {
    const codes = (type: string, current?: string) => sanctionChoices(type, tables.corrSanction, current).map((o) => o.code)
    expect(codes('probation')).toContain('revoke_probation')
    expect(codes('probation')).not.toContain('revoke_parole')
    expect(codes('probation')).not.toContain('recommit')
    expect(codes('parole')).toContain('revoke_parole')
    expect(codes('temporary')).toContain('recommit')
    expect(codes('control')).toEqual(['commendation', 'admonition', 'warning', 'security_penalty', 'reduction'])
    expect(codes('control', 'recommit')).toContain('recommit')
  })

  it('maps the duties recorded by an event', () => {
    for (const k of ['report', 'talk', 'visit', 'education', 'service', 'health_report', 'medical_review']) {
      expect(dutyEventKind(k), k).toBe(k)
    }
    for (const k of ['report_in', 'handover', 'leave_return', 'term_end', 'e_monitoring', 'absconded', null]) {
      expect(dutyEventKind(k), String(k)).toBeNull()
    }
  })
})

describe('labels by kind', () => {
  it('names the date, content, place and decision', () => {
    expect(eventOnLabel('leave')).toBe('申请日期')
    expect(eventOnLabel('sanction')).toBe('提请日期')
    expect(eventOnLabel('report')).toBe('日期')
    expect(contentLabel('education')).toBe('学习内容')
    expect(contentLabel('service')).toBe('活动内容')
    expect(contentLabel('health_report')).toBe('身体状况')
    expect(contentLabel('medical_review')).toBe('复查结论')
    expect(placeLabel('visit')).toBe('查访地点')
    expect(placeLabel('medical_review')).toBe('复查医院')
    expect(placeLabel('talk')).toBe('谈话地点')
    expect(decisionTable('leave')).toBe('corrLeaveDecision')
    expect(decisionTable('sanction')).toBe('corrSanctionDecision')
    expect(decidedOnLabel('leave')).toBe('审批日期')
    expect(decidedOnLabel('sanction')).toBe('决定日期')
  })
})

describe('fields by kind', () => {
  it('shows the fields of the kind', () => {
    expect(eventFieldVisible('reportMode', ev('report'))).toBe(true)
    expect(eventFieldVisible('reportMode', ev('visit'))).toBe(false)
    expect(eventFieldVisible('people', ev('visit'))).toBe(true)
    expect(eventFieldVisible('hours', ev('service'))).toBe(true)
    expect(eventFieldVisible('hours', ev('talk'))).toBe(false)
    expect(eventFieldVisible('notes', ev('talk'))).toBe(true)
    expect(eventFieldVisible('newLevel', ev('assessment'))).toBe(true)
    expect(eventFieldVisible('sanction', ev('leave'))).toBe(false)
  })

  it('shows the decision date once decided and 销假 once approved', () => {
    expect(eventFieldVisible('decidedOn', ev('leave'))).toBe(false)
    expect(eventFieldVisible('decidedOn', ev('leave', { decision: 'refused' }))).toBe(true)
    expect(eventFieldVisible('returnedOn', ev('leave', { decision: 'refused' }))).toBe(false)
    expect(eventFieldVisible('returnedOn', ev('leave', { decision: 'approved' }))).toBe(true)
    expect(eventFieldVisible('decidedOn', ev('sanction', { decision: 'approved' }))).toBe(true)
    expect(eventFieldVisible('returnedOn', ev('sanction', { decision: 'approved' }))).toBe(false)
  })

  it('marks the required fields of the kind', () => {
    const req = (e: CorrectionEventInput) => [...eventRequiredFields(e)].sort()
    expect(req(ev('report'))).toEqual(['eventOn', 'kind', 'reportMode', 'staff'])
    expect(req(ev('visit'))).toEqual(['content', 'eventOn', 'kind', 'place', 'staff'])
    expect(req(ev('talk'))).toEqual(['content', 'eventOn', 'kind', 'staff'])
    expect(req(ev('education'))).toContain('hours')
    expect(req(ev('leave'))).toEqual(['decision', 'destination', 'eventOn', 'kind', 'leaveFrom', 'leaveReason', 'leaveTo', 'staff'])
    expect(req(ev('leave', { decision: 'approved' }))).toContain('decidedOn')
    expect(req(ev('sanction'))).not.toContain('decidedOn')
    expect(req(ev('sanction', { decision: 'approved' }))).toContain('decidedOn')
    expect(req(ev('assessment'))).toEqual(['eventOn', 'kind', 'period', 'staff'])
  })
})

describe('changes', () => {
  it('a new kind starts from its defaults, keeping date, staff, text and notes', () => {
    const f = ev('report', { content: '近况良好', notes: '备注', reportMode: 'phone' })
    f.kind = 'leave'
    const g = applyEventKindChange(f)
    expect(g.kind).toBe('leave')
    expect(g.decision).toBe('pending')
    expect(g.reportMode).toBeNull()
    expect(g.content).toBe('近况良好')
    expect(g.notes).toBe('备注')
    expect(g.eventOn).toBe('2026-11-27')
    expect(g.staff).toBe('王五')
  })

  it('takes 销假 away from leave that is not approved', () => {
    const f = ev('leave', { decision: 'approved', returnedOn: '2026-11-30' })
    applyEventDecisionChange(f)
    expect(f.returnedOn).toBe('2026-11-30')
    f.decision = 'refused'
    applyEventDecisionChange(f)
    expect(f.returnedOn).toBeNull()
  })

  it('shows the saved approval level only while the leave dates are those it was computed for', () => {
    const savedLeave = ev('leave', { leaveFrom: '2026-11-21', leaveTo: '2026-11-30', approvalLevel: 'county' })
    expect(savedApprovalApplies({ ...savedLeave }, savedLeave)).toBe(true)
    expect(savedApprovalApplies({ ...savedLeave, leaveTo: '2026-11-25' }, savedLeave)).toBe(false)
    expect(savedApprovalApplies({ ...savedLeave, leaveFrom: '2026-11-22' }, savedLeave)).toBe(false)
    expect(savedApprovalApplies({ ...savedLeave, leaveFrom: null }, savedLeave)).toBe(false)
    expect(savedApprovalApplies({ ...savedLeave }, null)).toBe(false)
    expect(savedApprovalApplies({ ...savedLeave, approvalLevel: null }, savedLeave)).toBe(false)
  })

  it('shows the saved 销假逾期 only when late and while 外出止日 and 销假日期 are unchanged', () => {
    const savedLeave = ev('leave', { leaveTo: '2026-11-30', returnedOn: '2026-12-04', overdueDays: 3 })
    expect(savedOverdueDays({ ...savedLeave }, savedLeave)).toBe(3)
    expect(savedOverdueDays({ ...savedLeave, returnedOn: '2026-12-01' }, savedLeave)).toBeNull()
    expect(savedOverdueDays({ ...savedLeave, leaveTo: '2026-12-03' }, savedLeave)).toBeNull()
    expect(savedOverdueDays({ ...savedLeave }, { ...savedLeave, overdueDays: 0 })).toBeNull()
    expect(savedOverdueDays({ ...savedLeave }, { ...savedLeave, overdueDays: null })).toBeNull()
    expect(savedOverdueDays({ ...savedLeave }, null)).toBeNull()
  })

  it('counts leave days with both ends', () => {
    expect(leaveDaysBetween('2026-11-25', '2026-11-25')).toBe(1)
    expect(leaveDaysBetween('2026-11-25', '2026-12-02')).toBe(8)
    expect(leaveDaysBetween('2026-02-27', '2026-03-02')).toBe(4)
    expect(leaveDaysBetween('2026-11-25', '2026-11-24')).toBeNull()
    expect(leaveDaysBetween(null, '2026-11-24')).toBeNull()
  })
})

describe('the input sent to the core', () => {
  it('trims and keeps only the fields of the kind', () => {
    const input = eventFormToInput(
      ev('visit', { place: ' 家中 ', content: ' 在家 ', people: '', reportMode: 'phone', hours: 2, docNo: 'X' }),
    )
    expect(input.place).toBe('家中')
    expect(input.content).toBe('在家')
    expect(input.reportMode).toBeNull()
    expect(input.hours).toBeNull()
    expect(input.docNo).toBe('')
    expect(Object.keys(input).sort()).toEqual(Object.keys(ev('visit')).sort())
  })

  it('keeps numbers as numbers, the score whole', () => {
    expect(eventFormToInput(ev('education', { hours: 1.5 })).hours).toBe(1.5)
    expect(eventFormToInput(ev('assessment', { score: 87.6 })).score).toBe(87)
    expect(eventFormToInput(ev('assessment', { score: null })).score).toBeNull()
  })

  it('keeps 销假逾期 of leave only', () => {
    expect(eventFormToInput(ev('leave', { overdueDays: 2 })).overdueDays).toBe(2)
    expect(eventFormToInput(ev('leave')).overdueDays).toBeNull()
    expect(eventFormToInput(ev('talk', { overdueDays: 2 })).overdueDays).toBeNull()
  })

  it('copies a saved event without its record fields', () => {
    const form = eventToForm(saved('talk', { content: '谈话' }))
    expect(form.content).toBe('谈话')
    expect('id' in form).toBe(false)
    expect('lateDays' in form).toBe(false)
  })
})

describe('eventSummary', () => {
  it('says how a report went', () => {
    expect(eventSummary(saved('report', { reportMode: 'in_person', lateDays: 0 }), label)).toBe('当面报告 按时')
    expect(eventSummary(saved('report', { reportMode: 'phone', lateDays: 3 }), label)).toBe('电话报告 逾期3天')
    expect(eventSummary(saved('report', { reportMode: 'phone', lateDays: null }), label)).toBe('电话报告')
  })

  it('sums up visits, talks, hours and health', () => {
    expect(eventSummary(saved('visit', { place: '家中', content: '在家务农' }), label)).toBe('家中·在家务农')
    expect(eventSummary(saved('talk', { content: '思想稳定' }), label)).toBe('思想稳定')
    expect(eventSummary(saved('education', { hours: 2, content: '法治课' }), label)).toBe('2小时·法治课')
    expect(eventSummary(saved('service', { hours: 1.5, content: '清扫' }), label)).toBe('1.5小时·清扫')
    expect(eventSummary(saved('health_report', { content: '病情稳定' }), label)).toBe('病情稳定')
  })

  it('sums up leave', () => {
    const e = saved('leave', {
      destination: '武汉市',
      leaveFrom: '2026-11-25',
      leaveTo: '2026-12-02',
      leaveDays: 8,
      approvalLevel: 'county',
      decision: 'approved',
      returnedOn: null,
    })
    expect(eventSummary(e, label)).toBe('武汉市 2026-11-25至2026-12-02 共8天 · 县级社区矫正机构 · 批准 · 未销假')
    expect(eventSummary({ ...e, returnedOn: '2026-12-02' }, label)).toContain('已销假')
    expect(eventSummary({ ...e, returnedOn: '2026-12-03', overdueDays: 0 }, label)).toBe(
      '武汉市 2026-11-25至2026-12-02 共8天 · 县级社区矫正机构 · 批准 · 已销假',
    )
    expect(eventSummary({ ...e, returnedOn: '2026-12-05', overdueDays: 2 }, label)).toBe(
      '武汉市 2026-11-25至2026-12-02 共8天 · 县级社区矫正机构 · 批准 · 已销假 · 销假逾期2天',
    )
    expect(eventSummary({ ...e, returnedOn: null, overdueDays: 2 }, label)).not.toContain('逾期')
    expect(eventSummary({ ...e, decision: 'pending' }, label)).toBe('武汉市 2026-11-25至2026-12-02 共8天 · 县级社区矫正机构 · 待审批')
  })

  it('sums up sanctions and assessments', () => {
    expect(eventSummary(saved('sanction', { sanction: 'warning', decision: 'approved', docNo: '石矫警〔2026〕3号' }), label)).toBe(
      '警告 · 已决定 · 石矫警〔2026〕3号',
    )
    expect(eventSummary(saved('sanction', { sanction: 'admonition', decision: 'pending' }), label)).toBe('训诫 · 已提请，待决定')
    expect(eventSummary(saved('assessment', { period: '2026年第三季度', score: 85, newLevel: 'lenient' }), label)).toBe(
      '2026年第三季度 · 得分85 · 调整为宽管',
    )
    expect(eventSummary(saved('assessment', { period: '2026年第三季度' }), label)).toBe('2026年第三季度')
  })
})
