import { beforeEach, describe, expect, it, vi } from 'vitest'

const invoke = vi.fn()
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }))

import * as api from './index'
import { emptyMediationInput } from '../lib/emptyMediationInput'
import { defaultFilter } from '../lib/filterQuery'

beforeEach(() => {
  invoke.mockReset()
  api.onAuthRequired(null)
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
})
