// Element Plus tables render their rows themselves and take no attributes for them: this puts
// data-testid="<testId>" on every body row of a table (and on rows it adds later).
import { onBeforeUnmount, onMounted, type Ref } from 'vue'

interface HasEl {
  $el: unknown
}

export function useTableRowTestId(table: Ref<HasEl | null>, testId: string) {
  let observer: MutationObserver | null = null

  function tag(root: Element) {
    for (const tr of root.querySelectorAll('.el-table__body tr.el-table__row')) {
      if (tr.getAttribute('data-testid') !== testId) tr.setAttribute('data-testid', testId)
    }
  }

  onMounted(() => {
    const root = table.value?.$el
    if (!(root instanceof Element)) return
    tag(root)
    observer = new MutationObserver(() => tag(root))
    observer.observe(root, { childList: true, subtree: true })
  })
  onBeforeUnmount(() => {
    observer?.disconnect()
    observer = null
  })
}
