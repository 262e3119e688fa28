import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { h } from 'vue'
import { RouterView, createMemoryHistory, createRouter, type Router } from 'vue-router'
import HelpDrawer from './HelpDrawer.vue'
import { FIELD_HELP } from '../help/fields'
import { closeHelp, helpDrawer, openHelp } from '../help/helpState'
import { SCREEN_HELP } from '../help/screens'
import { resetSession, session } from '../store/session'
import { DISTRICT, STAFF, logIn, startReady } from '../test/session'

const page = (id: string) => ({ render: () => h('div', { 'data-testid': id }) })

let router: Router
let w: VueWrapper | null = null

async function mountAt(path: string) {
  router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'dashboard', component: page('dashboard') },
      { path: '/login', name: 'login', component: page('login') },
      { path: '/legal-aid/applications/:id', name: 'legal-aid-application', component: page('application') },
      { path: '/mediation', name: 'mediation', component: page('mediation') },
      { path: '/about', name: 'about', component: page('about') },
      { path: '/elsewhere', component: page('elsewhere') },
    ],
  })
  await router.push(path)
  await router.isReady()
  // Real transitions: the drawer tells its v-model that it closed once its leave transition has run.
  w = mount(
    { render: () => h('div', [h(RouterView), h(HelpDrawer)]) },
    { global: { plugins: [router], stubs: { transition: false } }, attachTo: document.body },
  )
  await flushPromises()
  return w
}

function press(key: string, target: EventTarget = document.body): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { key, code: key, bubbles: true, cancelable: true })
  target.dispatchEvent(e)
  return e
}

const drawer = () => w!.find('[data-testid="help-drawer"]')
const shown = () => drawer().exists() && drawer().isVisible()

beforeEach(() => {
  resetSession()
  closeHelp()
  logIn(STAFF)
})

afterEach(() => {
  w?.unmount()
  w = null
  closeHelp()
  document.body.innerHTML = ''
})

describe('HelpDrawer', () => {
  it('opens on F1 with the help of the screen on display, keeping the WebView’s own F1 from running', async () => {
    await mountAt('/legal-aid/applications/abc')
    expect(shown()).toBe(false)
    const e = press('F1')
    await flushPromises()
    expect(e.defaultPrevented).toBe(true)
    expect(helpDrawer.open).toBe(true)
    expect(shown()).toBe(true)
    const help = SCREEN_HELP['legal-aid-application']
    expect(w!.get('[data-testid="help-title"]').text()).toBe('帮助：法律援助申请')
    expect(w!.get('[data-testid="help-purpose"]').text()).toBe(help.purpose)
    expect(w!.findAll('[data-testid="help-steps"] li')).toHaveLength(help.steps.length)
    expect(w!.get('[data-testid="help-marks"]').text()).toContain('按时完成')
    // the legal help of the form's fields, listed again for whoever does not use the mouse
    const fields = w!.get('[data-testid="help-fields"]').text()
    expect(fields).toContain('转交日期')
    expect(fields).toContain(FIELD_HELP['legalAid.provisional'].text)
  })

  it('closes on Esc', async () => {
    await mountAt('/mediation')
    press('F1')
    await flushPromises()
    expect(shown()).toBe(true)
    expect(w!.get('[data-testid="help-title"]').text()).toBe('帮助：人民调解')
    press('Escape', document)
    await vi.waitFor(() => expect(helpDrawer.open).toBe(false))
    expect(shown()).toBe(false)
  })

  it('follows the route, and shows the district bureau’s own help in district mode', async () => {
    await mountAt('/')
    openHelp()
    await flushPromises()
    expect(w!.get('[data-testid="help-purpose"]').text()).toBe(SCREEN_HELP.dashboard.purpose)
    session.status!.office = { ...DISTRICT }
    await flushPromises()
    expect(w!.get('[data-testid="help-purpose"]').text()).toContain('报送情况')
    await router.push('/mediation')
    await flushPromises()
    expect(w!.get('[data-testid="help-title"]').text()).toBe('帮助：人民调解')
    expect(w!.get('[data-testid="help-purpose"]').text()).toContain('不能新建')
  })

  it('has general help on a screen without its own', async () => {
    await mountAt('/elsewhere')
    openHelp()
    await flushPromises()
    expect(w!.get('[data-testid="help-title"]').text()).toBe('帮助：司法所工作台')
  })

  it('leads to 关于, closing itself', async () => {
    await mountAt('/mediation')
    openHelp()
    await flushPromises()
    await w!.get('[data-testid="help-about"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('about')
    expect(helpDrawer.open).toBe(false)
    // on 关于 itself there is no link to it
    openHelp()
    await flushPromises()
    expect(w!.get('[data-testid="help-title"]').text()).toBe('帮助：关于')
    expect(w!.find('[data-testid="help-about"]').exists()).toBe(false)
  })

  it('helps on the login page too, without the link to 关于 (behind the login)', async () => {
    resetSession()
    startReady()
    await mountAt('/login')
    press('F1')
    await flushPromises()
    expect(w!.get('[data-testid="help-title"]').text()).toBe('帮助：登录')
    expect(w!.find('[data-testid="help-about"]').exists()).toBe(false)
  })

  it('does not open while the screen is locked, and closes when it locks', async () => {
    await mountAt('/mediation')
    session.locked = true
    press('F1')
    await flushPromises()
    expect(helpDrawer.open).toBe(false)
    session.locked = false
    press('F1')
    await flushPromises()
    expect(helpDrawer.open).toBe(true)
    session.locked = true
    await flushPromises()
    expect(helpDrawer.open).toBe(false)
  })
})
