import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { ElDatePicker, ElSelect } from 'element-plus'

vi.mock('../api', () => ({ districtStatistics: vi.fn(), districtReport: vi.fn(), batchPickFolder: vi.fn() }))
vi.mock('../lib/notify', async (orig) => (await import('../test/notify')).mockNotify(orig, ['showSuccess', 'showError']))

import * as api from '../api'
import * as notify from '../lib/notify'
import type { DistrictStatistics, StatTable } from '../api/generated'
import DistrictStatisticsView from './DistrictStatisticsView.vue'
import { resetSession, session } from '../store/session'
import { errorOf, settle } from '../test/formItems'
import { mountScreen, unmountScreen } from '../test/mountScreen'
import { DISTRICT, readyStatus } from '../test/session'

const m = vi.mocked(api)
const n = vi.mocked(notify)
const table = (kind: StatTable['kind'], title: string, rows: [string, number, boolean][]): StatTable => ({
  kind,
  sheet: kind === 'mediation' ? '调解统计' : kind === 'legalAid' ? '法援统计' : '矫正统计',
  title,
  rowHeader: kind === 'mediation' ? '调委会' : '项目',
  columns: [
    { key: 'accepted', label: '合计', group: '受理（件）', format: 'count' },
    { key: 'successRate', label: '成功率', group: null, format: 'percent' },
  ],
  rows: rows.map(([label, v, total]) => ({ label, values: [v, 0.5], total })),
  notes: ['全区数字为各所之和。'],
})

function stats(period: string, over: Partial<DistrictStatistics> = {}): DistrictStatistics {
  const label = period.includes('Q') ? '2026年第四季度' : period.length === 4 ? '2026年' : '2026年10月'
  return {
    period,
    periodLabel: label,
    districtName: '黄石港区司法局',
    district: [
      table('mediation', `人民调解工作统计表（${label}）`, [['合计', 52, true]]),
      table('legalAid', `法律援助工作统计表（${label}）`, [['本月', 12, true]]),
    ],
    offices: [
      { office: { code: '420202001', name: '石港镇司法所', shortName: '石港' }, tables: [table('mediation', '石港 人民调解工作统计表', [['合计', 30, true]])] },
      { office: { code: '420202002', name: '花湖司法所', shortName: '花湖' }, tables: [table('mediation', '花湖 人民调解工作统计表', [['合计', 22, true]])] },
    ],
    byOffice: [
      table('mediation', '人民调解工作分所汇总表', [
        ['石港镇司法所', 30, false],
        ['花湖司法所', 22, false],
        ['全区合计', 52, true],
      ]),
    ],
    mismatches: [],
    withoutSheet: [],
    ...over,
  }
}

const mountView = () => mountScreen(DistrictStatisticsView)

async function openTab(w: VueWrapper, name: string) {
  await w.get(`[data-testid="stats-tabs"] #tab-${name}`).trigger('click')
  await flushPromises()
}

beforeEach(() => {
  resetSession()
  vi.clearAllMocks()
  session.status = readyStatus({ office: DISTRICT, version: '' })
  m.districtStatistics.mockImplementation(async (p) => stats(p))
})

afterEach(unmountScreen)

