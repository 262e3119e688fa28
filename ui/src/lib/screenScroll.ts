// Where the main area's scroll goes after a navigation: a new screen (or a new page or filter of a list)
// starts at its top, not where the previous one was left.
import type { RouteLocationNormalized } from 'vue-router'

type Place = Pick<RouteLocationNormalized, 'fullPath' | 'name' | 'params'>

/** Whether the navigation `from` → `to` shows the main area from its top again. Not when nothing changed,
 * nor when a new record got its id on its first save (…/new → …/<id>): the form stays mounted where the
 * user was working. */
export function startsAtTop(to: Place, from: Place): boolean {
  if (to.fullPath === from.fullPath) return false
  const firstSave = to.name !== undefined && to.name === from.name && from.params.id === 'new' && to.params.id !== 'new'
  return !firstSave
}
