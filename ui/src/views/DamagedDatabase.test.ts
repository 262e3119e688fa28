import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { h } from 'vue'
import type { Router } from 'vue-router'

vi.mock('../api', () => ({
  damagedPickFile: vi.fn(),
  damagedRestore: vi.fn(),
  appStatus: vi.fn(),
}))
vi.mock('../lib/notify', async (orig) => (await import('../test/notify')).mockNotify(orig, ['confirmAction', 'showSuccess']))

import * as api from '../api'
import * as notify from '../lib/notify'
import type { AppStatus, DamagedDatabase } from '../api/generated'
import AppError from './AppError.vue'
import { resetSession, session } from '../store/session'
import { errorOf } from '../test/formItems'
import { mountScreen, routerAt, unmountScreen } from '../test/mountScreen'

const m = vi.mocked(api)
const n = vi.mocked(notify)
let router: Router
const FOLDER = '/home/clerk/.local/share/sifa-desk/backups'
const CORRUPT = { code: 'store.corrupt', message: '数据库文件已损坏，请从备份恢复。', fields: [] }

const DAMAGED: DamagedDatabase = {
  damage: '*** in database main ***',
  dbPath: '/home/clerk/.local/share/sifa-desk/sifa.db',
  officeCode: '420202001',
  officeName: '石港镇司法所',
  folder: FOLDER,
  files: [
    {
      path: `${FOLDER}/sifa_420202001_20261127-083000_daily.db`,
      fileName: 'sifa_420202001_20261127-083000_daily.db',
      officeCode: '420202001',
      kind: 'daily',
      kindLabel: '每日自动备份',
      madeAt: '2026-11-27 08:30:00',
      sizeBytes: 5452595,
    },
    {
      path: `${FOLDER}/sifa_420202001_20261126-170102_manual.db`,
      fileName: 'sifa_420202001_20261126-170102_manual.db',
      officeCode: '420202001',
      kind: 'manual',
      kindLabel: '手动备份',
      madeAt: '2026-11-26 17:01:02',
      sizeBytes: 532480,
    },
  ],
}

const damagedStatus = (damaged: DamagedDatabase | null): AppStatus => ({
  state: 'error',
  error: CORRUPT,
  office: null,
  user: null,
  session: null,
  audit: null,
  damaged,
  clock: null,
  today: '2026-11-27',
  dbPath: DAMAGED.dbPath,
  version: '',
})

const RESTORED = { from: DAMAGED.files[0].path, keptAside: `${FOLDER}/x_prerestore.db`, officeCode: '420202001', officeName: '石港镇司法所', schemaVersion: 7 }

async function mountView(): Promise<VueWrapper> {
  router = await routerAt('/', [
    { path: '/', component: { render: () => h('div', 'home') } },
    { path: '/login', component: { render: () => h('div', 'login') } },
  ])
  return mountScreen(AppError, { router, props: { error: CORRUPT } })
}

async function fillAndSubmit(w: VueWrapper, username: string, password: string) {
  await w.get('input[data-testid="damaged-username"]').setValue(username)
  await w.get('input[data-testid="damaged-password"]').setValue(password)
  await w.get('form').trigger('submit')
  await flushPromises()
  // Form item errors appear through a transition.
  await new Promise((r) => setTimeout(r, 150))
}

beforeEach(() => {
  resetSession()
  vi.clearAllMocks()
  session.status = damagedStatus(DAMAGED)
  session.fatal = CORRUPT
  n.confirmAction.mockResolvedValue(true)
})

afterEach(unmountScreen)

