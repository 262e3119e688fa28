import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { h } from 'vue'
import { RouterView, createMemoryHistory, createRouter, type Router } from 'vue-router'

vi.mock('../api', () => ({
  codeTables: vi.fn(),
  supervisionLevels: vi.fn(),
  supervisionLevelSet: vi.fn(),
}))
vi.mock('../lib/notify', async (orig) => ({
  ...(await orig<typeof import('../lib/notify')>()),
  showSuccess: vi.fn(),
  showError: vi.fn((e: unknown) => e),
  confirmLeaveUnsaved: vi.fn(),
}))

import * as api from '../api'
import * as notify from '../lib/notify'
import type { Role, SupervisionLevel } from '../api/generated'
import SupervisionLevelView from './SupervisionLevelView.vue'
import { resetCodeTables } from '../store/codeTables'
import { resetSession } from '../store/session'
import { realCodeTables } from '../test/codeTables'
import { logIn } from '../test/session'

const m = vi.mocked(api)
const n = vi.mocked(notify)

const LEVELS: SupervisionLevel[] = [
  { code: 'normal', reportsPerMonth: 2, talksPerMonth: 1, educationHours: 8, serviceHours: 8, visitEveryDays: 60 },
  { code: 'lenient', reportsPerMonth: 1, talksPerMonth: 1, educationHours: 4, serviceHours: 4, visitEveryDays: 0 },
  { code: 'strict', reportsPerMonth: 4, talksPerMonth: 2, educationHours: 10, serviceHours: 10, visitEveryDays: 30 },
]

let wrapper: VueWrapper | null = null
let router: Router

