import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'

vi.mock('../api', () => ({ duplicates: vi.fn(), duplicateDecide: vi.fn() }))
vi.mock('../lib/notify', async (orig) => (await import('../test/notify')).mockNotify(orig, ['showSuccess', 'showError']))

import * as api from '../api'
import * as notify from '../lib/notify'
import type { DuplicateItem } from '../api/generated'
import DuplicatesView from './DuplicatesView.vue'
import { mountScreen, unmountScreen } from '../test/mountScreen'

const m = vi.mocked(api)
const n = vi.mocked(notify)

function item(over: Partial<DuplicateItem> = {}): DuplicateItem {
  return {
    firstId: 's-1',
    secondId: 's-2',
    kind: 'correction_subject',
    reason: '身份证号相同的矫正对象',
    decision: null,
    decidedBy: null,
    decidedAt: null,
    foundAt: '2026-11-27T10:15:00+08:00',
    first: { officeCode: '420202001', officeName: '石港镇司法所', label: '420202001-2026-003 王五' },
    second: { officeCode: '420202002', officeName: '花湖司法所', label: '420202002-2026-001 王五' },
    ...over,
  }
}

const DECIDED = item({
  firstId: 'c-1',
  secondId: 'c-2',
  kind: 'mediation_case',
  reason: '当事人和受理日期相同的调解案件',
  decision: 'different',
  decidedBy: '李科长',
  decidedAt: '2026-11-26T16:40:00+08:00',
})

const mountView = () => mountScreen(DuplicatesView)

beforeEach(() => {
  vi.clearAllMocks()
})

afterEach(unmountScreen)

describe('DuplicatesView', () => {
  it('lists the pairs with their kinds in Chinese, both records and the decision', async () => {
    m.duplicates.mockResolvedValue([item(), DECIDED, item({ firstId: 'e-1', secondId: 'e-2', kind: 'legal_aid_application', reason: '同一申请人同日提出的法律援助申请', second: null })])
    const w = await mountView()
    const table = w.get('[data-testid="duplicates-table"]')
    expect(table.findAll('.el-table__header-wrapper th').map((t) => t.text())).toEqual(['类别', '原因', '记录一', '记录二', '发现时间', '判断'])
    expect(w.findAll('[data-testid="duplicate-kind"]').map((e) => e.text())).toEqual(['矫正对象', '调解案件', '法援申请'])
    const rows = table.findAll('.el-table__body-wrapper tbody tr')
    const cells = rows[0]!.findAll('td').map((td) => td.text())
    expect(cells.slice(0, 5)).toEqual([
      '矫正对象',
      '身份证号相同的矫正对象',
      '石港镇司法所420202001-2026-003 王五',
      '花湖司法所420202002-2026-001 王五',
      '2026-11-27 10:15',
    ])
    expect(rows[0]!.get('[data-testid="dup-same"]').text()).toBe('是同一人/同一事项')
    expect(rows[0]!.get('[data-testid="dup-different"]').text()).toBe('不是重复')
    // a decided pair says so instead of offering the buttons
    expect(rows[1]!.find('[data-testid="dup-same"]').exists()).toBe(false)
    expect(rows[1]!.findAll('[data-testid="duplicate-decision"] > div').map((d) => d.text())).toEqual([
      '已判断：不是重复',
      '李科长 2026-11-26 16:40',
    ])
    expect(rows[2]!.findAll('[data-testid="duplicate-second"]').map((e) => e.text())).toEqual(['（记录已删除）'])
    expect(w.text()).toContain('待判断 2 对')
  })

  it('records a decision and reloads the list', async () => {
    m.duplicates.mockResolvedValueOnce([item()]).mockResolvedValueOnce([item({ decision: 'same', decidedBy: '李科长', decidedAt: '2026-11-27T11:00:00+08:00' })])
    m.duplicateDecide.mockResolvedValue(null)
    const w = await mountView()
    await w.get('[data-testid="dup-same"]').trigger('click')
    await flushPromises()
    expect(m.duplicateDecide).toHaveBeenCalledWith('s-1', 's-2', 'same')
    expect(m.duplicates).toHaveBeenCalledTimes(2)
    expect(n.showSuccess).toHaveBeenCalledWith('已记录：是同一人/同一事项')
    expect(w.get('[data-testid="duplicate-decision"]').text()).toContain('已判断：是同一人/同一事项')
  })

  it('records 不是重复', async () => {
    m.duplicates.mockResolvedValue([item()])
    m.duplicateDecide.mockResolvedValue(null)
    const w = await mountView()
    await w.get('[data-testid="dup-different"]').trigger('click')
    await flushPromises()
    expect(m.duplicateDecide).toHaveBeenCalledWith('s-1', 's-2', 'different')
  })

  it('shows a refused decision', async () => {
    m.duplicates.mockResolvedValue([item()])
    const failure = { code: 'auth.forbidden', message: '没有权限', fields: [] }
    m.duplicateDecide.mockRejectedValue(failure)
    const w = await mountView()
    await w.get('[data-testid="dup-same"]').trigger('click')
    await flushPromises()
    expect(n.showError).toHaveBeenCalledWith(failure)
    expect(w.get('[data-testid="dup-same"]').attributes('disabled')).toBeUndefined()
  })

  it('says when there are no likely duplicates', async () => {
    m.duplicates.mockResolvedValue([])
    const w = await mountView()
    expect(w.get('[data-testid="duplicates-table"]').text()).toContain('没有疑似重复的记录')
  })
})
