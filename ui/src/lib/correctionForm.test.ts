import { describe, expect, it } from 'vitest'
import type { CorrectionSubjectInput } from '../api/generated'
import { emptyCorrectionSubjectInput } from './emptyCorrectionSubjectInput'
import {
  applyCorrectionStateChange,
  applyCorrectionTypeChange,
  applyFlagsChange,
  applyReoffendedChange,
  awayText,
  correctionFieldVisible,
  correctionFlagTagType,
  correctionFormToInput,
  correctionRequiredFields,
  correctionStateTagType,
  enteredFlagOptions,
  exitSectionVisible,
  exitTypeChoices,
  fillCorrectionFromIdNo,
  isExitedState,
  mergeUnedited,
  stateRank,
  subjectToForm,
  taskGroupLabel,
  taskGroupTagType,
  TASK_GROUP_LABEL,
} from './correctionForm'
import { realCodeTables } from '../test/codeTables'

const tables = realCodeTables()
const blank = (over: Partial<CorrectionSubjectInput> = {}): CorrectionSubjectInput => ({
  ...emptyCorrectionSubjectInput(),
  ...over,
})

describe('states', () => {
  it('knows the exit states and the order of the others', () => {
    for (const s of ['released', 'terminated', 'transferred_out']) expect(isExitedState(s), s).toBe(true)
    for (const s of ['assessing', 'awaiting_report', 'supervising', '', null]) expect(isExitedState(s), String(s)).toBe(false)
    expect(stateRank('assessing')).toBeLessThan(stateRank('awaiting_report'))
    expect(stateRank('reported')).toBeLessThan(stateRank('announced'))
    expect(stateRank('supervising')).toBeLessThan(stateRank('released'))
    expect(stateRank('terminated')).toBe(stateRank('released'))
  })

  it('gives every state and flag a tag type', () => {
    for (const s of tables.corrState) expect(correctionStateTagType(s.code)).toBeTruthy()
    expect(correctionStateTagType('terminated')).toBe('danger')
    expect(correctionFlagTagType('absconded')).toBe('danger')
    expect(correctionFlagTagType('missed')).toBe('danger')
    expect(correctionFlagTagType('away')).toBe('warning')
    expect(correctionFlagTagType('e_monitoring')).toBe('info')
  })
})

describe('what shows', () => {
  it('暂予监外执行情形 only for 暂予监外执行', () => {
    expect(correctionFieldVisible('temporaryKind', blank({ correctionType: 'probation' }))).toBe(false)
    expect(correctionFieldVisible('temporaryKind', blank({ correctionType: 'temporary' }))).toBe(true)
  })

  it('报到日期 from 已报到 and 宣告日期 from 已宣告, or while filled', () => {
    expect(correctionFieldVisible('reportedOn', blank({ state: 'awaiting_report' }))).toBe(false)
    expect(correctionFieldVisible('reportedOn', blank({ state: 'reported' }))).toBe(true)
    expect(correctionFieldVisible('announcedOn', blank({ state: 'reported' }))).toBe(false)
    expect(correctionFieldVisible('announcedOn', blank({ state: 'supervising' }))).toBe(true)
    expect(correctionFieldVisible('announcedOn', blank({ state: 'released' }))).toBe(true)
    expect(correctionFieldVisible('reportedOn', blank({ state: 'assessing', reportedOn: '2026-01-02' }))).toBe(true)
  })

  it('flags hidden once exited (unless some are left), 脱管起始日 with the flag, 新罪名 with 重新犯罪', () => {
    expect(correctionFieldVisible('flags', blank({ state: 'supervising' }))).toBe(true)
    expect(correctionFieldVisible('flags', blank({ state: 'released' }))).toBe(false)
    expect(correctionFieldVisible('flags', blank({ state: 'released', flags: ['coercive'] }))).toBe(true)
    expect(correctionFieldVisible('abscondedSince', blank())).toBe(false)
    expect(correctionFieldVisible('abscondedSince', blank({ flags: ['absconded'] }))).toBe(true)
    expect(correctionFieldVisible('newCharge', blank())).toBe(false)
    expect(correctionFieldVisible('newCharge', blank({ reoffended: true }))).toBe(true)
    expect(correctionFieldVisible('name', blank())).toBe(true)
  })

  it('脱管/失联 reason and measures with that flag, 漏管 reason and measures with that one, or while filled', () => {
    for (const k of ['abscondReason', 'abscondMeasures'] as const) {
      expect(correctionFieldVisible(k, blank()), k).toBe(false)
      expect(correctionFieldVisible(k, blank({ flags: ['absconded'] })), k).toBe(true)
      expect(correctionFieldVisible(k, blank({ flags: ['missed'] })), k).toBe(false)
      expect(correctionFieldVisible(k, blank({ [k]: '外出打工' })), k).toBe(true)
    }
    for (const k of ['missedReason', 'missedMeasures'] as const) {
      expect(correctionFieldVisible(k, blank()), k).toBe(false)
      expect(correctionFieldVisible(k, blank({ flags: ['missed'] })), k).toBe(true)
      expect(correctionFieldVisible(k, blank({ flags: ['absconded'] })), k).toBe(false)
      expect(correctionFieldVisible(k, blank({ [k]: '未按时交付' })), k).toBe(true)
    }
  })

  it('the exit section for the exit states, or while it holds a value', () => {
    expect(exitSectionVisible(blank({ state: 'supervising' }))).toBe(false)
    for (const s of ['released', 'terminated', 'transferred_out'] as const) expect(exitSectionVisible(blank({ state: s })), s).toBe(true)
    expect(exitSectionVisible(blank({ state: 'supervising', exitDocNo: 'X' }))).toBe(true)
    expect(correctionFieldVisible('exitOn', blank({ state: 'released' }))).toBe(true)
  })

  it('offers the entered flags only', () => {
    expect(enteredFlagOptions(tables.corrFlag).map((o) => o.code)).toEqual([
      'absconded',
      'coercive',
      'revocation_pending',
      'transferring_out',
      'missed',
    ])
  })
})

