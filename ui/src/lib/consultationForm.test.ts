import { describe, expect, it } from 'vitest'
import {
  consultationFormToInput,
  consultationToForm,
  defaultConsultationFilter,
  emptyConsultationInput,
  nextConsultationInput,
  normaliseConsultationFilter,
} from './consultationForm'
import { realCodeTables } from '../test/codeTables'

describe('consultation entry', () => {
  it('starts with today, 来访, 解答咨询, one person and the current user', () => {
    const e = emptyConsultationInput('2026-11-27', '管理员')
    expect(e).toEqual({
      consultedOn: '2026-11-27',
      channel: 'visit',
      service: 'answer',
      persons: 1,
      groups: [],
      matter: '',
      name: '',
      phone: '',
      question: '',
      answer: '',
      guided: false,
      staff: '管理员',
    })
    const t = realCodeTables()
    expect(t.consultChannel.some((c) => c.code === e.channel)).toBe(true)
    expect(t.consultService.some((c) => c.code === e.service)).toBe(true)
  })

  it('keeps date, channel, service and staff for the next entry and clears the rest', () => {
    const prev = {
      consultedOn: '2026-11-26',
      channel: 'hotline',
      service: 'draft',
      persons: 3,
      groups: ['women'],
      matter: 'wages',
      name: '张三',
      phone: '13800000000',
      question: '工资拖欠怎么办',
      answer: '可申请劳动仲裁',
      guided: true,
      staff: '王五',
    }
    expect(nextConsultationInput(prev)).toEqual({
      ...emptyConsultationInput('2026-11-26', '王五'),
      channel: 'hotline',
      service: 'draft',
    })
    expect(prev.groups).toEqual(['women'])
  })

  it('trims texts and keeps only the input fields', () => {
    const saved = {
      ...emptyConsultationInput('2026-11-27', ' 管理员 '),
      question: '  问题 ',
      persons: 2.6,
      groups: ['women', 'women'],
      id: 'c1',
      officeCode: '420204100',
      version: 2,
      createdAt: '',
      updatedAt: '',
      createdBy: '',
      updatedBy: '',
    }
    const f = consultationToForm(saved)
    expect(f.question).toBe('问题')
    expect(f.staff).toBe('管理员')
    expect(f.persons).toBe(2)
    expect(f.groups).toEqual(['women'])
    expect('id' in f).toBe(false)
    expect(consultationFormToInput({ ...f, persons: null as unknown as number }).persons).toBe(0)
  })

  it('normalises the list filter', () => {
    expect(normaliseConsultationFilter({ ...defaultConsultationFilter(), query: '  ', channel: 'visit', page: 0 })).toEqual({
      ...defaultConsultationFilter(),
      channel: 'visit',
    })
  })
})