async function mountAs(role: Role): Promise<VueWrapper> {
  logIn({ id: 'u1', username: 'u', displayName: '用户', role })
  router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/settings/supervision-levels', name: 'supervision-levels', component: SupervisionLevelView },
      { path: '/', name: 'dashboard', component: { render: () => h('div', { 'data-testid': 'dashboard' }) } },
    ],
  })
  await router.push('/settings/supervision-levels')
  await router.isReady()
  wrapper = mount({ render: () => h('div', [h(RouterView)]) }, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const value = (w: VueWrapper, code: string, key: string) =>
  (w.get(`[data-testid="level-${code}-${key}"] input`).element as HTMLInputElement).value

beforeEach(() => {
  resetSession()
  resetCodeTables()
  vi.clearAllMocks()
  m.codeTables.mockResolvedValue(realCodeTables())
  m.supervisionLevels.mockResolvedValue(structuredClone(LEVELS))
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
})

describe('SupervisionLevelView', () => {
  it('lists the three levels in order, editable by the head', async () => {
    const w = await mountAs('head')
    expect(w.find('[data-testid="supervision-levels-page"]').exists()).toBe(true)
    expect(w.text()).toContain(
      '管理等级的报告、谈话、教育和走访频次按本省规定设置；修改后所有对象的监管提醒立即按新标准计算。仅所长和区局管理员可以修改。',
    )
    expect(['strict', 'normal', 'lenient'].map((c) => w.get(`[data-testid="level-name-${c}"]`).text())).toEqual([
      '严管',
      '普管',
      '宽管',
    ])
    for (const t of ['每月报告次数', '每月谈话次数', '每月教育学习（小时）', '每月公益活动（小时）', '实地查访间隔（天，0为不定期）']) {
      expect(w.text()).toContain(t)
    }
    expect(value(w, 'strict', 'reportsPerMonth')).toBe('4')
    expect(value(w, 'normal', 'visitEveryDays')).toBe('60')
    expect(value(w, 'lenient', 'visitEveryDays')).toBe('0')
    expect(w.text()).not.toContain('strict')
  })

  it('saves one row and says so', async () => {
    m.supervisionLevelSet.mockImplementation(async (l) => ({ ...l }))
    const w = await mountAs('head')
    const input = w.get('[data-testid="level-normal-reportsPerMonth"] input')
    await input.setValue('3')
    await input.trigger('blur')
    await flushPromises()
    await w.get('[data-testid="level-save-normal"]').trigger('click')
    await flushPromises()
    expect(m.supervisionLevelSet).toHaveBeenCalledWith({
      code: 'normal',
      reportsPerMonth: 3,
      talksPerMonth: 1,
      educationHours: 8,
      serviceHours: 8,
      visitEveryDays: 60,
    })
    expect(n.showSuccess).toHaveBeenCalledWith('已保存')
    expect(value(w, 'normal', 'reportsPerMonth')).toBe('3')
  })

  it('shows the core refusal', async () => {
    const refusal = { code: 'auth.forbidden', message: '只有所长可以修改管理等级', fields: [] }
    m.supervisionLevelSet.mockRejectedValue(refusal)
    const w = await mountAs('head')
    await w.get('[data-testid="level-save-strict"]').trigger('click')
    await flushPromises()
    expect(n.showError).toHaveBeenCalledWith(refusal)
    expect(n.showSuccess).not.toHaveBeenCalled()
  })

  it('shows the values read-only to staff', async () => {
    const w = await mountAs('staff')
    expect(w.get('[data-testid="level-strict-reportsPerMonth"]').text()).toBe('4')
    expect(w.find('[data-testid="level-strict-reportsPerMonth"] input').exists()).toBe(false)
    expect(w.find('.el-input-number').exists()).toBe(false)
    expect(w.find('[data-testid="level-save-strict"]').exists()).toBe(false)
    expect(w.get('[data-testid="level-lenient-visitEveryDays"]').text()).toBe('0')
  })

  it('is editable by the district administrator too', async () => {
    m.supervisionLevelSet.mockImplementation(async (l) => ({ ...l }))
    const w = await mountAs('district_admin')
    expect(value(w, 'strict', 'talksPerMonth')).toBe('2')
    await w.get('[data-testid="level-save-strict"]').trigger('click')
    await flushPromises()
    expect(m.supervisionLevelSet).toHaveBeenCalledWith(LEVELS[2])
  })

  it('shows the values read-only to a read-only user', async () => {
    const w = await mountAs('readonly')
    expect(w.find('.el-input-number').exists()).toBe(false)
    expect(w.get('[data-testid="level-normal-visitEveryDays"]').text()).toBe('60')
  })

  it('leaves at once when nothing was changed', async () => {
    await mountAs('head')
    await router.push('/')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/')
    expect(n.confirmLeaveUnsaved).not.toHaveBeenCalled()
  })

  it('asks before leaving with a row changed but not saved, marks the row, and not once it is saved', async () => {
    m.supervisionLevelSet.mockImplementation(async (l) => ({ ...l }))
    const w = await mountAs('head')
    expect(w.find('[data-testid="level-unsaved-lenient"]').exists()).toBe(false)
    const input = w.get('[data-testid="level-lenient-visitEveryDays"] input')
    await input.setValue('90')
    await input.trigger('blur')
    await flushPromises()
    expect(w.get('[data-testid="level-unsaved-lenient"]').text()).toBe('未保存')
    expect(w.find('[data-testid="level-unsaved-normal"]').exists()).toBe(false)

    n.confirmLeaveUnsaved.mockResolvedValue(false)
    await router.push('/')
    await flushPromises()
    expect(n.confirmLeaveUnsaved).toHaveBeenCalledWith('本页')
    expect(router.currentRoute.value.path).toBe('/settings/supervision-levels')
    expect(value(w, 'lenient', 'visitEveryDays')).toBe('90')

    await w.get('[data-testid="level-save-lenient"]').trigger('click')
    await flushPromises()
    expect(m.supervisionLevelSet).toHaveBeenCalledWith(expect.objectContaining({ code: 'lenient', visitEveryDays: 90 }))
    expect(w.find('[data-testid="level-unsaved-lenient"]').exists()).toBe(false)
    await router.push('/')
    await flushPromises()
    expect(n.confirmLeaveUnsaved).toHaveBeenCalledTimes(1)
    expect(router.currentRoute.value.path).toBe('/')
  })

  it('a row saved keeps the edits of another row unsaved; leaving after 离开 goes', async () => {
    m.supervisionLevelSet.mockImplementation(async (l) => ({ ...l }))
    const w = await mountAs('head')
    const strict = w.get('[data-testid="level-strict-reportsPerMonth"] input')
    await strict.setValue('5')
    await strict.trigger('blur')
    const normal = w.get('[data-testid="level-normal-talksPerMonth"] input')
    await normal.setValue('2')
    await normal.trigger('blur')
    await flushPromises()
    await w.get('[data-testid="level-save-normal"]').trigger('click')
    await flushPromises()
    expect(value(w, 'strict', 'reportsPerMonth')).toBe('5')
    expect(w.find('[data-testid="level-unsaved-strict"]').exists()).toBe(true)
    expect(w.find('[data-testid="level-unsaved-normal"]').exists()).toBe(false)

    n.confirmLeaveUnsaved.mockResolvedValue(true)
    await router.push('/')
    await flushPromises()
    expect(n.confirmLeaveUnsaved).toHaveBeenCalledTimes(1)
    expect(router.currentRoute.value.path).toBe('/')
  })

  it('an edit still being typed counts when leaving', async () => {
    const w = await mountAs('head')
    const input = w.get('[data-testid="level-normal-serviceHours"] input')
    ;(input.element as HTMLInputElement).focus()
    await input.setValue('12')
    n.confirmLeaveUnsaved.mockResolvedValue(false)
    await router.push('/')
    await flushPromises()
    expect(n.confirmLeaveUnsaved).toHaveBeenCalledWith('本页')
    expect(router.currentRoute.value.path).toBe('/settings/supervision-levels')
  })
})
