import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { ElDatePicker, ElOption, ElPagination } from 'element-plus'

vi.mock('../api', () => ({
  codeTables: vi.fn(),
  auditList: vi.fn(),
  auditUsernames: vi.fn(),
  auditCheck: vi.fn(),
  auditExport: vi.fn(),
  backupPickFolder: vi.fn(),
}))
vi.mock('../lib/notify', async (orig) => (await import('../test/notify')).mockNotify(orig, ['showSuccess', 'showError']))

import * as api from '../api'
import * as notify from '../lib/notify'
import type { AuditCheck, AuditListItem, User } from '../api/generated'
import AuditView from './AuditView.vue'
import { resetCodeTables } from '../store/codeTables'
import { resetSession, session } from '../store/session'
import { realCodeTables } from '../test/codeTables'
import { choose, errorOf, settle } from '../test/formItems'
import { mountScreen, unmountScreen } from '../test/mountScreen'
import { readyStatus } from '../test/session'

const m = vi.mocked(api)
const n = vi.mocked(notify)
const user: User = { id: 'u1', username: 'wang', displayName: '王所长', role: 'head' }
const FORBIDDEN = { code: 'auth.forbidden', message: '当前账号没有执行此操作的权限。', fields: [] }
const INTACT: AuditCheck = { entries: 1234, firstBroken: null, reason: null }
const BROKEN: AuditCheck = { entries: 1234, firstBroken: 17, reason: '第17条操作日志的内容被改动过' }

const DEFAULT_FILTER = { username: null, action: null, recordKind: null, recordId: null, from: null, to: null, page: 1, pageSize: 50 }

const ITEMS: AuditListItem[] = [
  {
    seq: 1234,
    at: '2026-11-27T14:05:09+08:00',
    username: 'wang',
    action: 'user.update',
    actionLabel: '修改账号',
    recordKind: 'user',
    recordKindLabel: '账号',
    recordId: '0193a1b2-0000-7000-8000-00000000000a',
    recordLabel: 'lisi',
    beforeJson: '{"user":{"displayName":"李四","role":"staff"},"active":true}',
    afterJson: '{"user":{"displayName":"李四","role":"readonly"},"active":false}',
    changes: [
      { label: '启用', before: '是', after: '否', changed: true },
      { label: '账号 · 姓名', before: '李四', after: '李四', changed: false },
      { label: '账号 · 角色', before: '工作人员', after: '只读', changed: true },
    ],
  },
  {
    seq: 1233,
    at: '2026-11-27T08:31:05+08:00',
    username: 'wang',
    action: 'login',
    actionLabel: '登录',
    recordKind: 'user',
    recordKindLabel: '账号',
    recordId: null,
    recordLabel: null,
    beforeJson: null,
    afterJson: null,
    changes: [],
  },
]

function setStatus(audit: AuditCheck | null) {
  session.status = readyStatus({
    office: { code: '420202001', name: '石港镇司法所', shortName: '石港', district: '黄石港区', mode: 'township' },
    user,
    session: { user, locked: false, mustChangePassword: false, idleSeconds: 600 },
    audit,
    version: '',
  })
  session.user = user
}

const mountView = () => mountScreen(AuditView)

const rows = (w: VueWrapper) =>
  w
    .get('[data-testid="audit-table"]')
    .findAll('.el-table__body-wrapper tbody tr.el-table__row')
    .map((r) => r.findAll('td').map((td) => td.text()))

beforeEach(() => {
  resetSession()
  resetCodeTables()
  vi.clearAllMocks()
  setStatus(INTACT)
  m.codeTables.mockResolvedValue(realCodeTables())
  m.auditList.mockResolvedValue({ items: ITEMS, total: 2, totalCapped: false })
  m.auditUsernames.mockResolvedValue(['wang', 'lisi', 'system'])
})

afterEach(unmountScreen)

