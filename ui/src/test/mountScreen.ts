// A screen as the app shows it: inside the layout's content (a div), attached to the document, where
// Element Plus puts its popups and dialogs. After each test the screen and whatever it left in the
// document go (`afterEach(unmountScreen)`).
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { h, type Component } from 'vue'
import { createMemoryHistory, createRouter, type Router, type RouteRecordRaw } from 'vue-router'

let shown: VueWrapper | null = null

/** `screen` mounted and settled (its first loads answered). */
export async function mountScreen(
  screen: Component,
  options: { router?: Router; props?: Record<string, unknown> } = {},
): Promise<VueWrapper> {
  shown = mount(
    { render: () => h('div', [h(screen, options.props)]) },
    { global: { plugins: options.router ? [options.router] : [] }, attachTo: document.body },
  )
  await flushPromises()
  return shown
}

/** A memory router of `routes`, already at `path`. */
export async function routerAt(path: string, routes: RouteRecordRaw[]): Promise<Router> {
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push(path)
  await router.isReady()
  return router
}

export function unmountScreen() {
  shown?.unmount()
  shown = null
  document.body.innerHTML = ''
}
