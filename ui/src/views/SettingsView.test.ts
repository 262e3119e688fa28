import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { ElInputNumber } from 'element-plus'

vi.mock('../api', () => ({ settingsGet: vi.fn(), settingsSave: vi.fn(), appStatus: vi.fn() }))
vi.mock('../lib/notify', async (orig) => (await import('../test/notify')).mockNotify(orig, ['showSuccess', 'showError']))

import * as api from '../api'
import * as notify from '../lib/notify'
import type { AppStatus, User } from '../api/generated'
import SettingsView from './SettingsView.vue'
import { resetSession, session } from '../store/session'
import { errorOf, settle } from '../test/formItems'
import { mountScreen, unmountScreen } from '../test/mountScreen'
import { readyStatus } from '../test/session'

const m = vi.mocked(api)
const n = vi.mocked(notify)
const user: User = { id: 'u1', username: 'wang', displayName: '王所长', role: 'head' }
const FORBIDDEN = { code: 'auth.forbidden', message: '当前账号没有执行此操作的权限。', fields: [] }

const status = (idleSeconds: number): AppStatus =>
  readyStatus({
    office: { code: '420202001', name: '石港镇司法所', shortName: '石港', district: '黄石港区', mode: 'township' },
    user,
    session: { user, locked: false, mustChangePassword: false, idleSeconds },
    version: '',
  })

const mountView = () => mountScreen(SettingsView)

const numbers = (w: VueWrapper) => w.findAllComponents(ElInputNumber)

async function setNumber(w: VueWrapper, index: number, value: number | null) {
  numbers(w)[index]!.vm.$emit('update:modelValue', value)
  await flushPromises()
}

beforeEach(() => {
  resetSession()
  vi.clearAllMocks()
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