describe('a damaged database at start-up', () => {
  it('says what is wrong and offers the backups, the newest chosen', async () => {
    const w = await mountView()
    expect(w.get('[data-testid="damaged-message"]').text()).toContain('数据库文件已损坏')
    expect(w.get('[data-testid="damaged-office"]').text()).toBe('石港镇司法所（420202001）')
    expect(w.get('[data-testid="damaged-detail"]').text()).toBe('*** in database main ***（供技术人员参考）')
    const choices = w.findAll('[data-testid="damaged-backup"]')
    expect(choices.map((c) => c.text())).toEqual(['2026-11-27 08:30:00每日自动备份5.2 MB', '2026-11-26 17:01:02手动备份520 KB'])
    expect(choices[0].find('input').element.checked).toBe(true)
    expect(w.text()).toContain('没有在该数据库中写入任何内容')
  })

  it('restores the chosen backup after asking, then goes to the login page', async () => {
    m.damagedRestore.mockResolvedValue(RESTORED)
    m.appStatus.mockResolvedValue({ ...damagedStatus(null), state: 'ready', error: null })
    const w = await mountView()
    await w.findAll('[data-testid="damaged-backup"]')[1].get('input').setValue(true)
    await fillAndSubmit(w, 'admin', 'mima2026')
    expect(n.confirmAction).toHaveBeenCalledWith(expect.stringContaining('sifa_420202001_20261126-170102_manual.db'), '从备份恢复', '恢复')
    expect(m.damagedRestore).toHaveBeenCalledWith(DAMAGED.files[1].path, 'admin', 'mima2026')
    expect(n.showSuccess).toHaveBeenCalledWith('已从备份恢复，请重新登录')
    expect(session.fatal).toBeNull()
    expect(router.currentRoute.value.path).toBe('/login')
  })

  it('does nothing when the question is answered 取消', async () => {
    n.confirmAction.mockResolvedValue(false)
    const w = await mountView()
    await fillAndSubmit(w, 'admin', 'mima2026')
    expect(m.damagedRestore).not.toHaveBeenCalled()
  })

  it("shows the core's refusal: field errors under their fields, others above the button", async () => {
    m.damagedRestore.mockRejectedValueOnce({
      code: 'validation.required',
      message: '请输入所长（管理员）的用户名',
      fields: [
        { field: 'username', code: 'validation.required', message: '请输入所长（管理员）的用户名' },
        { field: 'password', code: 'validation.required', message: '请输入密码' },
      ],
    })
    const w = await mountView()
    await fillAndSubmit(w, '', '')
    expect(n.confirmAction).not.toHaveBeenCalled()
    expect(errorOf(w, 'username')).toBe('请输入所长（管理员）的用户名')
    expect(errorOf(w, 'password')).toBe('请输入密码')

    m.damagedRestore.mockRejectedValueOnce({ code: 'auth.forbidden', message: '当前账号没有执行此操作的权限。', fields: [] })
    await fillAndSubmit(w, 'xiaoli', 'chushi2026')
    expect(errorOf(w, 'username')).toBe('')
    expect(w.get('[data-testid="damaged-error"]').text()).toContain('没有执行此操作的权限')
    expect(session.fatal).toEqual(CORRUPT)
  })

  it('takes a field error away once its field is typed in again', async () => {
    m.damagedRestore.mockRejectedValueOnce({
      code: 'validation.required',
      message: '请输入所长（管理员）的用户名',
      fields: [
        { field: 'username', code: 'validation.required', message: '请输入所长（管理员）的用户名' },
        { field: 'password', code: 'validation.required', message: '请输入密码' },
      ],
    })
    const w = await mountView()
    await fillAndSubmit(w, '', '')
    expect(errorOf(w, 'username')).toBe('请输入所长（管理员）的用户名')
    await w.get('input[data-testid="damaged-username"]').setValue('admin')
    await new Promise((r) => setTimeout(r, 150))
    expect(errorOf(w, 'username')).toBe('')
    expect(errorOf(w, 'password')).toBe('请输入密码')
  })

  it('takes a backup from elsewhere (a USB stick) when the folder has none', async () => {
    session.status = damagedStatus({ ...DAMAGED, files: [] })
    m.damagedPickFile.mockResolvedValue('/media/usb/sifa_420202001_20261120-100000_manual.db')
    m.damagedRestore.mockResolvedValue(RESTORED)
    m.appStatus.mockResolvedValue({ ...damagedStatus(null), state: 'ready', error: null })
    const w = await mountView()
    expect(w.get('[data-testid="damaged-none"]').text()).toContain('没有找到本单位的备份')
    await w.get('[data-testid="damaged-pick-file"]').trigger('click')
    await flushPromises()
    expect(m.damagedPickFile).toHaveBeenCalledWith(FOLDER)
    expect((w.get('input[data-testid="damaged-file-input"]').element as HTMLInputElement).value).toBe('/media/usb/sifa_420202001_20261120-100000_manual.db')
    await fillAndSubmit(w, 'admin', 'mima2026')
    expect(m.damagedRestore).toHaveBeenCalledWith('/media/usb/sifa_420202001_20261120-100000_manual.db', 'admin', 'mima2026')
  })

  it('keeps the plain error page for other failures', async () => {
    session.status = damagedStatus(null)
    const w = await mountView()
    expect(w.find('[data-testid="damaged-page"]').exists()).toBe(false)
    expect(w.get('[data-testid="app-error"]').text()).toContain('请关闭本程序后重试')
  })
})
