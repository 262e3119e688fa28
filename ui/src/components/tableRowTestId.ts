// Element Plus tables render their rows themselves and take no attributes for them: this puts
// data-testid="<testId>" on every body row of a table (and on rows it adds later). A table that
// appears after mounting (v-if) is followed too.
import { onBeforeUnmount, onMounted, watch, type Ref } from 'vue'

interface HasEl {
  $el: unknown
}

export function useTableRowTestId(table: Ref<HasEl | null>, testId: string) {
  let observer: MutationObserver | null = null
  let observed: Element | null = null
  let mounted = false

  function tag(root: Element) {
    for (const tr of root.querySelectorAll('.el-table__body tr.el-table__row')) {
      if (tr.getAttribute('data-testid') !== testId) tr.setAttribute('data-testid', testId)
    }
  }

  function follow() {
    const root = table.value?.$el
    const el = root instanceof Element ? root : null
    if (el === observed) return
    observer?.disconnect()
    observer = null
    observed = el
    if (!el) return
    tag(el)
    observer = new MutationObserver(() => tag(el))
    observer.observe(el, { childList: true, subtree: true })
  }

  onMounted(() => {
    mounted = true
    follow()
  })
  watch(table, () => {
    if (mounted) follow()
  }, { flush: 'post' })
  onBeforeUnmount(() => {
    mounted = false
    observer?.disconnect()
    observer = null
    observed = null
  })
}
