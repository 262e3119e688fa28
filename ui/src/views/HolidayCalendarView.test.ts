import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { ElDatePicker } from 'element-plus'

vi.mock('../api', () => ({
  holidaysList: vi.fn(),
  holidaySet: vi.fn(),
  holidayRemove: vi.fn(),
}))
vi.mock('../lib/notify', async (orig) => (await import('../test/notify')).mockNotify(orig, ['showSuccess', 'showError']))

import * as api from '../api'
import HolidayCalendarView from './HolidayCalendarView.vue'
import { resetSession } from '../store/session'
import { errorOf, settle } from '../test/formItems'
import { mountScreen, unmountScreen } from '../test/mountScreen'
import { HEAD, logIn } from '../test/session'

const m = vi.mocked(api)

async function mountView(): Promise<VueWrapper> {
  return mountScreen(HolidayCalendarView)
}

beforeEach(() => {
  resetSession()
  vi.clearAllMocks()
  logIn(HEAD)
  m.holidaysList.mockResolvedValue([{ day: '2026-10-01', kind: 'holiday', name: '国庆节' }])
})

afterEach(unmountScreen)

describe('HolidayCalendarView', () => {
  it('adds a day with its kind and name', async () => {
    const w = await mountView()
    expect(w.get('[data-testid="holiday-row-day"]').text()).toBe('2026年10月1日')
    w.getComponent(ElDatePicker).vm.$emit('update:modelValue', '2026-10-02')
    await w.get('[data-testid="field-name"] input').setValue(' 国庆节 ')
    m.holidaySet.mockImplementation(async (entry) => entry)
    await w.get('[data-testid="holiday-add"]').trigger('click')
    await flushPromises()
    expect(m.holidaySet).toHaveBeenCalledWith({ day: '2026-10-02', kind: 'holiday', name: '国庆节' })
    expect(m.holidaysList).toHaveBeenCalledTimes(2)
  })

  it("shows the core's error on its field and takes it away when that field is changed", async () => {
    const w = await mountView()
    w.getComponent(ElDatePicker).vm.$emit('update:modelValue', '2026-10-05')
    await w.get('[data-testid="field-kind"] input[value="workday"]').setValue(true)
    m.holidaySet.mockRejectedValueOnce({
      code: 'validation',
      message: '请检查标红的项目',
      fields: [
        { field: 'kind', code: 'validation.workday', message: '调休上班日应为周六或周日' },
        { field: 'name', code: 'validation.too_long', message: '名称不能超过20个字符' },
      ],
    })
    await w.get('[data-testid="holiday-add"]').trigger('click')
    await settle()
    expect(errorOf(w, 'kind')).toBe('调休上班日应为周六或周日')
    expect(errorOf(w, 'name')).toBe('名称不能超过20个字符')
    await w.get('[data-testid="field-kind"] input[value="holiday"]').setValue(true)
    await settle()
    expect(errorOf(w, 'kind')).toBe('')
    expect(errorOf(w, 'name')).toBe('名称不能超过20个字符')
  })
})