describe('DistrictStatisticsView: periods', () => {
  it('shows last month by default, and builds the keys of a quarter and a year', async () => {
    const w = await mountView()
    expect(m.districtStatistics).toHaveBeenCalledWith('2026-10')
    expect((w.get('[data-testid="stats-period"] input').element as HTMLInputElement).value).toBe('2026年10月')

    await w.get('[data-testid="stats-period-kind-quarter"] input').setValue(true)
    await flushPromises()
    expect(m.districtStatistics).toHaveBeenLastCalledWith('2026-Q4')
    w.findComponent(ElSelect).vm.$emit('update:modelValue', 2)
    await flushPromises()
    expect(m.districtStatistics).toHaveBeenLastCalledWith('2026-Q2')

    await w.get('[data-testid="stats-period-kind-year"] input').setValue(true)
    await flushPromises()
    expect(m.districtStatistics).toHaveBeenLastCalledWith('2026')
    w.findComponent(ElDatePicker).vm.$emit('update:modelValue', '2025')
    await flushPromises()
    expect(m.districtStatistics).toHaveBeenLastCalledWith('2025')

    await w.get('[data-testid="stats-period-kind-month"] input').setValue(true)
    await flushPromises()
    expect(m.districtStatistics).toHaveBeenLastCalledWith('2026-10')
    w.findComponent(ElDatePicker).vm.$emit('update:modelValue', '2026-07')
    await flushPromises()
    expect(m.districtStatistics).toHaveBeenLastCalledWith('2026-07')
    // the quarter follows the month chosen
    await w.get('[data-testid="stats-period-kind-quarter"] input').setValue(true)
    await flushPromises()
    expect(m.districtStatistics).toHaveBeenLastCalledWith('2026-Q3')
  })

  it('disables the months and years after this one', async () => {
    const w = await mountView()
    const month = w.findComponent(ElDatePicker).props('disabledDate') as (d: Date) => boolean
    expect(month(new Date(2026, 10, 1))).toBe(false)
    expect(month(new Date(2026, 11, 1))).toBe(true)
    await w.get('[data-testid="stats-period-kind-year"] input').setValue(true)
    await flushPromises()
    const year = w.findComponent(ElDatePicker).props('disabledDate') as (d: Date) => boolean
    expect(year(new Date(2026, 0, 1))).toBe(false)
    expect(year(new Date(2027, 0, 1))).toBe(true)
  })

  it('shows a refused period on its field', async () => {
    const refusal = {
      code: 'validation',
      message: '统计期间不能晚于本月',
      fields: [{ field: 'period', code: 'validation.report_period_future', message: '统计期间不能晚于本月' }],
    }
    m.districtStatistics.mockRejectedValueOnce(refusal)
    const w = await mountView()
    await settle()
    expect(n.showError).toHaveBeenCalledWith(refusal)
    expect(errorOf(w, 'period')).toBe('统计期间不能晚于本月')
    expect(w.find('[data-testid="stats-tabs"]').exists()).toBe(false)
  })
})

