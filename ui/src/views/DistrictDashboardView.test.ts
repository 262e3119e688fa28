import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'

const chart = vi.hoisted(() => ({ setOption: vi.fn(), resize: vi.fn(), dispose: vi.fn() }))
vi.mock('echarts/core', () => ({ use: vi.fn(), init: vi.fn(() => chart) }))
vi.mock('echarts/charts', () => ({ LineChart: {}, BarChart: {}, PieChart: {} }))
vi.mock('echarts/components', () => ({ GridComponent: {}, TooltipComponent: {}, LegendComponent: {}, TitleComponent: {} }))
vi.mock('echarts/renderers', () => ({ CanvasRenderer: {} }))
vi.mock('../api', () => ({ districtDashboard: vi.fn() }))
vi.mock('../lib/notify', async (orig) => (await import('../test/notify')).mockNotify(orig, ['showError']))

import * as api from '../api'
import * as echarts from 'echarts/core'
import type { DistrictDashboard } from '../api/generated'
import DistrictDashboardView from './DistrictDashboardView.vue'
import { mountScreen, routerAt, unmountScreen } from '../test/mountScreen'

const m = vi.mocked(api)

function dashboard(over: Partial<DistrictDashboard> = {}): DistrictDashboard {
  return {
    districtName: '黄石港区司法局',
    offices: 13,
    months: ['2026-09', '2026-10', '2026-11'],
    monthLabels: ['2026年9月', '2026年10月', '2026年11月'],
    trend: [
      { key: 'case', name: '调解受理', unit: '件', values: [40, 52, 7] },
      { key: 'consultation', name: '法律咨询', unit: '次', values: [30, 31, 4] },
      { key: 'application', name: '法援申请', unit: '件', values: [12, 9, 1] },
      { key: 'correction', name: '社区矫正在册', unit: '人', values: [60, 62, 62] },
    ],
    officeNames: ['石港', '汪仁'],
    byOffice: [
      { key: 'case', name: '调解受理', unit: '件', values: [30, 22] },
      { key: 'correction', name: '社区矫正在册', unit: '人', values: [5, 4] },
    ],
    yearLabel: '2026年',
    disputeMix: [
      { name: '婚姻家庭纠纷', value: 10 },
      { name: '邻里纠纷', value: 30 },
    ],
    correctionTypes: [
      { name: '缓刑', value: 50 },
      { name: '假释', value: 12 },
    ],
    correctionAsOf: '2026年10月',
    submissions: { period: '2026-10', periodLabel: '2026年10月', received: 10, late: 1, resent: 1, rejected: 1, missing: 0, notDue: 0, notStarted: 0 },
    undecidedDuplicates: 3,
    pendingEvents: 0,
    ...over,
  }
}

async function mountView(): Promise<VueWrapper> {
  const router = await routerAt('/', [{ path: '/:p(.*)*', component: { render: () => null } }])
  return mountScreen(DistrictDashboardView, { router })
}

const cells = (w: VueWrapper, testid: string) =>
  w.get(`[data-testid="${testid}"]`).findAll('.el-table__body-wrapper tbody tr').map((tr) => tr.findAll('td').map((td) => td.text()))
const headers = (w: VueWrapper, testid: string) =>
  w.get(`[data-testid="${testid}"]`).findAll('.el-table__header-wrapper th').map((th) => th.text())

beforeEach(() => {
  vi.clearAllMocks()
})

afterEach(unmountScreen)

