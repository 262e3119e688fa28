import { createApp } from 'vue'
import 'dayjs/locale/zh-cn'
// Styles of the components used from script (not resolved from templates).
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import App from './App.vue'
import { onAuthRequired, onPasswordChangeRequired, onSessionLocked } from './api'
import { createAppRouter } from './router'
import { discardUnsavedWork } from './composables/useUnsavedChanges'
import { boot, markLocked, requirePasswordChange, setUser } from './store/session'
// Last, so that it comes after the component styles of Element Plus and can adjust them.
import './styles/main.css'

const router = createAppRouter()

// The session ended in the core: back to the login screen.
onAuthRequired(() => {
  // The session is gone: unsaved work can no longer be saved, and must not hold up the way to login.
  discardUnsavedWork()
  setUser(null)
  if (router.currentRoute.value.path !== '/login') void router.replace('/login')
})
// The core locked the session (idle too long): the lock screen covers the window, which stays as it is.
onSessionLocked(markLocked)
// The password set by an administrator must be changed first: the change-password dialog is forced.
onPasswordChangeRequired(requirePasswordChange)

const app = createApp(App)
app.use(router)
void boot()
app.mount('#app')
