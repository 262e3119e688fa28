import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { ElInputNumber } from 'element-plus'
import { h } from 'vue'
import { RouterView, type Router } from 'vue-router'

vi.mock('../api', () => ({
  settingsGet: vi.fn(),
  settingsSave: vi.fn(),
  appStatus: vi.fn(),
  officeUpdate: vi.fn(),
  codeTables: vi.fn(),
}))
vi.mock('../lib/notify', async (orig) =>
  (await import('../test/notify')).mockNotify(orig, ['showSuccess', 'showError', 'confirmLeaveUnsaved']),
)

import * as api from '../api'
import * as notify from '../lib/notify'
import type { AppStatus, Office, User } from '../api/generated'
import SettingsView from './SettingsView.vue'
import { resetCodeTables } from '../store/codeTables'
import { office, resetSession, session } from '../store/session'
import { realCodeTables } from '../test/codeTables'
import { errorOf, settle } from '../test/formItems'
import { mountScreen, routerAt, unmountScreen } from '../test/mountScreen'
import { DISTRICT, readyStatus } from '../test/session'

const m = vi.mocked(api)
const n = vi.mocked(notify)
const user: User = { id: 'u1', username: 'wang', displayName: '王所长', role: 'head' }
const FORBIDDEN = { code: 'auth.forbidden', message: '当前账号没有执行此操作的权限。', fields: [] }

const OFFICE: Office = { code: '420202001', name: '石港镇司法所', shortName: '石港', district: '黄石港区', mode: 'township' }

const status = (idleSeconds: number, at: Office = OFFICE): AppStatus =>
  readyStatus({
    office: { ...at },
    user,
    session: { user, locked: false, mustChangePassword: false, idleSeconds },
    version: '',
  })

let router: Router

/** The screen on its route (leaving it asks when something is unsaved). */
async function mountView(): Promise<VueWrapper> {
  router = await routerAt('/settings/system', [
    { path: '/settings/system', component: SettingsView },
    { path: '/', component: { render: () => h('div', { 'data-testid': 'dashboard' }) } },
  ])
  return mountScreen(RouterView, { router })
}

const inputOf = (w: VueWrapper, testid: string) => w.get(`[data-testid="${testid}"]`).element as HTMLInputElement

const numbers = (w: VueWrapper) => w.findAllComponents(ElInputNumber)

async function setNumber(w: VueWrapper, index: number, value: number | null) {
  numbers(w)[index]!.vm.$emit('update:modelValue', value)
  await flushPromises()
}

beforeEach(() => {
  resetSession()
  resetCodeTables()
  vi.clearAllMocks()
  m.codeTables.mockResolvedValue(realCodeTables())
  session.status = status(600)
  session.user = user
  session.idleSeconds = 600
  m.settingsGet.mockResolvedValue({ idleMinutes: 10, backupKeep: 14 })
})

afterEach(unmountScreen)

