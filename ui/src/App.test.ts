import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { h } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'

vi.mock('./api', async (orig) => ({ ...(await orig<typeof import('./api')>()), appStatus: vi.fn() }))

import * as api from './api'
import App from './App.vue'
import { boot, resetSession } from './store/session'

afterEach(() => {
  resetSession()
  document.body.innerHTML = ''
})

async function mountApp() {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { render: () => h('div', { 'data-testid': 'routed' }) } }] })
  await router.push('/')
  await boot()
  const w = mount(App, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return w
}

describe('startup', () => {
  it('shows only the error page when the core cannot open its database', async () => {
    vi.mocked(api.appStatus).mockResolvedValue({
      state: 'error',
      error: { code: 'store.foreign_file', message: '数据库文件不属于本程序，无法打开', fields: [] },
      office: null,
      user: null,
      today: '2026-11-27',
      dbPath: '/tmp/x.db',
      version: '0.1.0',
    })
    const w = await mountApp()
    const page = w.get('[data-testid="app-error"]')
    expect(page.text()).toContain('数据库文件不属于本程序，无法打开')
    expect(page.text()).toContain('请关闭本程序后重试；如仍无法打开，请联系区司法局信息管理员。')
    expect(w.find('[data-testid="routed"]').exists()).toBe(false)
  })

  it('shows a Chinese error page when app_status itself fails', async () => {
    vi.mocked(api.appStatus).mockRejectedValue(new TypeError('window.__TAURI_INTERNALS__ is undefined'))
    const w = await mountApp()
    const text = w.get('[data-testid="app-error"]').text()
    expect(text).not.toContain('TAURI')
    expect(text).toMatch(/[\u4e00-\u9fff]/)
  })

  it('routes normally when the core is ready', async () => {
    vi.mocked(api.appStatus).mockResolvedValue({
      state: 'ready',
      error: null,
      office: null,
      user: null,
      today: '2026-11-27',
      dbPath: '',
      version: '0.1.0',
    })
    const w = await mountApp()
    expect(w.find('[data-testid="app-error"]').exists()).toBe(false)
    expect(w.find('[data-testid="routed"]').exists()).toBe(true)
  })
})
