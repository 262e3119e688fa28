import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { h } from 'vue'
import type { Router } from 'vue-router'

vi.mock('../api', () => ({
  backupsOverview: vi.fn(),
  backupCreate: vi.fn(),
  backupPickFolder: vi.fn(),
  backupPickFile: vi.fn(),
  backupRestore: vi.fn(),
  appStatus: vi.fn(),
}))
vi.mock('../lib/notify', async (orig) => (await import('../test/notify')).mockNotify(orig, ['confirmAction', 'showSuccess', 'showError']))

import * as api from '../api'
import * as notify from '../lib/notify'
import type { AppStatus, BackupFile, BackupOverview, User } from '../api/generated'
import BackupView from './BackupView.vue'
import { resetSession, session } from '../store/session'
import { errorOf, settle } from '../test/formItems'
import { mountScreen, routerAt, unmountScreen } from '../test/mountScreen'
import { readyStatus } from '../test/session'

const m = vi.mocked(api)
const n = vi.mocked(notify)
let router: Router
const user: User = { id: 'u1', username: 'wang', displayName: '王所长', role: 'head' }
const FORBIDDEN = { code: 'auth.forbidden', message: '当前账号没有执行此操作的权限。', fields: [] }
const FOLDER = 'C:\\司法所工作台\\备份'

const file = (over: Partial<BackupFile>): BackupFile => ({
  path: `${FOLDER}\\420202001_20261127-083000_daily.db`,
  fileName: '420202001_20261127-083000_daily.db',
  officeCode: '420202001',
  kind: 'daily',
  kindLabel: '每日自动备份',
  madeAt: '2026-11-27 08:30:00',
  sizeBytes: 5452595,
  ...over,
})

const OVERVIEW: BackupOverview = {
  folder: FOLDER,
  keep: 14,
  files: [
    file({}),
    file({
      path: `${FOLDER}\\420202001_20261126-170102_manual.db`,
      fileName: '420202001_20261126-170102_manual.db',
      kind: 'manual',
      kindLabel: '手动备份',
      madeAt: '2026-11-26 17:01:02',
      sizeBytes: 532480,
    }),
  ],
}

const status = (): AppStatus =>
  readyStatus({
    office: { code: '420202001', name: '石港镇司法所', shortName: '石港', district: '黄石港区', mode: 'township' },
    user,
    session: { user, locked: false, mustChangePassword: false, idleSeconds: 600 },
    audit: { entries: 10, firstBroken: null, reason: null },
    version: '',
  })

async function mountView(): Promise<VueWrapper> {
  router = await routerAt('/settings/backup', [
    { path: '/settings/backup', component: BackupView },
    { path: '/login', component: { render: () => h('div', 'login') } },
  ])
  return mountScreen(BackupView, { router })
}

const rows = (w: VueWrapper) =>
  w.get('[data-testid="backup-table"]').findAll('.el-table__body-wrapper tbody tr').map((r) => r.findAll('td').map((td) => td.text()))

beforeEach(() => {
  resetSession()
  vi.clearAllMocks()
  session.status = status()
  session.user = user
  m.backupsOverview.mockResolvedValue(OVERVIEW)
  m.appStatus.mockResolvedValue({ ...status(), user: null, session: { user: null, locked: false, mustChangePassword: false, idleSeconds: 600 } })
})

afterEach(unmountScreen)