describe('SettingsView', () => {
  it('shows the settings and saves them; the idle timer takes the new time', async () => {
    m.settingsSave.mockImplementation(async (input) => input)
    m.appStatus.mockResolvedValue(status(1800))
    const w = await mountView()
    expect(numbers(w).map((c) => c.props('modelValue'))).toEqual([10, 14])
    expect((w.get('[data-testid="settings-idle-minutes"] input').element as HTMLInputElement).value).toBe('10')
    expect((w.get('[data-testid="settings-backup-keep"] input').element as HTMLInputElement).value).toBe('14')
    expect(w.get('[data-testid="field-idleMinutes"]').text()).toContain('自动锁屏时间（分钟）')
    expect(w.get('[data-testid="field-backupKeep"]').text()).toContain('保留备份份数')
    await setNumber(w, 0, 30)
    await setNumber(w, 1, 20)
    await w.get('[data-testid="settings-save"]').trigger('click')
    await flushPromises()
    expect(m.settingsSave).toHaveBeenCalledWith({ idleMinutes: 30, backupKeep: 20 })
    expect(n.showSuccess).toHaveBeenCalledWith('系统设置已保存')
    expect(m.appStatus).toHaveBeenCalledTimes(1)
    expect(session.idleSeconds).toBe(1800)
  })

  it("shows the core's range errors under their fields", async () => {
    m.settingsSave.mockRejectedValue({
      code: 'validation.range',
      message: '自动锁屏时间须在1至120分钟之间',
      fields: [
        { field: 'idleMinutes', code: 'validation.range', message: '自动锁屏时间须在1至120分钟之间' },
        { field: 'backupKeep', code: 'validation.range', message: '保留备份份数须在3至100之间' },
      ],
    })
    const w = await mountView()
    await setNumber(w, 0, 0)
    await setNumber(w, 1, 200)
    await w.get('[data-testid="settings-save"]').trigger('click')
    await settle()
    expect(errorOf(w, 'idleMinutes')).toBe('自动锁屏时间须在1至120分钟之间')
    expect(errorOf(w, 'backupKeep')).toBe('保留备份份数须在3至100之间')
    expect(n.showSuccess).not.toHaveBeenCalled()
    expect(m.appStatus).not.toHaveBeenCalled()
    await setNumber(w, 0, 15)
    await settle()
    expect(errorOf(w, 'idleMinutes')).toBe('')
    expect(errorOf(w, 'backupKeep')).toBe('保留备份份数须在3至100之间')
  })

  it('asks for an emptied field before calling the core', async () => {
    const w = await mountView()
    await setNumber(w, 1, null)
    await w.get('[data-testid="settings-save"]').trigger('click')
    await settle()
    expect(errorOf(w, 'backupKeep')).toBe('请填写保留备份份数')
    expect(errorOf(w, 'idleMinutes')).toBe('')
    expect(m.settingsSave).not.toHaveBeenCalled()
  })

  it("shows the core's refusal instead of the form", async () => {
    m.settingsGet.mockRejectedValue(FORBIDDEN)
    const w = await mountView()
    expect(w.get('[data-testid="forbidden"]').text()).toContain('当前账号没有执行此操作的权限。')
    expect(w.find('[data-testid="settings-save"]').exists()).toBe(false)
    expect(n.showError).not.toHaveBeenCalled()
  })

  it('shows the refusal when saving is refused', async () => {
    m.settingsSave.mockRejectedValue(FORBIDDEN)
    const w = await mountView()
    await w.get('[data-testid="settings-save"]').trigger('click')
    await flushPromises()
    expect(w.get('[data-testid="forbidden"]').text()).toContain('当前账号没有执行此操作的权限。')
  })

  it('cannot save settings it could not read', async () => {
    m.settingsGet.mockRejectedValue({ code: 'store.db', message: '数据库读写失败', fields: [] })
    const w = await mountView()
    expect(n.showError).toHaveBeenCalledWith(expect.objectContaining({ message: '数据库读写失败' }))
    expect(w.get('[data-testid="settings-save"]').attributes('disabled')).toBeDefined()
  })
})

