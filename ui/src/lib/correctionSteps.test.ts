import { describe, expect, it } from 'vitest'
import type { CorrectionSubjectInput, Duty } from '../api/generated'
import { CORRECTION_STEPS, nextCorrectionStep, reportInDeadline, stepDefaults, stepInput } from './correctionSteps'
import { emptyCorrectionSubjectInput } from './emptyCorrectionSubjectInput'

const ALL = ['assessing', 'awaiting_report', 'reported', 'announced', 'supervising', 'released', 'terminated', 'transferred_out']
const from = (state: string) => ALL.slice(ALL.indexOf(state))

describe('nextCorrectionStep', () => {
  it('follows the intake: 待报到 → 登记报到, 已报到 → 登记宣告, 已宣告 → 转为在矫', () => {
    expect(nextCorrectionStep('awaiting_report', from('awaiting_report'))).toBe('report')
    expect(nextCorrectionStep('reported', from('reported'))).toBe('announce')
    expect(nextCorrectionStep('announced', from('announced'))).toBe('supervise')
  })

  it('offers nothing before the ruling, while supervised, after the exit, or before the core answered', () => {
    for (const s of ['assessing', 'supervising', 'released', 'terminated', 'transferred_out']) {
      expect(nextCorrectionStep(s, from(s)), s).toBeNull()
    }
    expect(nextCorrectionStep('awaiting_report', [])).toBeNull()
    expect(nextCorrectionStep(null, ALL)).toBeNull()
  })

  it('offers a step only when the core allows its move', () => {
    expect(nextCorrectionStep('awaiting_report', ['awaiting_report', 'terminated'])).toBeNull()
    expect(nextCorrectionStep('reported', ['reported', 'supervising'])).toBeNull()
  })

  it('names each step in Chinese', () => {
    expect(CORRECTION_STEPS.report.button).toBe('登记报到')
    expect(CORRECTION_STEPS.report.dateLabel).toBe('报到日期')
    expect(CORRECTION_STEPS.announce.button).toBe('登记宣告')
    expect(CORRECTION_STEPS.announce.dateLabel).toBe('宣告日期')
    expect(CORRECTION_STEPS.supervise.button).toBe('转为在矫')
    expect(CORRECTION_STEPS.supervise.dateField).toBeNull()
  })
})

describe('stepDefaults and stepInput', () => {
  const saved = (over: Partial<CorrectionSubjectInput> = {}): CorrectionSubjectInput => ({
    ...emptyCorrectionSubjectInput(),
    name: ' 赵强 ',
    effectiveOn: '2026-11-25',
    state: 'awaiting_report',
    ...over,
  })

  it('starts with today and the saved 接收方式 (自行报到 when none)', () => {
    expect(stepDefaults('report', saved({ intakeMode: 'escorted' }), '2026-11-27')).toEqual({ date: '2026-11-27', intakeMode: 'escorted' })
    expect(stepDefaults('report', saved({ intakeMode: '' }), '2026-11-27')).toEqual({ date: '2026-11-27', intakeMode: 'self' })
    expect(stepDefaults('announce', saved(), '2026-11-27').date).toBe('2026-11-27')
    expect(stepDefaults('supervise', saved(), '2026-11-27').date).toBeNull()
  })

  it('saves the subject as saved, in the next state with its date', () => {
    const s = saved({ notes: '备注' })
    const input = stepInput('report', s, { date: '2026-11-27', intakeMode: 'court_handover' })
    expect(input.state).toBe('reported')
    expect(input.reportedOn).toBe('2026-11-27')
    expect(input.intakeMode).toBe('court_handover')
    expect(input.name).toBe('赵强')
    expect(input.notes).toBe('备注')
    expect(input.announcedOn).toBeNull()
    expect(s.state).toBe('awaiting_report')
    expect('supervision' in input).toBe(false)

    const announced = stepInput('announce', saved({ state: 'reported', reportedOn: '2026-11-27' }), { date: ' 2026-11-30 ', intakeMode: 'self' })
    expect(announced).toMatchObject({ state: 'announced', reportedOn: '2026-11-27', announcedOn: '2026-11-30' })
    expect(stepInput('announce', saved({ state: 'reported' }), { date: '', intakeMode: 'self' }).announcedOn).toBeNull()

    const supervised = stepInput('supervise', saved({ state: 'announced', reportedOn: '2026-11-27', announcedOn: '2026-11-30' }), { date: null, intakeMode: 'self' })
    expect(supervised).toMatchObject({ state: 'supervising', reportedOn: '2026-11-27', announcedOn: '2026-11-30' })
  })
})

describe('reportInDeadline', () => {
  const duty = (kind: string, title: string): Duty => ({
    kind,
    title,
    dueOn: '2026-12-07',
    daysLeft: 10,
    level: 'upcoming',
    detail: '判决生效之日（2026-11-25）起10日内报到',
  })

  it('says the report-in (or hand-over) deadline the core computed', () => {
    expect(reportInDeadline([duty('report', '定期报告'), duty('report_in', '报到')])).toBe(
      '报到期限：2026-12-07；判决生效之日（2026-11-25）起10日内报到',
    )
    expect(reportInDeadline([duty('handover', '交付接收')])).toContain('交付接收期限：2026-12-07')
    expect(reportInDeadline([duty('report', '定期报告')])).toBe('')
  })
})