describe('BackupView', () => {
  it('shows the automatic folder, how many are kept and the backups', async () => {
    const w = await mountView()
    expect(w.get('[data-testid="backup-auto-folder"]').text()).toBe(FOLDER)
    expect(w.get('[data-testid="backup-keep"]').text()).toBe('14')
    const table = w.get('[data-testid="backup-table"]')
    expect(table.findAll('.el-table__header-wrapper th').map((t) => t.text())).toEqual(['时间', '类型', '大小', '文件名', '操作'])
    expect(rows(w)).toEqual([
      ['2026-11-27 08:30:00', '每日自动备份', '5.2 MB', '420202001_20261127-083000_daily.db', '恢复'],
      ['2026-11-26 17:01:02', '手动备份', '520 KB', '420202001_20261126-170102_manual.db', '恢复'],
    ])
    expect(w.findAll('[data-testid="backup-row"]')).toHaveLength(2)
  })

  it('backs up now into the automatic folder', async () => {
    m.backupCreate.mockResolvedValue(file({ fileName: '420202001_20261127-150000_manual.db', kind: 'manual' }))
    const w = await mountView()
    await w.get('[data-testid="backup-now"]').trigger('click')
    await flushPromises()
    expect(m.backupCreate).toHaveBeenCalledWith(null)
    expect(n.showSuccess).toHaveBeenCalledWith('已备份：420202001_20261127-150000_manual.db')
    expect(m.backupsOverview).toHaveBeenCalledTimes(2)
  })

  it('shows a failed backup as a message', async () => {
    m.backupCreate.mockRejectedValue({ code: 'io', message: '磁盘空间不足，备份未完成', fields: [] })
    const w = await mountView()
    await w.get('[data-testid="backup-now"]').trigger('click')
    await flushPromises()
    expect(n.showError).toHaveBeenCalledWith(expect.objectContaining({ message: '磁盘空间不足，备份未完成' }))
    expect(n.showSuccess).not.toHaveBeenCalled()
  })

  it('backs up onto a USB stick chosen or typed', async () => {
    m.backupPickFolder.mockResolvedValue('E:\\')
    m.backupCreate.mockResolvedValue(file({ path: 'E:\\420202001_20261127-150000_manual.db', kind: 'manual', sizeBytes: 2048 }))
    const w = await mountView()
    await w.get('[data-testid="backup-pick-folder"]').trigger('click')
    await flushPromises()
    expect(m.backupPickFolder).toHaveBeenCalledTimes(1)
    const folder = w.get('input[data-testid="backup-folder-input"]')
    expect((folder.element as HTMLInputElement).value).toBe('E:\\')
    await w.get('[data-testid="backup-to-folder"]').trigger('click')
    await flushPromises()
    expect(m.backupCreate).toHaveBeenCalledWith('E:\\')
    expect(n.showSuccess).toHaveBeenCalledWith('已备份到：E:\\420202001_20261127-150000_manual.db')
    expect(w.get('[data-testid="backup-folder-result"]').text()).toContain('E:\\420202001_20261127-150000_manual.db（2 KB）')
  })

  it('asks for the folder before calling the core, and shows a folder that cannot be used under it', async () => {
    const w = await mountView()
    await w.get('[data-testid="backup-to-folder"]').trigger('click')
    await settle()
    expect(errorOf(w, 'folder')).toBe('请选择或填写保存备份的文件夹（如 U 盘）')
    expect(m.backupCreate).not.toHaveBeenCalled()
    m.backupCreate.mockRejectedValue({
      code: 'validation.folder',
      message: '文件夹不存在',
      fields: [{ field: 'folder', code: 'validation.folder', message: '文件夹“F:\\”不存在或无法写入' }],
    })
    await w.get('input[data-testid="backup-folder-input"]').setValue('  F:\\  ')
    await w.get('[data-testid="backup-to-folder"]').trigger('click')
    await settle()
    expect(m.backupCreate).toHaveBeenCalledWith('F:\\')
    expect(errorOf(w, 'folder')).toBe('文件夹“F:\\”不存在或无法写入')
    await w.get('input[data-testid="backup-folder-input"]').setValue('E:\\')
    await settle()
    expect(errorOf(w, 'folder')).toBe('')
  })

  it('restores a backup after confirmation; everyone logs in again', async () => {
    n.confirmAction.mockResolvedValue(true)
    m.backupRestore.mockResolvedValue({
      from: OVERVIEW.files[1]!.path,
      keptAside: `${FOLDER}\\420202001_20261127-150500_prerestore.db`,
      officeCode: '420202001',
      officeName: '石港镇司法所',
      schemaVersion: 7,
    })
    const w = await mountView()
    await w.findAll('[data-testid="backup-restore"]')[1]!.trigger('click')
    await flushPromises()
    const [question, title, button] = n.confirmAction.mock.calls[0]!
    expect(title).toBe('从备份恢复')
    expect(button).toBe('恢复')
    expect(question).toContain('420202001_20261126-170102_manual.db')
    expect(question).toContain('2026-11-26 17:01:02')
    expect(question).toContain('当前数据会先另存到备份文件夹中')
    expect(question).toContain('恢复后所有人都需要重新登录')
    expect(m.backupRestore).toHaveBeenCalledWith(OVERVIEW.files[1]!.path)
    expect(n.showSuccess).toHaveBeenCalledWith('已从备份恢复，请重新登录')
    expect(m.appStatus).toHaveBeenCalledTimes(1)
    expect(session.user).toBeNull()
    expect(router.currentRoute.value.path).toBe('/login')
  })

  it('does nothing when the restore is not confirmed', async () => {
    n.confirmAction.mockResolvedValue(false)
    const w = await mountView()
    await w.findAll('[data-testid="backup-restore"]')[0]!.trigger('click')
    await flushPromises()
    expect(n.confirmAction).toHaveBeenCalledTimes(1)
    expect(m.backupRestore).not.toHaveBeenCalled()
    expect(session.user).toEqual(user)
    expect(router.currentRoute.value.path).toBe('/settings/backup')
  })

  it("shows the core's reason when a file cannot be restored from, and stays", async () => {
    n.confirmAction.mockResolvedValue(true)
    const refusal = {
      code: 'backup.invalid',
      message: '“E:\\旧.db”不能用于恢复：不是本程序的数据库文件',
      fields: [],
    }
    m.backupRestore.mockRejectedValue(refusal)
    const w = await mountView()
    await w.get('input[data-testid="restore-file-input"]').setValue('E:\\旧.db')
    await w.get('[data-testid="restore-file"]').trigger('click')
    await flushPromises()
    expect(n.confirmAction.mock.calls[0]![0]).toContain('“旧.db”')
    expect(m.backupRestore).toHaveBeenCalledWith('E:\\旧.db')
    expect(n.showError).toHaveBeenCalledWith(expect.objectContaining({ code: 'backup.invalid' }))
    expect(w.get('[data-testid="restore-error"]').text()).toContain('不能用于恢复：不是本程序的数据库文件')
    expect(n.showSuccess).not.toHaveBeenCalled()
    expect(session.user).toEqual(user)
    expect(router.currentRoute.value.path).toBe('/settings/backup')
  })

  it('asks for the file before asking for confirmation', async () => {
    const w = await mountView()
    await w.get('[data-testid="restore-file"]').trigger('click')
    await settle()
    expect(errorOf(w, 'file')).toBe('请选择或填写备份文件')
    expect(n.confirmAction).not.toHaveBeenCalled()
  })

  it('opens the file dialog at the folder typed, else at the automatic folder', async () => {
    m.backupPickFile.mockResolvedValueOnce('E:\\备份\\a.db').mockResolvedValueOnce(null)
    const w = await mountView()
    await w.get('[data-testid="restore-pick-file"]').trigger('click')
    await flushPromises()
    expect(m.backupPickFile).toHaveBeenLastCalledWith(FOLDER)
    const input = w.get('input[data-testid="restore-file-input"]')
    expect((input.element as HTMLInputElement).value).toBe('E:\\备份\\a.db')
    await w.get('[data-testid="restore-pick-file"]').trigger('click')
    await flushPromises()
    expect(m.backupPickFile).toHaveBeenLastCalledWith('E:\\备份')
    expect((input.element as HTMLInputElement).value).toBe('E:\\备份\\a.db')
  })

  it("shows the core's refusal instead of the screen", async () => {
    m.backupsOverview.mockRejectedValue(FORBIDDEN)
    const w = await mountView()
    expect(w.get('[data-testid="forbidden"]').text()).toContain('当前账号没有执行此操作的权限。')
    expect(w.find('[data-testid="backup-table"]').exists()).toBe(false)
    expect(w.find('[data-testid="backup-now"]').exists()).toBe(false)
    expect(n.showError).not.toHaveBeenCalled()
  })
})