describe('SettingsView: 单位信息', () => {
  it('shows the office, with the code and the mode that stay as set up', async () => {
    const w = await mountView()
    const card = w.get('[data-testid="office-profile"]')
    expect(card.get('[data-testid="office-profile-code"]').text()).toBe('420202001')
    expect(card.get('[data-testid="office-profile-mode"]').text()).toBe('司法所')
    expect(card.text()).toContain('单位代码和模式不能修改：每条记录和每个报送文件都带有单位代码。')
    expect(inputOf(w, 'office-profile-name').value).toBe('石港镇司法所')
    expect(inputOf(w, 'office-profile-short').value).toBe('石港')
    expect(inputOf(w, 'office-profile-district').value).toBe('黄石港区')
    expect(w.get('[data-testid="field-officeName"]').text()).toContain('司法所名称')
    expect(w.get('[data-testid="field-shortName"]').text()).toContain('修改后只用于此后新编的案件编号，已编的编号不变。')
    expect(card.text()).not.toContain('township')
  })

  it('saves the profile, and the office shown everywhere follows', async () => {
    const saved: Office = { ...OFFICE, name: '石港街道司法所', shortName: '石街' }
    m.officeUpdate.mockResolvedValue(saved)
    const w = await mountView()
    await w.get('[data-testid="office-profile-name"]').setValue(' 石港街道司法所 ')
    await w.get('[data-testid="office-profile-short"]').setValue('石街')
    await w.get('[data-testid="office-profile-save"]').trigger('click')
    await flushPromises()
    expect(m.officeUpdate).toHaveBeenCalledWith({ officeName: '石港街道司法所', shortName: '石街', district: '黄石港区' })
    expect(office()).toEqual(saved)
    expect(session.user).toEqual(user)
    expect(inputOf(w, 'office-profile-name').value).toBe('石港街道司法所')
    expect(n.showSuccess).toHaveBeenCalledWith('单位信息已保存。此后新编的案件编号使用简称“石街”，已编的编号不变。')
    expect(m.settingsSave).not.toHaveBeenCalled()
    // Saved: leaving asks nothing.
    await router.push('/')
    await flushPromises()
    expect(n.confirmLeaveUnsaved).not.toHaveBeenCalled()
    expect(router.currentRoute.value.path).toBe('/')
  })

  it("shows the core's errors at their fields and changes nothing", async () => {
    m.officeUpdate.mockRejectedValue({
      code: 'validation.required',
      message: '请填写司法所名称',
      fields: [
        { field: 'officeName', code: 'validation.required', message: '请填写司法所名称' },
        { field: 'shortName', code: 'validation.short_name', message: '简称只能包含汉字、字母或数字' },
      ],
    })
    const w = await mountView()
    await w.get('[data-testid="office-profile-name"]').setValue('  ')
    await w.get('[data-testid="office-profile-short"]').setValue('石-港')
    await w.get('[data-testid="office-profile-save"]').trigger('click')
    await settle()
    expect(errorOf(w, 'officeName')).toBe('请填写司法所名称')
    expect(errorOf(w, 'shortName')).toBe('简称只能包含汉字、字母或数字')
    expect(errorOf(w, 'district')).toBe('')
    expect(n.showError).toHaveBeenCalledWith(expect.objectContaining({ message: '请填写司法所名称' }))
    expect(n.showSuccess).not.toHaveBeenCalled()
    expect(office()).toEqual(OFFICE)
    expect(inputOf(w, 'office-profile-short').value).toBe('石-港')
    await w.get('[data-testid="office-profile-short"]').setValue('石港')
    await settle()
    expect(errorOf(w, 'shortName')).toBe('')
    expect(errorOf(w, 'officeName')).toBe('请填写司法所名称')
  })

  it('shows the refusal when the profile may not be changed', async () => {
    m.officeUpdate.mockRejectedValue(FORBIDDEN)
    const w = await mountView()
    await w.get('[data-testid="office-profile-district"]').setValue('西塞山区')
    await w.get('[data-testid="office-profile-save"]').trigger('click')
    await flushPromises()
    expect(w.get('[data-testid="forbidden"]').text()).toContain('当前账号没有执行此操作的权限。')
    expect(w.find('[data-testid="office-profile-save"]').exists()).toBe(false)
    expect(office()).toEqual(OFFICE)
  })

  it('asks before leaving with a changed profile that is not saved', async () => {
    const w = await mountView()
    await w.get('[data-testid="office-profile-district"]').setValue('西塞山区')
    n.confirmLeaveUnsaved.mockResolvedValue(false)
    await router.push('/')
    await flushPromises()
    expect(n.confirmLeaveUnsaved).toHaveBeenCalledWith('本页')
    expect(router.currentRoute.value.path).toBe('/settings/system')
    expect(inputOf(w, 'office-profile-district').value).toBe('西塞山区')
    expect(m.officeUpdate).not.toHaveBeenCalled()
  })

  it("uses a district bureau's words", async () => {
    session.status = status(600, DISTRICT)
    m.officeUpdate.mockResolvedValue({ ...DISTRICT, shortName: '港区' })
    const w = await mountView()
    expect(w.get('[data-testid="office-profile-mode"]').text()).toBe('区司法局')
    expect(w.get('[data-testid="field-officeName"]').text()).toContain('单位名称')
    expect(w.get('[data-testid="field-shortName"]').text()).toContain('用于区级汇总表')
    await w.get('[data-testid="office-profile-short"]').setValue('港区')
    await w.get('[data-testid="office-profile-save"]').trigger('click')
    await flushPromises()
    expect(n.showSuccess).toHaveBeenCalledWith('单位信息已保存')
    expect(office()?.shortName).toBe('港区')
  })
})
