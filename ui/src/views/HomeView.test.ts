import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { h } from 'vue'

vi.mock('./DashboardView.vue', () => ({ default: { render: () => h('div', { 'data-testid': 'dashboard-page' }) } }))
vi.mock('./DistrictDashboardView.vue', () => ({ __esModule: true, default: { render: () => h('div', { 'data-testid': 'district-dashboard-page' }) } }))

import type { Mode } from '../api/generated'
import HomeView from './HomeView.vue'
import { isDistrict, resetSession, session } from '../store/session'
import { readyStatus } from '../test/session'

let wrapper: VueWrapper | null = null

function setMode(mode: Mode) {
  session.status = readyStatus({
    office: { code: '420202', name: '某单位', shortName: '某', district: '黄石港区', mode },
    version: '',
  })
}

beforeEach(resetSession)
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
})

describe('HomeView', () => {
  it("shows the office's 工作台 in township mode", async () => {
    setMode('township')
    expect(isDistrict()).toBe(false)
    wrapper = mount(HomeView)
    await flushPromises()
    expect(wrapper.find('[data-testid="dashboard-page"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="district-dashboard-page"]').exists()).toBe(false)
  })

  it("shows the district's 工作台 in district mode", async () => {
    setMode('district')
    expect(isDistrict()).toBe(true)
    wrapper = mount(HomeView)
    await flushPromises()
    await new Promise((r) => setTimeout(r, 0))
    await flushPromises()
    expect(wrapper.find('[data-testid="district-dashboard-page"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="dashboard-page"]').exists()).toBe(false)
  })

  it('is not in district mode before the office is known', () => {
    expect(isDistrict()).toBe(false)
  })

  it('warns on either 工作台 when the audit chain was found broken', async () => {
    for (const mode of ['township', 'district'] as const) {
      setMode(mode)
      session.status = { ...session.status!, audit: { entries: 40, firstBroken: 17, reason: '第17条操作日志的内容被改动过' } }
      wrapper = mount(HomeView)
      await flushPromises()
      await new Promise((r) => setTimeout(r, 0))
      await flushPromises()
      const warning = wrapper.get('[data-testid="audit-warning"]')
      expect(warning.text(), mode).toContain('操作日志校验未通过：第17条操作日志的内容被改动过。请所长在“操作日志”中核查。')
      expect(warning.find('.el-alert--error').exists() || warning.classes().includes('el-alert--error'), mode).toBe(true)
      expect(wrapper.find(mode === 'district' ? '[data-testid="district-dashboard-page"]' : '[data-testid="dashboard-page"]').exists()).toBe(true)
      wrapper.unmount()
      wrapper = null
    }
  })

  it('does not warn when the chain is intact or was not checked', async () => {
    setMode('township')
    session.status = { ...session.status!, audit: { entries: 40, firstBroken: null, reason: null } }
    wrapper = mount(HomeView)
    await flushPromises()
    expect(wrapper.find('[data-testid="audit-warning"]').exists()).toBe(false)
    wrapper.unmount()
    session.status = { ...session.status!, audit: null }
    wrapper = mount(HomeView)
    await flushPromises()
    expect(wrapper.find('[data-testid="audit-warning"]').exists()).toBe(false)
  })

  it("warns when the computer's clock was behind the log at start-up, and not otherwise", async () => {
    setMode('township')
    const message = '电脑的当前时间（2026-11-27 09:00）早于最近一次操作的记录时间（2026-11-27 10:30），请核对电脑的日期和时间后再登记。'
    session.status = {
      ...session.status!,
      clock: { kind: 'behind', now: '2026-11-27T09:00:00+08:00', lastEntrySeq: 40, lastEntryAt: '2026-11-27T10:30:00+08:00', message },
    }
    wrapper = mount(HomeView)
    await flushPromises()
    expect(wrapper.get('[data-testid="clock-warning"]').text()).toContain(message)
    wrapper.unmount()
    session.status = { ...session.status!, clock: null }
    wrapper = mount(HomeView)
    await flushPromises()
    expect(wrapper.find('[data-testid="clock-warning"]').exists()).toBe(false)
  })
})
