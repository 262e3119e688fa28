// The next step of a 社区矫正对象's intake, as one action of the subject page (登记报到, 登记宣告, 转为在矫):
// which step the saved state leads to, what the action is called and asks, and the input it saves. A step
// is offered only when the core's state machine (`correction_states` of the saved state) allows the move.
import type { CorrectionState, CorrectionSubjectInput, Duty } from '../api/generated'
import { subjectToForm } from './correctionForm'

export type CorrectionStep = 'report' | 'announce' | 'supervise'

/** The date a step records, or none (转为在矫 records only the state). */
export type StepDateField = 'reportedOn' | 'announcedOn'

export interface StepSpec {
  /** The state the subject is in before the step. */
  from: CorrectionState
  /** The state the step saves. */
  to: CorrectionState
  /** The button of the subject page and the dialog's save button. */
  button: string
  /** The dialog's title. */
  title: string
  /** The date asked for (today by default), with its label. */
  dateField: StepDateField | null
  dateLabel: string
  /** What the subject page says beside the button. */
  prompt: string
  /** What the dialog says the save does. */
  effect: string
}

export const CORRECTION_STEPS: Readonly<Record<CorrectionStep, StepSpec>> = {
  report: {
    from: 'awaiting_report',
    to: 'reported',
    button: '登记报到',
    title: '登记报到',
    dateField: 'reportedOn',
    dateLabel: '报到日期',
    prompt: '对象尚未报到。报到（或交付接收）后，请登记报到日期。',
    effect: '保存后矫正状态改为“已报到”，并按管理等级开始计算定期报告等监管事项。',
  },
  announce: {
    from: 'reported',
    to: 'announced',
    button: '登记宣告',
    title: '登记宣告',
    dateField: 'announcedOn',
    dateLabel: '宣告日期',
    prompt: '对象已报到，尚未宣告。宣告后，请登记宣告日期。',
    effect: '保存后矫正状态改为“已宣告”。',
  },
  supervise: {
    from: 'announced',
    to: 'supervising',
    button: '转为在矫',
    title: '转为在矫',
    dateField: null,
    dateLabel: '',
    prompt: '已宣告。开始日常监管时，请将对象转为在矫。',
    effect: '保存后矫正状态改为“在矫”。',
  },
}

const ORDER: readonly CorrectionStep[] = ['report', 'announce', 'supervise']

/** The step the saved state leads to, when the core allows its move (`allowed`: the states it may be
 * saved in, from `correction_states`); null otherwise (调查评估, 在矫, after the exit …). */
export function nextCorrectionStep(state: string | null | undefined, allowed: readonly string[]): CorrectionStep | null {
  const step = ORDER.find((s) => CORRECTION_STEPS[s].from === state)
  return step && allowed.includes(CORRECTION_STEPS[step].to) ? step : null
}

/** The values a step's dialog asks for. */
export interface StepValues {
  /** 报到日期 or 宣告日期 (YYYY-MM-DD). */
  date: string | null
  /** 接收方式 (report only). */
  intakeMode: string
}

/** What a step's dialog starts with: the date today, the 接收方式 as saved (自行报到 when none). */
export function stepDefaults(step: CorrectionStep, saved: Pick<CorrectionSubjectInput, 'intakeMode'>, today: string): StepValues {
  return {
    date: CORRECTION_STEPS[step].dateField ? today || null : null,
    intakeMode: step === 'report' ? saved.intakeMode || 'self' : saved.intakeMode,
  }
}

/** The input a step saves: the subject as saved (not the form's unsaved edits), in the step's state with
 * its date (and, for 报到, the 接收方式). */
export function stepInput(step: CorrectionStep, saved: CorrectionSubjectInput, values: StepValues): CorrectionSubjectInput {
  const spec = CORRECTION_STEPS[step]
  const input = subjectToForm(saved)
  input.state = spec.to
  if (spec.dateField) input[spec.dateField] = (values.date ?? '').trim() || null
  if (step === 'report') input.intakeMode = values.intakeMode.trim()
  return input
}

/** The report-in deadline the core computed (报到, or 交付接收 of 暂予监外执行), as the dialog says it. */
export function reportInDeadline(duties: readonly Duty[]): string {
  const d = duties.find((x) => x.kind === 'report_in' || x.kind === 'handover')
  return d ? `${d.title}期限：${d.dueOn}；${d.detail}` : ''
}
