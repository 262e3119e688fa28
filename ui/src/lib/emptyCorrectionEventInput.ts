// The blank input of a 社区矫正 event of a kind, with the defaults of that kind: a report is 当面报告,
// leave and sanctions start 待审批 / 已提请，待决定.
import type { CorrectionEventInput } from '../api/generated'

export function emptyCorrectionEventInput(kind: string, eventOn: string, staff: string): CorrectionEventInput {
  return {
    kind,
    eventOn,
    staff,
    content: '',
    reportMode: kind === 'report' ? 'in_person' : null,
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
    decision: kind === 'leave' || kind === 'sanction' ? 'pending' : null,
    decidedOn: null,
    returnedOn: null,
    sanction: null,
    docNo: '',
    period: '',
    score: null,
    newLevel: null,
    notes: '',
  }
}