describe('DistrictStatisticsView: tables', () => {
  it('shows the district tables, the offices side by side and each office', async () => {
    const w = await mountView()
    expect(w.get('[data-testid="stats-district-title-mediation"]').text()).toBe('人民调解工作统计表（2026年10月）')
    expect(w.get('[data-testid="stats-district-title-legalAid"]').text()).toBe('法律援助工作统计表（2026年10月）')
    const t = w.get('[data-testid="stats-district-mediation"]')
    const headerRows = t.findAll('.el-table__header-wrapper thead tr')
    expect(headerRows[0]!.findAll('th').map((th) => th.text())).toEqual(['调委会', '受理（件）', '成功率'])
    expect(t.findAll('.el-table__body-wrapper tbody tr')[0]!.findAll('td').map((td) => td.text())).toEqual(['合计', '52', '50.0%'])
    expect(w.get('[data-testid="stats-district-notes-mediation"]').text()).toContain('口径说明')

    await openTab(w, 'offices')
    const by = w.get('[data-testid="stats-offices-mediation"]')
    expect(by.findAll('.el-table__body-wrapper tbody tr').map((r) => r.findAll('td')[0]!.text())).toEqual([
      '石港镇司法所',
      '花湖司法所',
      '全区合计',
    ])

    await openTab(w, 'office')
    expect(w.get('[data-testid="stats-office-title-mediation"]').text()).toBe('石港 人民调解工作统计表')
    w.findAllComponents(ElSelect).at(-1)!.vm.$emit('update:modelValue', '420202002')
    await flushPromises()
    expect(w.get('[data-testid="stats-office-title-mediation"]').text()).toBe('花湖 人民调解工作统计表')
  })

  it('says when every office\'s sheet agrees with its rows', async () => {
    const w = await mountView()
    await openTab(w, 'check')
    expect(w.get('[data-testid="stats-check-ok"]').text()).toContain('各所统计表与台账一致')
    expect(w.find('[data-testid="stats-mismatches"]').exists()).toBe(false)
  })

  it('lists the mismatches and the offices without a sheet', async () => {
    m.districtStatistics.mockImplementation(async (p) =>
      stats(p, {
        mismatches: [
          {
            officeCode: '420202001',
            officeName: '石港镇司法所',
            period: '2026-10',
            sheet: '调解统计',
            row: '合计',
            column: '受理（件）·合计',
            sheetValue: '31',
            rowsValue: '30',
          },
        ],
        withoutSheet: ['陈家湾司法所'],
      }),
    )
    const w = await mountView()
    await openTab(w, 'check')
    expect(w.find('[data-testid="stats-check-ok"]').exists()).toBe(false)
    const table = w.get('[data-testid="stats-mismatches"]')
    expect(table.findAll('.el-table__header-wrapper th').map((th) => th.text())).toEqual([
      '司法所',
      '月份',
      '统计表',
      '行',
      '列',
      '报表数',
      '台账数',
    ])
    expect(table.findAll('.el-table__body-wrapper tbody tr')[0]!.findAll('td').map((td) => td.text())).toEqual([
      '石港镇司法所',
      '2026年10月',
      '调解统计',
      '合计',
      '受理（件）·合计',
      '31',
      '30',
    ])
    expect(w.get('[data-testid="stats-without-sheet"]').text()).toBe('陈家湾司法所')
  })

  it('does not check quarters and years', async () => {
    const w = await mountView()
    await w.get('[data-testid="stats-period-kind-quarter"] input').setValue(true)
    await flushPromises()
    await openTab(w, 'check')
    expect(w.get('[data-testid="stats-check-na"]').text()).toContain('季度、年度统计不做此项核对')
    expect(w.find('[data-testid="stats-check-ok"]').exists()).toBe(false)
  })
})

describe('DistrictStatisticsView: export', () => {
  it('exports the workbook of the period into the folder chosen, and shows where', async () => {
    m.batchPickFolder.mockResolvedValueOnce('E:\\汇总')
    m.districtReport.mockResolvedValue({ path: 'E:\\汇总\\420202_202610_district.xlsx', period: '2026-10', offices: 13 })
    const w = await mountView()
    const exportButton = w.get('[data-testid="report-export"]')
    expect(exportButton.attributes('disabled')).toBeDefined()
    await w.get('[data-testid="report-pick-folder"]').trigger('click')
    await flushPromises()
    expect(m.batchPickFolder).toHaveBeenCalledWith(null)
    expect((w.get('input[data-testid="report-folder"]').element as HTMLInputElement).value).toBe('E:\\汇总')
    await w.get('[data-testid="report-export"]').trigger('click')
    await flushPromises()
    expect(m.districtReport).toHaveBeenCalledWith('2026-10', 'E:\\汇总')
    expect(w.get('[data-testid="report-result"]').text()).toContain('E:\\汇总\\420202_202610_district.xlsx')
    expect(n.showSuccess).toHaveBeenCalled()
  })

  it('shows a refused folder on its field', async () => {
    const refusal = {
      code: 'batch.folder',
      message: '无法写入所选文件夹',
      fields: [{ field: 'folder', code: 'batch.folder', message: '无法写入所选文件夹' }],
    }
    m.districtReport.mockRejectedValue(refusal)
    const w = await mountView()
    await w.get('input[data-testid="report-folder"]').setValue('Z:\\')
    await w.get('[data-testid="report-export"]').trigger('click')
    await settle()
    expect(errorOf(w, 'folder')).toBe('无法写入所选文件夹')
    expect(errorOf(w, 'period')).toBe('')
    expect(w.find('[data-testid="report-result"]').exists()).toBe(false)
    await w.get('input[data-testid="report-folder"]').setValue('E:\\')
    await settle()
    expect(errorOf(w, 'folder')).toBe('')
  })
})
