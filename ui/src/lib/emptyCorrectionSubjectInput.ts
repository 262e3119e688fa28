// The blank input of a new 社区矫正对象, with the core's defaults (CorrectionSubjectInput::default):
// 汉族, 居民身份证, 人民法院, 自行报到, 矫正小组 司法所, 普管, 待报到.
import type { CorrectionSubjectInput, EMonitoringPeriod } from '../api/generated'

export function emptyCorrectionSubjectInput(): CorrectionSubjectInput {
  return {
    subjectCode: '',
    name: '',
    sex: null,
    ethnicity: '01',
    birthDate: null,
    idType: 'resident_id',
    idNo: '',
    domicile: '',
    residence: '',
    phone: '',
    education: null,
    marital: null,
    employment: null,
    health: null,
    correctionType: '',
    temporaryKind: null,
    decidingOrgan: 'court',
    decidingOrganName: '',
    docNo: '',
    effectiveOn: null,
    charge: '',
    chargeClass: '',
    sentence: '',
    termText: '',
    origStart: null,
    origEnd: null,
    supplementary: [],
    prohibitionOrder: '',
    prohibitionFrom: null,
    prohibitionTo: null,
    corrStart: null,
    corrEnd: null,
    detentionPlace: '',
    intakeMode: 'self',
    reportedOn: null,
    announcedOn: null,
    isRecidivist: false,
    threeInvolved: [],
    fourHistories: [],
    team: ['office'],
    supervisionLevel: 'normal',
    riskLevel: null,
    eMonitoring: [],
    state: 'awaiting_report',
    flags: [],
    abscondedSince: null,
    abscondReason: '',
    abscondMeasures: '',
    missedReason: '',
    missedMeasures: '',
    exitType: null,
    exitOn: null,
    exitDocNo: '',
    reoffended: false,
    newCharge: '',
    notes: '',
  }
}

/** A blank 电子定位 period. */
export function emptyEMonitoringPeriod(): EMonitoringPeriod {
  return { start: null, end: null, reason: null }
}