describe('AuditView', () => {
  it('checks the chain again on opening, so its count is the one of the entries, newest first', async () => {
    m.auditCheck.mockResolvedValue({ ...INTACT, entries: 1240 })
    const w = await mountView()
    const chain = w.get('[data-testid="audit-chain"]')
    // Start-up counted 1234 entries; the screen shows the count of now, quietly.
    expect(m.auditCheck).toHaveBeenCalledTimes(1)
    expect(chain.text()).toContain('日志链校验通过，共 1240 条')
    expect(n.showSuccess).not.toHaveBeenCalled()
    // (tests stub the alert's transition, which then carries the test id)
    expect(w.find('[data-testid="audit-chain"] .el-alert--success, .el-alert--success[data-testid="audit-chain"]').exists()).toBe(true)
    expect(m.auditList).toHaveBeenCalledWith(DEFAULT_FILTER)
    const table = w.get('[data-testid="audit-table"]')
    expect(table.findAll('.el-table__header-wrapper th').map((t) => t.text())).toEqual(['', '序号', '时间', '用户', '操作', '对象', '记录', '详情'])
    expect(rows(w)).toEqual([
      // People's names for records, the internal id only as the tooltip.
      ['', '1234', '2026-11-27 14:05:09', 'wang', '修改账号', '账号', 'lisi', '查看'],
      ['', '1233', '2026-11-27 08:31:05', 'wang', '登录', '账号', '—', '—'],
    ])
    expect(w.get('[data-testid="audit-row-record-id"]').attributes('title')).toBe('0193a1b2-0000-7000-8000-00000000000a')
    expect(w.findAll('[data-testid="audit-row"]')).toHaveLength(2)
    expect(w.get('[data-testid="audit-total"]').text()).toBe('共 2 条')
    expect(w.getComponent(ElPagination).props('pageSizes')).toEqual([50, 100, 200])
  })

  it('shows a broken chain in red with the reason', async () => {
    setStatus(BROKEN)
    m.auditCheck.mockResolvedValue(BROKEN)
    const w = await mountView()
    const chain = w.get('[data-testid="audit-chain"]')
    expect(w.find('[data-testid="audit-chain"] .el-alert--error, .el-alert--error[data-testid="audit-chain"]').exists()).toBe(true)
    expect(chain.text()).toContain('日志链校验未通过：第17条操作日志的内容被改动过')
  })

  it('checks the chain again on request, and 工作台 learns the result', async () => {
    m.auditCheck.mockResolvedValue(INTACT)
    const w = await mountView()
    m.auditCheck.mockResolvedValue(BROKEN)
    await w.get('[data-testid="audit-recheck"]').trigger('click')
    await flushPromises()
    expect(m.auditCheck).toHaveBeenCalledTimes(2)
    expect(w.get('[data-testid="audit-chain"]').text()).toContain('第17条操作日志的内容被改动过')
    expect(session.status?.audit).toEqual(BROKEN)
    m.auditCheck.mockResolvedValue({ ...INTACT, entries: 1240 })
    await w.get('[data-testid="audit-recheck"]').trigger('click')
    await flushPromises()
    expect(w.get('[data-testid="audit-chain"]').text()).toContain('日志链校验通过，共 1240 条')
    expect(n.showSuccess).toHaveBeenCalledWith('日志链校验通过，共 1240 条')
    expect(session.status?.audit?.firstBroken).toBeNull()
  })

  it('checks the chain when start-up did not', async () => {
    setStatus(null)
    m.auditCheck.mockResolvedValue(INTACT)
    const w = await mountView()
    expect(m.auditCheck).toHaveBeenCalledTimes(1)
    expect(w.get('[data-testid="audit-chain"]').text()).toContain('日志链校验通过，共 1234 条')
    expect(n.showSuccess).not.toHaveBeenCalled()
  })

  it('filters by user, category, kind, number and dates', async () => {
    const w = await mountView()
    const labels = (id: string) =>
      w.getComponent(`[data-testid="${id}"]`).findAllComponents(ElOption).map((o) => o.props('label') as string)
    expect(labels('audit-filter-user')).toEqual(['wang', 'lisi', '系统'])
    expect(labels('audit-filter-action')).toContain('账号管理')
    expect(labels('audit-filter-action')).toContain('锁屏')
    expect(labels('audit-filter-kind')).toContain('账号')
    for (const l of [...labels('audit-filter-action'), ...labels('audit-filter-kind')]) expect(l).toMatch(/[\u4e00-\u9fff]/)
    await choose(w, 'audit-filter-user', 'lisi')
    await choose(w, 'audit-filter-action', 'user')
    await choose(w, 'audit-filter-kind', 'user')
    await w.get('input[data-testid="audit-filter-record-id"]').setValue(' 0193 ')
    const [from, to] = w.findAllComponents(ElDatePicker)
    from!.vm.$emit('update:modelValue', '2026-11-01')
    to!.vm.$emit('update:modelValue', '2026-11-27')
    await flushPromises()
    await w.get('[data-testid="audit-search"]').trigger('click')
    await flushPromises()
    expect(m.auditList).toHaveBeenLastCalledWith({
      username: 'lisi',
      action: 'user',
      recordKind: 'user',
      recordId: '0193',
      from: '2026-11-01',
      to: '2026-11-27',
      page: 1,
      pageSize: 50,
    })
    await w.get('[data-testid="audit-reset"]').trigger('click')
    await flushPromises()
    expect(m.auditList).toHaveBeenLastCalledWith(DEFAULT_FILTER)
  })

  it('shows date errors under the date they are about', async () => {
    const w = await mountView()
    m.auditList.mockRejectedValue({
      code: 'validation.date_order',
      message: '结束日期不能早于开始日期',
      fields: [{ field: 'to', code: 'validation.date_order', message: '结束日期不能早于开始日期' }],
    })
    const [from, to] = w.findAllComponents(ElDatePicker)
    from!.vm.$emit('update:modelValue', '2026-11-20')
    to!.vm.$emit('update:modelValue', '2026-11-01')
    await w.get('[data-testid="audit-search"]').trigger('click')
    await settle()
    expect(errorOf(w, 'to')).toBe('结束日期不能早于开始日期')
    expect(errorOf(w, 'from')).toBe('')
    to!.vm.$emit('update:modelValue', '2026-11-30')
    await settle()
    expect(errorOf(w, 'to')).toBe('')
  })

  it('shows the change as a table of Chinese fields, the changed rows marked', async () => {
    const w = await mountView()
    expect(w.find('[data-testid="audit-changes"]').exists()).toBe(false)
    await w.get('[data-testid="audit-row-detail"]').trigger('click')
    await flushPromises()
    const table = w.get('[data-testid="audit-changes"]')
    expect(table.findAll('th').map((t) => t.text())).toEqual(['字段', '变更前', '变更后'])
    const shown = () => w.findAll('[data-testid="audit-change-row"]').map((r) => r.findAll('td').map((td) => td.text()))
    // Only what changed, each marked, in words rather than codes.
    expect(shown()).toEqual([
      ['启用 已改', '是', '否'],
      ['账号 · 角色 已改', '工作人员', '只读'],
    ])
    expect(w.findAll('tr.is-changed')).toHaveLength(2)
    await w.get('[data-testid="audit-only-changed"] input').setValue(false)
    await flushPromises()
    expect(shown()).toEqual([
      ['启用 已改', '是', '否'],
      ['账号 · 姓名', '李四', '李四'],
      ['账号 · 角色 已改', '工作人员', '只读'],
    ])
    expect(w.text()).not.toContain('"role"')
  })

  it('pages, 50, 100 or 200 a page', async () => {
    m.auditList.mockResolvedValue({ items: ITEMS, total: 10000, totalCapped: true })
    const w = await mountView()
    expect(w.get('[data-testid="audit-total"]').text()).toBe('超过10000条，请缩小筛选范围')
    const pager = w.getComponent(ElPagination)
    pager.vm.$emit('current-change', 3)
    await flushPromises()
    expect(m.auditList).toHaveBeenLastCalledWith({ ...DEFAULT_FILTER, page: 3 })
    pager.vm.$emit('size-change', 200)
    await flushPromises()
    expect(m.auditList).toHaveBeenLastCalledWith({ ...DEFAULT_FILTER, page: 1, pageSize: 200 })
  })

  it('exports the entries of the filter into a chosen folder', async () => {
    m.backupPickFolder.mockResolvedValue('E:\\')
    m.auditExport.mockResolvedValue('E:\\420202001_audit_20261127-140509.xlsx')
    const w = await mountView()
    expect(w.get('[data-testid="audit-export"]').attributes('disabled')).toBeDefined()
    await choose(w, 'audit-filter-action', 'login')
    await w.get('[data-testid="audit-search"]').trigger('click')
    await flushPromises()
    await w.get('[data-testid="audit-pick-folder"]').trigger('click')
    await flushPromises()
    expect(m.backupPickFolder).toHaveBeenCalledTimes(1)
    expect((w.get('input[data-testid="audit-export-folder"]').element as HTMLInputElement).value).toBe('E:\\')
    await w.get('[data-testid="audit-export"]').trigger('click')
    await flushPromises()
    expect(m.auditExport).toHaveBeenCalledWith({ ...DEFAULT_FILTER, action: 'login' }, 'E:\\')
    expect(n.showSuccess).toHaveBeenCalledWith('操作日志已导出：E:\\420202001_audit_20261127-140509.xlsx')
    expect(w.get('[data-testid="audit-export-result"]').text()).toContain('E:\\420202001_audit_20261127-140509.xlsx')
  })

  it('shows a folder that cannot be written under the folder', async () => {
    m.auditExport.mockRejectedValue({
      code: 'validation.folder',
      message: '文件夹不存在或无法写入',
      fields: [{ field: 'folder', code: 'validation.folder', message: '文件夹“Z:\\无”不存在或无法写入' }],
    })
    const w = await mountView()
    await w.get('input[data-testid="audit-export-folder"]').setValue('Z:\\无')
    await w.get('[data-testid="audit-export"]').trigger('click')
    await settle()
    expect(errorOf(w, 'folder')).toBe('文件夹“Z:\\无”不存在或无法写入')
    expect(w.find('[data-testid="audit-export-result"]').exists()).toBe(false)
    expect(n.showSuccess).not.toHaveBeenCalled()
    await w.get('input[data-testid="audit-export-folder"]').setValue('E:\\')
    await settle()
    expect(errorOf(w, 'folder')).toBe('')
  })

  it("shows the core's refusal instead of the log", async () => {
    m.auditList.mockRejectedValue(FORBIDDEN)
    m.auditUsernames.mockRejectedValue(FORBIDDEN)
    const w = await mountView()
    expect(w.get('[data-testid="forbidden"]').text()).toContain('当前账号没有执行此操作的权限。')
    expect(w.find('[data-testid="audit-table"]').exists()).toBe(false)
    expect(w.find('[data-testid="audit-chain"]').exists()).toBe(false)
    expect(n.showError).not.toHaveBeenCalled()
  })

  it('shows other failures as a message', async () => {
    m.auditList.mockRejectedValue({ code: 'store.db', message: '数据库读写失败', fields: [] })
    const w = await mountView()
    expect(n.showError).toHaveBeenCalledWith(expect.objectContaining({ message: '数据库读写失败' }))
    expect(w.find('[data-testid="audit-table"]').exists()).toBe(true)
  })
})
