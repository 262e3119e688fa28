import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { h } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'

vi.mock('../api', () => ({ codeTables: vi.fn(), logout: vi.fn() }))

import * as api from '../api'
import MainLayout from './MainLayout.vue'
import { resetCodeTables } from '../store/codeTables'
import { resetSession } from '../store/session'
import { realCodeTables } from '../test/codeTables'

const page = (id: string) => ({ render: () => h('div', { 'data-testid': id }) })

beforeEach(() => {
  resetSession()
  resetCodeTables()
  vi.mocked(api.codeTables).mockResolvedValue(realCodeTables())
})

afterEach(() => {
  document.body.innerHTML = ''
})

describe('MainLayout menu', () => {
  it('has the legal-aid sub-menu open, with its two items leading to their screens', async () => {
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        {
          path: '/',
          component: MainLayout,
          children: [
            { path: '', component: page('dashboard') },
            { path: 'mediation', component: page('mediation') },
            { path: 'legal-aid/consultations', component: page('consultations') },
            { path: 'legal-aid/applications', component: page('applications') },
            { path: 'legal-aid/applications/:id', component: page('application') },
            { path: 'settings/holidays', component: page('holidays') },
          ],
        },
      ],
    })
    await router.push('/legal-aid/applications/abc')
    await router.isReady()
    const w = mount({ render: () => h('div', [h(MainLayout)]) }, { global: { plugins: [router] }, attachTo: document.body })
    await flushPromises()
    expect(w.get('[data-testid="nav-legal-aid-menu"]').text()).toBe('法律援助')
    const consult = w.get('[data-testid="nav-consultations"]')
    const apps = w.get('[data-testid="nav-legal-aid"]')
    expect(consult.text()).toBe('咨询登记')
    expect(apps.text()).toBe('援助申请')
    expect(consult.isVisible()).toBe(true)
    // the form of an application keeps 援助申请 highlighted
    expect(apps.classes()).toContain('is-active')
    await consult.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/legal-aid/consultations')
    expect(w.get('[data-testid="nav-consultations"]').classes()).toContain('is-active')
    w.unmount()
  })
})
