import { beforeEach, describe, expect, it, vi } from 'vitest'

const invoke = vi.fn()
vi.mock('@tauri-apps/api/core', () => ({
  invoke: (...args: unknown[]) => invoke(...args),
  // A stand-in for the IPC channel: the handler set on it is what the core's messages reach.
  Channel: class<T> {
    onmessage: (m: T) => void = () => {}
  },
}))

import * as api from './index'
import { emptyCorrectionSubjectInput } from '../lib/emptyCorrectionSubjectInput'
import { emptyLegalAidInput } from '../lib/emptyLegalAidInput'
import { emptyMediationInput } from '../lib/emptyMediationInput'
import { defaultFilter } from '../lib/filterQuery'

beforeEach(() => {
  invoke.mockReset()
  api.onAuthRequired(null)
  api.onSessionLocked(null)
  api.onPasswordChangeRequired(null)
})

describe('api', () => {
  it('passes arguments exactly as the commands expect', async () => {
    invoke.mockResolvedValue(null)
    const input = emptyMediationInput('2026-11-27')
    await api.appStatus()
    await api.setupOffice({
      officeCode: '420204100',
      officeName: '石灰窑司法所',
      shortName: '石',
      district: '西塞山区',
      mode: 'township',
      adminUsername: 'admin',
      adminDisplayName: '管理员',
      adminPassword: 'abc12345',
    })
    await api.login('admin', 'abc12345')
    await api.logout()
    await api.codeTables()
    await api.dashboard()
    await api.mediationList(defaultFilter())
    await api.mediationGet('id-1')
    await api.mediationCreate(input)
    await api.mediationUpdate('id-1', 3, input)
    await api.mediationDelete('id-1', 4)
    expect(invoke.mock.calls).toEqual([
      ['app_status', undefined],
      [
        'setup_office',
        {
          input: {
            officeCode: '420204100',
            officeName: '石灰窑司法所',
            shortName: '石',
            district: '西塞山区',
            mode: 'township',
            adminUsername: 'admin',
            adminDisplayName: '管理员',
            adminPassword: 'abc12345',
          },
        },
      ],
      ['login', { username: 'admin', password: 'abc12345' }],
      ['logout', undefined],
      ['code_tables', undefined],
      ['dashboard', undefined],
      ['mediation_list', { filter: defaultFilter() }],
      ['mediation_get', { id: 'id-1' }],
      ['mediation_create', { input }],
      ['mediation_update', { id: 'id-1', version: 3, input }],
      ['mediation_delete', { id: 'id-1', version: 4 }],
    ])
  })

  it('passes the batch commands their arguments, progress through a channel', async () => {
    invoke.mockResolvedValue(null)
    await api.batchPreview('2026-10', 'masked')
    await api.batchHistory()
    await api.batchPickFolder(null)
    await api.batchPickFolder('E:\\报送')
    await api.batchReveal('b-1')
    const heard: unknown[] = []
    const record = { id: 'b-2', fileName: '420202001_202610_full_003.xlsx' }
    invoke.mockImplementationOnce(async (_cmd: string, args: { onProgress: { onmessage: (m: unknown) => void } }) => {
      args.onProgress.onmessage({ stage: '写入「调解台账」', done: 1, total: 4 })
      return record
    })
    await expect(api.batchExport('2026-10', 'full', 'E:\\', (p) => heard.push(p))).resolves.toEqual(record)
    expect(heard).toEqual([{ stage: '写入「调解台账」', done: 1, total: 4 }])
    const calls = invoke.mock.calls
    expect(calls.slice(0, 5)).toEqual([
      ['batch_preview', { period: '2026-10', profile: 'masked' }],
      ['batch_history', undefined],
      ['batch_pick_folder', { start: null }],
      ['batch_pick_folder', { start: 'E:\\报送' }],
      ['batch_reveal', { id: 'b-1' }],
    ])
    expect(calls[5]![0]).toBe('batch_export')
    expect(calls[5]![1]).toMatchObject({ period: '2026-10', profile: 'full', folder: 'E:\\' })
    expect(Object.keys(calls[5]![1]).sort()).toEqual(['folder', 'onProgress', 'period', 'profile'])
  })

  it('passes the district commands their arguments, progress through a channel', async () => {
    invoke.mockResolvedValue(null)
    const office = { code: '420202001', name: '石港镇司法所', shortName: '石港' }
    await api.districtOffices()
    await api.districtOfficeSave(office, true)
    await api.importPickFiles()
    await api.receivedBatches()
    await api.submissions(null)
    await api.submissions(2025)
    await api.duplicates()
    await api.duplicateDecide('id-1', 'id-2', 'different')
    await api.districtStatistics('2026-Q4')
    await api.districtReport('2026-10', 'E:\\汇总')
    await api.districtDashboard()
    expect(invoke.mock.calls).toEqual([
      ['district_offices', undefined],
      ['district_office_save', { office, adding: true }],
      ['import_pick_files', undefined],
      ['received_batches', undefined],
      ['submissions', { year: null }],
      ['submissions', { year: 2025 }],
      ['duplicates', undefined],
      ['duplicate_decide', { firstId: 'id-1', secondId: 'id-2', decision: 'different' }],
      ['district_statistics', { period: '2026-Q4' }],
      ['district_report', { period: '2026-10', folder: 'E:\\汇总' }],
      ['district_dashboard', undefined],
    ])

    invoke.mockReset()
    const heard: unknown[] = []
    invoke.mockImplementation(async (_cmd: string, args: { onProgress: { onmessage: (m: unknown) => void } }) => {
      args.onProgress.onmessage({ stage: 'reading', done: 1, total: 2 })
      return { token: 't-1' }
    })
    await expect(api.importPreview(['E:\\10月'], (p) => heard.push(p))).resolves.toEqual({ token: 't-1' })
    await expect(api.importConfirm('t-1', (p) => heard.push(p))).resolves.toEqual({ token: 't-1' })
    expect(heard).toEqual([
      { stage: 'reading', done: 1, total: 2 },
      { stage: 'reading', done: 1, total: 2 },
    ])
    const calls = invoke.mock.calls as unknown as [string, Record<string, unknown>][]
    expect(calls[0]![0]).toBe('import_preview')
    expect(calls[0]![1]).toMatchObject({ paths: ['E:\\10月'] })
    expect(Object.keys(calls[0]![1]).sort()).toEqual(['onProgress', 'paths'])
    expect(calls[1]![0]).toBe('import_confirm')
    expect(calls[1]![1]).toMatchObject({ token: 't-1' })
    expect(Object.keys(calls[1]![1]).sort()).toEqual(['onProgress', 'token'])
  })

  it('rejects with a normalised ApiError', async () => {
    invoke.mockRejectedValue('invalid args `filter` for command `mediation_list`')
    await expect(api.mediationList(defaultFilter())).rejects.toMatchObject({
      code: 'ui.unexpected',
      fields: [],
    })
  })

  it('calls the auth-required handler when the session ended', async () => {
    const handler = vi.fn()
    api.onAuthRequired(handler)
    const err = { code: 'auth.required', message: '请重新登录', fields: [] }
    invoke.mockRejectedValue(err)
    await expect(api.dashboard()).rejects.toEqual(err)
    expect(handler).toHaveBeenCalledWith(err)

    handler.mockReset()
    invoke.mockRejectedValue({ code: 'auth.wrong_password', message: '用户名或密码错误', fields: [] })
    await expect(api.login('a', 'b')).rejects.toMatchObject({ code: 'auth.wrong_password' })
    expect(handler).not.toHaveBeenCalled()
  })

  it('passes the session, account, settings, audit and backup commands their arguments', async () => {
    invoke.mockResolvedValue(null)
    const filter = { username: 'wang', action: 'user', recordKind: null, recordId: null, from: '2026-11-01', to: null, page: 2, pageSize: 100 }
    await api.sessionTouch()
    await api.sessionLock()
    await api.sessionUnlock('mima1234')
    await api.changePassword('old12345', 'new12345')
    await api.usersList()
    await api.userCreate({ username: 'lisi', displayName: '李四', role: 'staff', password: 'chushi123' })
    await api.userUpdate('u2', { displayName: '李四', role: 'readonly', active: false })
    await api.userResetPassword('u2', 'xinmima88')
    await api.userUnlock('u3')
    await api.settingsGet()
    await api.settingsSave({ idleMinutes: 15, backupKeep: 20 })
    await api.auditList(filter)
    await api.auditUsernames()
    await api.auditCheck()
    await api.auditExport(filter, 'E:\\')
    await api.backupsOverview()
    await api.backupCreate(null)
    await api.backupCreate('E:\\')
    await api.backupPickFolder()
    await api.backupPickFile(null)
    await api.backupPickFile('E:\\备份')
    await api.backupRestore('E:\\备份\\a.db')
    expect(invoke.mock.calls).toEqual([
      ['session_touch', undefined],
      ['session_lock', undefined],
      ['session_unlock', { password: 'mima1234' }],
      ['change_password', { oldPassword: 'old12345', newPassword: 'new12345' }],
      ['users_list', undefined],
      ['user_create', { input: { username: 'lisi', displayName: '李四', role: 'staff', password: 'chushi123' } }],
      ['user_update', { id: 'u2', input: { displayName: '李四', role: 'readonly', active: false } }],
      ['user_reset_password', { id: 'u2', password: 'xinmima88' }],
      ['user_unlock', { id: 'u3' }],
      ['settings_get', undefined],
      ['settings_save', { input: { idleMinutes: 15, backupKeep: 20 } }],
      ['audit_list', { filter }],
      ['audit_usernames', undefined],
      ['audit_check', undefined],
      ['audit_export', { filter, folder: 'E:\\' }],
      ['backups_overview', undefined],
      ['backup_create', { folder: null }],
      ['backup_create', { folder: 'E:\\' }],
      ['backup_pick_folder', undefined],
      ['backup_pick_file', { start: null }],
      ['backup_pick_file', { start: 'E:\\备份' }],
      ['backup_restore', { file: 'E:\\备份\\a.db' }],
    ])
  })

  it('calls the lock handler when the core locked the session, and the password handler when it must be changed', async () => {
    const auth = vi.fn()
    const locked = vi.fn()
    const password = vi.fn()
    api.onAuthRequired(auth)
    api.onSessionLocked(locked)
    api.onPasswordChangeRequired(password)

    const lockedErr = { code: 'auth.session_locked', message: '屏幕已锁定，请输入密码解锁。', fields: [] }
    invoke.mockRejectedValue(lockedErr)
    await expect(api.mediationList(defaultFilter())).rejects.toEqual(lockedErr)
    expect(locked).toHaveBeenCalledWith(lockedErr)
    expect(password).not.toHaveBeenCalled()
    expect(auth).not.toHaveBeenCalled()

    const pwErr = { code: 'auth.password_change_required', message: '请先修改密码（管理员设置的初始密码须在首次登录时修改）。', fields: [] }
    invoke.mockRejectedValue(pwErr)
    await expect(api.dashboard()).rejects.toEqual(pwErr)
    expect(password).toHaveBeenCalledWith(pwErr)
    expect(locked).toHaveBeenCalledTimes(1)

    // an unlock refused for a wrong password is not a lock
    invoke.mockRejectedValue({ code: 'auth.wrong_password', message: '用户名或密码错误。', fields: [] })
    await expect(api.sessionUnlock('x')).rejects.toMatchObject({ code: 'auth.wrong_password' })
    expect(locked).toHaveBeenCalledTimes(1)
    expect(password).toHaveBeenCalledTimes(1)
    expect(auth).not.toHaveBeenCalled()
  })

  it('passes the office profile and holiday file commands their arguments', async () => {
    invoke.mockResolvedValue(null)
    await api.officeUpdate({ officeName: '石灰窑街道司法所', shortName: '石灰', district: '西塞山区' })
    await api.holidaysExport(2027, 'E:\\节假日')
    await api.holidaysPickFolder()
    await api.holidaysPickFile()
    await api.holidaysImportPreview('E:\\2027年节假日安排.json')
    await api.holidaysImport('E:\\2027年节假日安排.json', 'abc123')
    expect(invoke.mock.calls).toEqual([
      ['office_update', { input: { officeName: '石灰窑街道司法所', shortName: '石灰', district: '西塞山区' } }],
      ['holidays_export', { year: 2027, folder: 'E:\\节假日' }],
      ['holidays_pick_folder', undefined],
      ['holidays_pick_file', undefined],
      ['holidays_import_preview', { file: 'E:\\2027年节假日安排.json' }],
      ['holidays_import', { file: 'E:\\2027年节假日安排.json', digest: 'abc123' }],
    ])

    const bad = { code: 'holidays.invalid_file', message: '“a.json”不能导入：文件内容无法识别', fields: [] }
    invoke.mockRejectedValue(bad)
    await expect(api.holidaysImportPreview('a.json')).rejects.toEqual(bad)
  })

  it('passes a closed record\'s amendReason to the three updates only when one is given', async () => {
    invoke.mockResolvedValue(null)
    const mediation = emptyMediationInput('2026-11-27')
    const legalAid = emptyLegalAidInput('2026-11-27')
    const subject = emptyCorrectionSubjectInput()
    await api.mediationUpdate('m1', 2, mediation, '当事人姓名录入有误')
    await api.legalAidUpdate('a1', 3, legalAid, '补录回访日期')
    await api.correctionUpdate('s1', 4, subject, '')
    await api.mediationUpdate('m1', 2, mediation)
    await api.legalAidUpdate('a1', 3, legalAid, undefined)
    await api.correctionUpdate('s1', 4, subject)
    expect(invoke.mock.calls).toEqual([
      ['mediation_update', { id: 'm1', version: 2, input: mediation, amendReason: '当事人姓名录入有误' }],
      ['legal_aid_update', { id: 'a1', version: 3, input: legalAid, amendReason: '补录回访日期' }],
      // An empty reason is still sent: the core answers with its field error on amendReason.
      ['correction_update', { id: 's1', version: 4, input: subject, amendReason: '' }],
      ['mediation_update', { id: 'm1', version: 2, input: mediation }],
      ['legal_aid_update', { id: 'a1', version: 3, input: legalAid }],
      ['correction_update', { id: 's1', version: 4, input: subject }],
    ])
    for (const args of invoke.mock.calls.slice(3)) expect(args[1]).not.toHaveProperty('amendReason')

    const refused = {
      code: 'validation.amend_reason',
      message: '该记录已结案，修改前请填写修改原因',
      fields: [{ field: 'amendReason', code: 'validation.amend_reason', message: '该记录已结案，修改前请填写修改原因' }],
    }
    invoke.mockRejectedValue(refused)
    await expect(api.mediationUpdate('m1', 2, mediation)).rejects.toEqual(refused)
  })
})