describe('required marks', () => {
  it('the ruling fields except while 调查评估', () => {
    const ruled = ['decidingOrganName', 'docNo', 'effectiveOn', 'sentence', 'corrStart', 'corrEnd', 'intakeMode', 'team'] as const
    const assessing = correctionRequiredFields(blank({ state: 'assessing' }))
    const awaiting = correctionRequiredFields(blank({ state: 'awaiting_report' }))
    for (const k of ruled) {
      expect(assessing.has(k), k).toBe(false)
      expect(awaiting.has(k), k).toBe(true)
    }
    for (const k of ['subjectCode', 'name', 'idNo', 'sex', 'birthDate', 'ethnicity', 'phone', 'domicile', 'residence',
      'correctionType', 'decidingOrgan', 'charge', 'chargeClass', 'state', 'supervisionLevel'] as const) {
      expect(assessing.has(k), k).toBe(true)
    }
    expect(awaiting.has('education')).toBe(false)
    expect(awaiting.has('reportedOn')).toBe(false)
  })

  it('follows the state, the type and what is entered', () => {
    expect(correctionRequiredFields(blank({ correctionType: 'temporary' })).has('temporaryKind')).toBe(true)
    expect(correctionRequiredFields(blank({ correctionType: 'parole' })).has('temporaryKind')).toBe(false)
    const order = correctionRequiredFields(blank({ prohibitionOrder: '禁止进入娱乐场所' }))
    expect(order.has('prohibitionFrom') && order.has('prohibitionTo')).toBe(true)
    expect(correctionRequiredFields(blank({ state: 'reported' })).has('reportedOn')).toBe(true)
    expect(correctionRequiredFields(blank({ state: 'reported' })).has('announcedOn')).toBe(false)
    expect(correctionRequiredFields(blank({ state: 'supervising' })).has('announcedOn')).toBe(true)
    const released = correctionRequiredFields(blank({ state: 'released' }))
    for (const k of ['exitType', 'exitOn', 'exitDocNo', 'reportedOn', 'announcedOn'] as const) expect(released.has(k), k).toBe(true)
    expect(correctionRequiredFields(blank({ state: 'terminated' })).has('reportedOn')).toBe(false)
    expect(correctionRequiredFields(blank({ flags: ['absconded'] })).has('abscondedSince')).toBe(true)
    const absconded = correctionRequiredFields(blank({ flags: ['absconded'] }))
    expect(absconded.has('abscondReason')).toBe(true)
    expect(absconded.has('abscondMeasures')).toBe(false)
    expect(absconded.has('missedReason')).toBe(false)
    const missed = correctionRequiredFields(blank({ flags: ['missed'] }))
    expect(missed.has('missedReason')).toBe(true)
    expect(missed.has('missedMeasures')).toBe(false)
    expect(missed.has('abscondReason')).toBe(false)
    expect(missed.has('abscondedSince')).toBe(false)
    expect(correctionRequiredFields(blank()).has('missedReason')).toBe(false)
    expect(correctionRequiredFields(blank({ reoffended: true })).has('newCharge')).toBe(true)
  })
})