describe('DistrictDashboardView', () => {
  it('shows the register, last month\'s submissions and what waits for a decision', async () => {
    m.districtDashboard.mockResolvedValue(dashboard())
    const w = await mountView()
    expect(w.get('[data-testid="district-count-offices"]').text()).toBe('13')
    const card = w.get('[data-testid="district-submissions-card"]')
    expect(card.text()).toContain('2026年10月报送情况')
    expect(w.get('[data-testid="district-submission-received"]').text().replace(/\s+/g, '')).toBe('已报10')
    expect(w.get('[data-testid="district-submission-late"]').text().replace(/\s+/g, '')).toBe('逾期1')
    expect(w.get('[data-testid="district-submission-resent"]').text().replace(/\s+/g, '')).toBe('重报1')
    expect(w.get('[data-testid="district-submission-rejected"]').text().replace(/\s+/g, '')).toBe('退回1')
    expect(w.get('[data-testid="district-submission-missing"]').text().replace(/\s+/g, '')).toBe('缺报0')
    expect(w.get('[data-testid="district-submission-notDue"]').text().replace(/\s+/g, '')).toBe('未到期0')
    expect(w.get('[data-testid="district-link-submissions"]').attributes('href')).toContain('/district/submissions')
    expect(w.get('[data-testid="district-count-duplicates"]').text()).toBe('3')
    expect(w.get('[data-testid="district-link-duplicates"]').attributes('href')).toContain('/district/duplicates')
    // no card for pending events while there are none
    expect(w.find('[data-testid="district-pending-card"]').exists()).toBe(false)
  })

  it('shows the pending correction events when there are some', async () => {
    m.districtDashboard.mockResolvedValue(dashboard({ pendingEvents: 4 }))
    const w = await mountView()
    expect(w.get('[data-testid="district-count-pending"]').text()).toBe('4')
    expect(w.get('[data-testid="district-pending-card"]').text()).toContain('待归入的矫正事件')
  })

  it('draws four charts, each with the same numbers in a table below it', async () => {
    m.districtDashboard.mockResolvedValue(dashboard())
    const w = await mountView()
    for (const id of ['chart-trend', 'chart-offices', 'chart-disputes', 'chart-correction']) {
      expect(w.find(`[data-testid="${id}"]`).exists(), id).toBe(true)
      expect(w.find(`[data-testid="${id}-table"]`).exists(), `${id}-table`).toBe(true)
    }
    expect(vi.mocked(echarts.init)).toHaveBeenCalledTimes(4)
    expect(chart.setOption).toHaveBeenCalledTimes(4)
    // the table follows its chart
    const trend = w.get('[data-testid="chart-trend"]').element
    expect(trend.nextElementSibling?.getAttribute('data-testid')).toBe('chart-trend-table')

    expect(headers(w, 'chart-trend-table')).toEqual(['月份', '调解受理（件）', '法律咨询（次）', '法援申请（件）', '社区矫正在册（人）'])
    expect(cells(w, 'chart-trend-table')).toEqual([
      ['2026年9月', '40', '30', '12', '60'],
      ['2026年10月', '52', '31', '9', '62'],
      ['2026年11月', '7', '4', '1', '62'],
    ])
    expect(headers(w, 'chart-offices-table')).toEqual(['司法所', '调解受理（件）', '社区矫正在册（人）'])
    expect(cells(w, 'chart-offices-table')).toEqual([
      ['石港', '30', '5'],
      ['汪仁', '22', '4'],
      ['合计', '52', '9'],
    ])
    expect(cells(w, 'chart-disputes-table')).toEqual([
      ['邻里纠纷', '30', '75.0%'],
      ['婚姻家庭纠纷', '10', '25.0%'],
      ['合计', '40', '100.0%'],
    ])
    expect(cells(w, 'chart-correction-table')).toEqual([
      ['缓刑', '50'],
      ['假释', '12'],
      ['合计', '62'],
    ])
    const text = w.text()
    expect(text).toContain('月度趋势')
    expect(text).toContain('各所对比（2026年）')
    expect(text).toContain('纠纷类型构成（2026年）')
    expect(text).toContain('社区矫正在册（按类型，2026年10月末）')
  })

  it('says to import batches when there is nothing to draw', async () => {
    m.districtDashboard.mockResolvedValue(
      dashboard({
        offices: 0,
        trend: [{ key: 'case', name: '调解受理', unit: '件', values: [0, 0, 0] }],
        officeNames: [],
        byOffice: [],
        disputeMix: [],
        correctionTypes: [],
        undecidedDuplicates: 0,
      }),
    )
    const w = await mountView()
    for (const id of ['chart-trend', 'chart-offices', 'chart-disputes', 'chart-correction']) {
      expect(w.find(`[data-testid="${id}"]`).exists(), id).toBe(false)
      expect(w.find(`[data-testid="${id}-table"]`).exists()).toBe(false)
      expect(w.get(`[data-testid="${id}-empty"]`).text()).toContain('暂无数据，请先导入报送文件')
    }
    expect(vi.mocked(echarts.init)).not.toHaveBeenCalled()
  })

  it('shows a failure to load', async () => {
    const { showError } = await import('../lib/notify')
    const failure = { code: 'store', message: '读取失败', fields: [] }
    m.districtDashboard.mockRejectedValue(failure)
    const w = await mountView()
    expect(vi.mocked(showError)).toHaveBeenCalledWith(failure)
    expect(w.find('[data-testid="chart-trend"]').exists()).toBe(false)
  })
})
