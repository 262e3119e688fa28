// Routes (hash history, as the app is served from the Tauri asset protocol) and the guard that keeps
// a user who is not logged in out of the main screens.
import { createRouter, createWebHashHistory, type RouteLocationRaw, type RouteRecordRaw, type Router } from 'vue-router'
import { boot, session } from './store/session'
import MainLayout from './views/MainLayout.vue'
import LoginView from './views/LoginView.vue'
import SetupView from './views/SetupView.vue'
import HomeView from './views/HomeView.vue'
import MediationListView from './views/MediationListView.vue'
import CaseFormView from './views/CaseFormView.vue'
import HolidayCalendarView from './views/HolidayCalendarView.vue'

// The legal-aid screens are loaded when first opened (their own chunk keeps the start-up bundle small).
const ConsultationView = () => import('./views/ConsultationView.vue')
const LegalAidListView = () => import('./views/LegalAidListView.vue')
const LegalAidFormView = () => import('./views/LegalAidFormView.vue')
// The community-correction screens likewise.
const CorrectionListView = () => import('./views/CorrectionListView.vue')
const CorrectionSubjectView = () => import('./views/CorrectionSubjectView.vue')
const SupervisionLevelView = () => import('./views/SupervisionLevelView.vue')
// 月度报送 likewise.
const BatchView = () => import('./views/BatchView.vue')
// 区司法局模式 (district mode) likewise.
const ImportView = () => import('./views/ImportView.vue')
const SubmissionsView = () => import('./views/SubmissionsView.vue')
const DistrictStatisticsView = () => import('./views/DistrictStatisticsView.vue')
const DuplicatesView = () => import('./views/DuplicatesView.vue')
const OfficesView = () => import('./views/OfficesView.vue')
// 系统管理 (administrators: the core refuses anyone else, and the screens show its refusal) likewise.
const UsersView = () => import('./views/UsersView.vue')
const AuditView = () => import('./views/AuditView.vue')
const BackupView = () => import('./views/BackupView.vue')
const SettingsView = () => import('./views/SettingsView.vue')
// 关于 likewise.
const AboutView = () => import('./views/AboutView.vue')

declare module 'vue-router' {
  interface RouteMeta {
    requiresAuth?: boolean
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/setup', name: 'setup', component: SetupView },
  { path: '/login', name: 'login', component: LoginView },
  {
    path: '/',
    component: MainLayout,
    meta: { requiresAuth: true },
    children: [
      // The office's 工作台, or the district's in district mode.
      { path: '', name: 'dashboard', component: HomeView, meta: { requiresAuth: true } },
      { path: 'mediation', name: 'mediation', component: MediationListView, meta: { requiresAuth: true } },
      // "new" and an id share one record so the form stays mounted when a new case gets its id.
      { path: 'mediation/:id', name: 'mediation-case', component: CaseFormView, meta: { requiresAuth: true } },
      { path: 'legal-aid', redirect: '/legal-aid/applications' },
      {
        path: 'legal-aid/consultations',
        name: 'legal-aid-consultations',
        component: ConsultationView,
        meta: { requiresAuth: true },
      },
      {
        path: 'legal-aid/applications',
        name: 'legal-aid-applications',
        component: LegalAidListView,
        meta: { requiresAuth: true },
      },
      // As for mediation: "new" and an id share one record so the form stays mounted on its first save.
      {
        path: 'legal-aid/applications/:id',
        name: 'legal-aid-application',
        component: LegalAidFormView,
        meta: { requiresAuth: true },
      },
      { path: 'correction', name: 'correction', component: CorrectionListView, meta: { requiresAuth: true } },
      // As for legal aid: "new" and an id share one record so the page stays mounted on its first save.
      {
        path: 'correction/:id',
        name: 'correction-subject',
        component: CorrectionSubjectView,
        meta: { requiresAuth: true },
      },
      {
        path: 'settings/supervision-levels',
        name: 'supervision-levels',
        component: SupervisionLevelView,
        meta: { requiresAuth: true },
      },
      { path: 'batch', name: 'batch', component: BatchView, meta: { requiresAuth: true } },
      { path: 'district/import', name: 'district-import', component: ImportView, meta: { requiresAuth: true } },
      {
        path: 'district/submissions',
        name: 'district-submissions',
        component: SubmissionsView,
        meta: { requiresAuth: true },
      },
      {
        path: 'district/statistics',
        name: 'district-statistics',
        component: DistrictStatisticsView,
        meta: { requiresAuth: true },
      },
      {
        path: 'district/duplicates',
        name: 'district-duplicates',
        component: DuplicatesView,
        meta: { requiresAuth: true },
      },
      { path: 'district/offices', name: 'district-offices', component: OfficesView, meta: { requiresAuth: true } },
      { path: 'settings/holidays', name: 'holidays', component: HolidayCalendarView, meta: { requiresAuth: true } },
      { path: 'settings/users', name: 'users', component: UsersView, meta: { requiresAuth: true } },
      { path: 'settings/audit', name: 'audit', component: AuditView, meta: { requiresAuth: true } },
      { path: 'settings/backup', name: 'backup', component: BackupView, meta: { requiresAuth: true } },
      { path: 'settings/system', name: 'settings', component: SettingsView, meta: { requiresAuth: true } },
      // 关于: the product, its version, the office, where the data is kept, the shortcuts (everyone).
      { path: 'about', name: 'about', component: AboutView, meta: { requiresAuth: true } },
    ],
  },
  { path: '/:pathMatch(.*)*', redirect: '/' },
]

/** Where the guard sends a navigation to `path` (true: let it through). Pure apart from reading `session`. */
export function guardTarget(path: string, requiresAuth: boolean): true | RouteLocationRaw {
  if (session.fatal || !session.status) return true // App.vue shows the error page instead of routes
  if (session.status.state === 'needs_setup') return path === '/setup' ? true : '/setup'
  if (path === '/setup') return session.user ? '/' : '/login'
  if (requiresAuth && !session.user) return '/login'
  if (path === '/login' && session.user) return '/'
  return true
}

export function createAppRouter(): Router {
  const router = createRouter({ history: createWebHashHistory(), routes })
  router.beforeEach(async (to) => {
    await boot()
    return guardTarget(to.path, to.matched.some((r) => r.meta.requiresAuth))
  })
  return router
}