describe('changes that bring defaults', () => {
  it('clears 暂予监外执行情形 when the type is no longer 暂予监外执行', () => {
    const f = blank({ correctionType: 'temporary', temporaryKind: 'medical' })
    applyCorrectionTypeChange(f)
    expect(f.temporaryKind).toBe('medical')
    f.correctionType = 'probation'
    applyCorrectionTypeChange(f)
    expect(f.temporaryKind).toBeNull()
  })

  it('fills the exit type a state implies and drops one that does not fit', () => {
    const f = blank({ correctionType: 'probation', state: 'released' })
    applyCorrectionStateChange(f, tables.corrExitType)
    expect(f.exitType).toBe('expired')
    f.state = 'transferred_out'
    applyCorrectionStateChange(f, tables.corrExitType)
    expect(f.exitType).toBe('moved')
    f.state = 'terminated'
    applyCorrectionStateChange(f, tables.corrExitType)
    expect(f.exitType).toBeNull()
    f.exitType = 'died'
    f.state = 'supervising'
    applyCorrectionStateChange(f, tables.corrExitType)
    expect(f.exitType).toBe('died')
  })

  it('offers the exit types of the state and type', () => {
    const codes = (state: string, type: string, current: string | null = null) =>
      exitTypeChoices(state, type, tables.corrExitType, current).map((o) => o.code)
    expect(codes('released', 'probation')).toEqual(['expired', 'pardoned'])
    expect(codes('terminated', 'probation')).toEqual(['probation_revoked', 'died'])
    expect(codes('terminated', 'temporary')).toEqual(['recommitted', 'died'])
    expect(codes('transferred_out', 'parole')).toEqual(['moved'])
    expect(codes('transferred_out', 'parole', 'died')).toEqual(['died', 'moved'])
  })

  it('takes 脱管起始日 and 新罪名 away with their check', () => {
    const f = blank({ flags: ['absconded'], abscondedSince: '2026-11-01', reoffended: true, newCharge: '盗窃罪' })
    applyFlagsChange(f)
    applyReoffendedChange(f)
    expect(f.abscondedSince).toBe('2026-11-01')
    expect(f.newCharge).toBe('盗窃罪')
    f.flags = []
    f.reoffended = false
    applyFlagsChange(f)
    applyReoffendedChange(f)
    expect(f.abscondedSince).toBeNull()
    expect(f.newCharge).toBe('')
  })

  it('takes the 脱管/失联 and 漏管 reason and measures away with their flag only', () => {
    const f = blank({
      flags: ['absconded', 'missed'],
      abscondedSince: '2026-11-01',
      abscondReason: '外出打工未报告',
      abscondMeasures: '联系家属查找',
      missedReason: '未按时交付',
      missedMeasures: '已核查并通报',
    })
    applyFlagsChange(f)
    expect(f).toMatchObject({ abscondReason: '外出打工未报告', abscondMeasures: '联系家属查找', missedReason: '未按时交付' })
    f.flags = ['absconded']
    applyFlagsChange(f)
    expect(f.missedReason).toBe('')
    expect(f.missedMeasures).toBe('')
    expect(f.abscondReason).toBe('外出打工未报告')
    expect(f.abscondMeasures).toBe('联系家属查找')
    expect(f.abscondedSince).toBe('2026-11-01')
    f.flags = ['missed']
    f.missedReason = '未按时交付'
    applyFlagsChange(f)
    expect(f.abscondedSince).toBeNull()
    expect(f.abscondReason).toBe('')
    expect(f.abscondMeasures).toBe('')
    expect(f.missedReason).toBe('未按时交付')
  })

  it('fills birth date and sex from a resident ID, not over what is entered', () => {
    const f = blank({ idNo: '420204198001011268' })
    fillCorrectionFromIdNo(f)
    expect(f.birthDate).toBe('1980-01-01')
    expect(f.sex).toBe('female')
    const g = blank({ idNo: '420204198001011268', sex: 'male', idType: 'resident_id' })
    fillCorrectionFromIdNo(g)
    expect(g.sex).toBe('male')
    const h = blank({ idNo: '420204198001011268', idType: 'passport' })
    fillCorrectionFromIdNo(h)
    expect(h.birthDate).toBeNull()
  })
})

