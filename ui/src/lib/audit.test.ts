import { describe, expect, it } from 'vitest'
import {
  AUDIT_CATEGORIES,
  AUDIT_PAGE_SIZES,
  auditWarningText,
  chainIntact,
  chainText,
  defaultAuditFilter,
  formatAuditTime,
  isChange,
  normaliseAuditFilter,
  shownChanges,
} from './audit'
import type { AuditListItem, FieldChange } from '../api/generated'

const ENTRY: AuditListItem = {
  seq: 1,
  at: '2026-11-27T14:05:09+08:00',
  username: 'wang',
  action: 'update',
  actionLabel: '修改',
  recordKind: 'mediation_case',
  recordKindLabel: '调解案件',
  recordId: null,
  recordLabel: '（2026）石调字第1号',
  beforeJson: null,
  afterJson: null,
  changes: [],
}

describe('audit filter', () => {
  it('starts with everything and 50 entries a page (50/100/200)', () => {
    expect(defaultAuditFilter()).toEqual({
      username: null,
      action: null,
      recordKind: null,
      recordId: null,
      from: null,
      to: null,
      page: 1,
      pageSize: 50,
    })
    expect([...AUDIT_PAGE_SIZES]).toEqual([50, 100, 200])
  })

  it('sends blanks as null and trims texts', () => {
    expect(
      normaliseAuditFilter({
        username: '',
        action: 'user',
        recordKind: null,
        recordId: '  4202  ',
        from: '2026-11-01',
        to: ' ',
        page: 0,
        pageSize: 100,
      }),
    ).toEqual({
      username: null,
      action: 'user',
      recordKind: null,
      recordId: '4202',
      from: '2026-11-01',
      to: null,
      page: 1,
      pageSize: 100,
    })
  })

  it('offers the categories the core matches by prefix, with Chinese labels only', () => {
    const codes = AUDIT_CATEGORIES.map((c) => c.code)
    for (const c of ['login', 'session', 'user', 'password', 'create', 'update', 'delete', 'export', 'backup', 'settings', 'audit', 'district']) {
      expect(codes, c).toContain(c)
    }
    expect(new Set(codes).size).toBe(codes.length)
    for (const c of AUDIT_CATEGORIES) expect(c.label, c.code).toMatch(/^[\u4e00-\u9fff]+$/)
    expect(AUDIT_CATEGORIES.find((c) => c.code === 'session')!.label).toBe('锁屏')
    expect(AUDIT_CATEGORIES.find((c) => c.code === 'user')!.label).toBe('账号管理')
  })
})

describe('audit texts', () => {
  it('shows an instant to the second, China time as written', () => {
    expect(formatAuditTime('2026-11-27T14:05:09+08:00')).toBe('2026-11-27 14:05:09')
    expect(formatAuditTime('2026-11-27T14:05:09.532+08:00')).toBe('2026-11-27 14:05:09')
    expect(formatAuditTime('')).toBe('')
    expect(formatAuditTime('昨天')).toBe('昨天')
  })

  it('shows the changed rows of a change, all rows of a creation', () => {
    const rows: FieldChange[] = [
      { label: '状态', before: '调解中', after: '调解成功', changed: true },
      { label: '调委会', before: '村(居)调委会', after: '村(居)调委会', changed: false },
    ]
    const update = { ...ENTRY, beforeJson: '{}', afterJson: '{}', changes: rows }
    expect(isChange(update)).toBe(true)
    expect(shownChanges(update, true).map((r) => r.label)).toEqual(['状态'])
    expect(shownChanges(update, false).map((r) => r.label)).toEqual(['状态', '调委会'])
    // Nothing changed (a save without edits): every row rather than none.
    const same = { ...update, changes: [rows[1]!] }
    expect(shownChanges(same, true).map((r) => r.label)).toEqual(['调委会'])
    const created = { ...update, beforeJson: null }
    expect(isChange(created)).toBe(false)
    expect(shownChanges(created, true)).toHaveLength(2)
  })

  it('words the chain check', () => {
    const ok = { entries: 1234, firstBroken: null, reason: null }
    const broken = { entries: 1234, firstBroken: 17, reason: '第17条操作日志的内容被改动过' }
    expect(chainIntact(ok)).toBe(true)
    expect(chainIntact(broken)).toBe(false)
    expect(chainText(ok)).toBe('日志链校验通过，共 1234 条')
    expect(chainText(broken)).toBe('日志链校验未通过：第17条操作日志的内容被改动过')
    expect(chainText({ entries: 3, firstBroken: 2, reason: null })).toBe('日志链校验未通过：第2条操作日志异常')
  })

  it('warns on 工作台 only when the chain is broken', () => {
    expect(auditWarningText(null)).toBeNull()
    expect(auditWarningText(undefined)).toBeNull()
    expect(auditWarningText({ entries: 5, firstBroken: null, reason: null })).toBeNull()
    expect(auditWarningText({ entries: 5, firstBroken: 3, reason: '第3条操作日志已被删除' })).toBe(
      '操作日志校验未通过：第3条操作日志已被删除。请所长在“操作日志”中核查。',
    )
  })
})
