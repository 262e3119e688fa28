import { describe, expect, it } from 'vitest'
import {
  assignFieldErrors,
  fieldTestId,
  formItemFor,
  getPath,
  knownPathsIn,
  pruneFieldErrors,
  snapshotErrorValues,
} from './fieldErrors'
import type { FieldError } from '../api/generated'

const fe = (field: string, message: string): FieldError => ({ field, code: 'validation', message })

const KNOWN = [
  'acceptedOn',
  'summary',
  'mediators',
  'parties',
  'parties.0.name',
  'parties.0.idNo',
  'parties.1.phone',
  'sessions',
  'sessions.1.date',
  'followUps.0.date',
  'prevention',
  'prevention.0.persons',
]

describe('field error mapping', () => {
  it('names form items by path', () => {
    expect(fieldTestId('parties.0.idNo')).toBe('field-parties.0.idNo')
  })

  it('maps exact paths to their form item', () => {
    const { byPath, unmatched } = assignFieldErrors(
      [
        fe('acceptedOn', '受理日期不能晚于今天'),
        fe('parties.0.idNo', '身份证号码校验位不正确'),
        fe('sessions.1.date', '调解日期不能早于受理日期'),
        fe('followUps.0.date', '请填写回访日期'),
        fe('prevention.0.persons', '人数至少为1'),
        fe('mediators', '请填写调解员'),
      ],
      KNOWN,
    )
    expect(byPath).toEqual({
      acceptedOn: '受理日期不能晚于今天',
      'parties.0.idNo': '身份证号码校验位不正确',
      'sessions.1.date': '调解日期不能早于受理日期',
      'followUps.0.date': '请填写回访日期',
      'prevention.0.persons': '人数至少为1',
      mediators: '请填写调解员',
    })
    expect(unmatched).toEqual([])
  })

  it('falls back to the nearest ancestor item', () => {
    const known = new Set(KNOWN)
    expect(formItemFor('parties.0', known)).toBe('parties')
    expect(formItemFor('parties.3.name', known)).toBe('parties')
    expect(formItemFor('prevention.1.kind', known)).toBe('prevention')
    expect(formItemFor('summary', known)).toBe('summary')
    expect(formItemFor('closedOn', known)).toBeNull()
  })

  it('collects messages with no form item, once each', () => {
    const { byPath, unmatched } = assignFieldErrors(
      [fe('closedOn', '请填写结案日期'), fe('closedOn', '请填写结案日期'), fe('', '案件数据不完整')],
      KNOWN,
    )
    expect(byPath).toEqual({})
    expect(unmatched).toEqual(['请填写结案日期', '案件数据不完整'])
  })

  it('joins several messages on one item', () => {
    const { byPath } = assignFieldErrors(
      [fe('parties', '至少需要两名当事人'), fe('parties.5', '当事人重复'), fe('parties', '至少需要两名当事人')],
      KNOWN,
    )
    expect(byPath).toEqual({ parties: '至少需要两名当事人；当事人重复' })
  })

  it('reads known paths from the DOM', () => {
    const root = document.createElement('div')
    root.innerHTML = `
      <div data-testid="field-summary"></div>
      <div><div data-testid="field-parties.0.idNo"></div></div>
      <div data-testid="case-save"></div>`
    expect(knownPathsIn(root)).toEqual(['summary', 'parties.0.idNo'])
  })
})

describe('clearing errors on edit', () => {
  const value = {
    summary: '',
    mediators: ['王五'],
    parties: [
      { name: '张三', idNo: '123' },
      { name: '李四', idNo: '' },
    ],
  }

  it('reads dotted paths', () => {
    expect(getPath(value, 'parties.0.idNo')).toBe('123')
    expect(getPath(value, 'parties.1.name')).toBe('李四')
    expect(getPath(value, 'parties.9.name')).toBeUndefined()
    expect(getPath(value, 'mediators.0')).toBe('王五')
    expect(getPath(null, 'x')).toBeUndefined()
  })

  it('drops an error once its field changes, keeps the others', () => {
    const errors = { summary: '请填写简要情况', 'parties.0.idNo': '校验位不正确', parties: '当事人重复' }
    const snap = snapshotErrorValues(errors, value)
    expect(pruneFieldErrors(errors, snap, value)).toEqual(errors)

    const edited = structuredClone(value)
    edited.parties[0].idNo = '1234'
    // the id number changed, and with it the parties list as a whole
    expect(pruneFieldErrors(errors, snap, edited)).toEqual({ summary: '请填写简要情况' })

    const edited2 = structuredClone(value)
    edited2.summary = '邻里纠纷'
    expect(pruneFieldErrors(errors, snap, edited2)).toEqual({
      'parties.0.idNo': '校验位不正确',
      parties: '当事人重复',
    })
  })

  it('keeps an error for a path that is missing in both', () => {
    const errors = { 'sessions.0.date': '请填写日期' }
    const snap = snapshotErrorValues(errors, value)
    expect(pruneFieldErrors(errors, snap, value)).toEqual(errors)
  })
})