describe('the input sent to the core', () => {
  it('trims texts, nulls empties, drops duplicate and derived codes', () => {
    const input = correctionFormToInput(
      blank({
        name: '  张三 ',
        sex: '',
        effectiveOn: '',
        team: ['office', 'family', 'office'],
        flags: ['away', 'absconded', 'e_monitoring'],
        eMonitoring: [{ start: '2026-11-01', end: '', reason: '' }],
        notes: ' 备注 ',
      }),
    )
    expect(input.name).toBe('张三')
    expect(input.sex).toBeNull()
    expect(input.effectiveOn).toBeNull()
    expect(input.team).toEqual(['office', 'family'])
    expect(input.flags).toEqual(['absconded'])
    expect(input.eMonitoring).toEqual([{ start: '2026-11-01', end: null, reason: null }])
    expect(input.notes).toBe('备注')
    const texts = correctionFormToInput(
      blank({ abscondReason: ' 外出打工 ', abscondMeasures: ' 联系家属 ', missedReason: ' 未交付 ', missedMeasures: ' 已核查 ' }),
    )
    expect(texts).toMatchObject({ abscondReason: '外出打工', abscondMeasures: '联系家属', missedReason: '未交付', missedMeasures: '已核查' })
    expect(Object.keys(input).sort()).toEqual(Object.keys(emptyCorrectionSubjectInput()).sort())
  })

  it('copies a saved subject into a form without its computed parts', () => {
    const saved = { ...blank({ name: '张三' }), id: 'x', version: 3, supervision: {}, events: [] }
    const form = subjectToForm(saved)
    expect(form.name).toBe('张三')
    expect('version' in form).toBe(false)
    expect('events' in form).toBe(false)
  })
})

describe('mergeUnedited', () => {
  it('takes the new saved value of fields the user has not edited, keeps the edits', () => {
    const oldSaved = blank({ name: '张三', supervisionLevel: 'normal', notes: '' })
    const newSaved = blank({ name: '张三', supervisionLevel: 'strict', notes: '' })
    const form = { ...oldSaved, notes: '正在写的备注' }
    const merged = mergeUnedited(form, oldSaved, newSaved)
    expect(merged.supervisionLevel).toBe('strict')
    expect(merged.notes).toBe('正在写的备注')
    expect(merged.name).toBe('张三')
  })

  it('keeps a level the user has changed', () => {
    const oldSaved = blank({ supervisionLevel: 'normal' })
    const newSaved = blank({ supervisionLevel: 'strict' })
    const merged = mergeUnedited({ ...oldSaved, supervisionLevel: 'lenient' }, oldSaved, newSaved)
    expect(merged.supervisionLevel).toBe('lenient')
  })
})

describe('今日任务 and away texts', () => {
  it('labels every group', () => {
    expect(TASK_GROUP_LABEL).toEqual({ today: '今日应办', late: '已逾期', away: '外出中', ending: '即将期满' })
    expect(taskGroupLabel('away')).toBe('外出中')
    expect(taskGroupTagType('late')).toBe('danger')
    expect(taskGroupTagType('ending')).toBe('warning')
  })

  it('words a leave', () => {
    const away = { destination: '武汉市', leaveFrom: '2026-11-25', leaveTo: '2026-11-30' }
    expect(awayText(away)).toBe('外出中：武汉市（2026-11-25至2026-11-30）')
    expect(awayText(away, '外出至')).toBe('外出至武汉市（2026-11-25至2026-11-30）')
  })
})
