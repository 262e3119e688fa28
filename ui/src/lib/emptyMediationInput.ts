// The blank input of a new mediation case. Pure: depends only on the business date "today" and on who
// enters it (the logged-in user presides and visits unless the user writes someone else).
import type { FollowUp, MediationCaseInput, MediationSession, Party } from '../api/generated'

export function emptyParty(role: string): Party {
  return {
    role,
    kind: 'natural',
    name: '',
    sex: null,
    ethnicity: null,
    birthDate: null,
    idType: 'resident_id',
    idNo: '',
    occupation: '',
    address: '',
    phone: '',
    agent: '',
  }
}

export function emptySession(today: string): MediationSession {
  return { date: today, place: '', attendees: '', summary: '', signed: false }
}

/** A new follow-up visit on `today`, by `visitor` (the logged-in user's name). */
export function emptyFollowUp(today: string, mode = '', visitor = ''): FollowUp {
  return {
    date: today,
    visitor: visitor.trim(),
    mode,
    performance: null,
    satisfaction: null,
    escalationRisk: false,
    measures: '',
  }
}

/** A new case accepted `today`; `mediator` (the logged-in user's name), when given, is its first mediator. */
export function emptyMediationInput(today: string, mediator = ''): MediationCaseInput {
  return {
    state: 'accepted',
    committee: 'township',
    acceptedOn: today,
    source: 'application',
    disputeType: '',
    occurredOn: null,
    place: '',
    personsInvolved: 2,
    amount: null,
    summary: '',
    risk: null,
    mediators: mediator.trim() ? [mediator.trim()] : [],
    recorder: '',
    rightsNoticeOn: today,
    notAcceptedReason: null,
    agreementForm: null,
    agreementNo: '',
    agreementOn: null,
    terms: '',
    performMode: null,
    performBy: null,
    agreedAmount: null,
    performance: null,
    judicialConfirm: 'none',
    judicialCourt: '',
    judicialOn: null,
    failRoute: null,
    prevention: [],
    closedOn: null,
    parties: [emptyParty('applicant'), emptyParty('respondent')],
    sessions: [],
    followUps: [],
  }
}
