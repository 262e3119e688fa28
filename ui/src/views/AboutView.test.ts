import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('../api', () => ({ codeTables: vi.fn() }))

import * as api from '../api'
import AboutView from './AboutView.vue'
import { closeHelp, helpDrawer } from '../help/helpState'
import { SHORTCUTS } from '../help/shortcuts'
import { resetCodeTables } from '../store/codeTables'
import { resetSession } from '../store/session'
import { realCodeTables } from '../test/codeTables'
import { mountScreen, unmountScreen } from '../test/mountScreen'
import { DISTRICT, STAFF, logIn } from '../test/session'

const DB = '/home/clerk/.local/share/sifa-desk/sifa.db'

beforeEach(() => {
  resetSession()
  resetCodeTables()
  closeHelp()
  vi.mocked(api.codeTables).mockResolvedValue(realCodeTables())
})

afterEach(() => {
  unmountScreen()
  closeHelp()
})

describe('AboutView', () => {
  it('names the product, its version, the office and where the data is kept', async () => {
    logIn(STAFF, { dbPath: DB, version: '0.3.1' })
    const w = await mountScreen(AboutView)
    expect(w.get('[data-testid="about-product"]').text()).toBe('司法所工作台')
    expect(w.get('[data-testid="about-version"]').text()).toBe('版本 0.3.1')
    expect(w.get('[data-testid="about-office-name"]').text()).toBe('石灰窑司法所')
    expect(w.get('[data-testid="about-office-code"]').text()).toBe('420204100')
    expect(w.get('[data-testid="about-office"]').text()).toContain('乡镇代码')
    expect(w.get('[data-testid="about-office-district"]').text()).toBe('西塞山区')
    expect(w.get('[data-testid="about-office-mode"]').text()).toBe('司法所')
    expect(w.get('[data-testid="about-db-path"]').text()).toBe(DB)
    expect(w.get('[data-testid="about-summary"]').text()).toContain('人民调解')
  })

  it('states the promises: offline, nothing lost, a daily backup', async () => {
    logIn(STAFF)
    const w = await mountScreen(AboutView)
    const promises = w.get('[data-testid="about-promises"]').text()
    expect(promises).toContain('不联网')
    expect(promises).toContain('不丢失')
    expect(promises).toContain('每日备份')
  })

  it('lists the keyboard shortcuts the window has', async () => {
    logIn(STAFF)
    const w = await mountScreen(AboutView)
    const rows = w.findAll('[data-testid="about-shortcut"]')
    expect(rows.map((r) => r.get('kbd').text())).toEqual(SHORTCUTS.map((s) => s.keys))
    expect(rows[0].text()).toContain('保存')
    expect(rows.map((r) => r.text()).join(' ')).toContain('F1')
  })

  it('shows a district bureau as such, and no data location it does not know', async () => {
    logIn(STAFF, { office: DISTRICT, dbPath: '' })
    const w = await mountScreen(AboutView)
    expect(w.get('[data-testid="about-office-mode"]').text()).toBe('区司法局')
    expect(w.get('[data-testid="about-office"]').text()).toContain('单位代码')
    expect(w.find('[data-testid="about-data"]').exists()).toBe(false)
  })

  it('opens the help', async () => {
    logIn(STAFF)
    const w = await mountScreen(AboutView)
    await w.get('[data-testid="about-open-help"]').trigger('click')
    expect(helpDrawer.open).toBe(true)
  })
})
