// Whether the F1 help drawer is open: one drawer for the window (`components/HelpDrawer.vue`, drawn by
// App.vue), opened by F1 anywhere and by 帮助 (F1) in the header of MainLayout.vue.
import { reactive } from 'vue'

export const helpDrawer = reactive({ open: false })

export function openHelp() {
  helpDrawer.open = true
}

export function closeHelp() {
  helpDrawer.open = false
}
