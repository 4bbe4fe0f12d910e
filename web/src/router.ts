import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { useSession } from './stores/session';
import { homeRoute, routeAllowed } from './lib/roles';
import { setupStatus } from './lib/setup';
import AppLayout from './layouts/AppLayout.vue';

/** Enterprise accounts see their own unit only: no task list. */
const REGULATED = ['enterprise'];

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true } },
  // 首次使用: creates the district, the street and the first accounts while the database has no street
  { path: '/setup', name: 'setup', component: () => import('./views/SetupView.vue'), meta: { public: true } },
  {
    path: '/',
    component: AppLayout,
    children: [
      { path: '', name: 'dashboard', component: () => import('./views/DashboardView.vue'), meta: { title: 'nav.dashboard' } },
      { path: 'registry', name: 'registry', component: () => import('./views/RegistryView.vue'), meta: { title: 'nav.registry' } },
      { path: 'roster', name: 'roster', component: () => import('./views/RosterView.vue'), meta: { title: 'nav.roster' } },
      { path: 'regions', name: 'regions', component: () => import('./views/RegionsView.vue'), meta: { title: 'nav.regions' } },
      { path: 'imports', name: 'imports', component: () => import('./views/ImportView.vue'), meta: { title: 'nav.imports' } },
      { path: 'plans', name: 'plans', component: () => import('./views/plans/PlanListView.vue'), meta: { title: 'nav.plans', denyRoles: ['enterprise'] } },
      { path: 'plans/new', name: 'plan-new', component: () => import('./views/plans/PlanWizardView.vue'), meta: { title: 'plan.wiz.title', denyRoles: ['enterprise'] } },
      { path: 'hazards', name: 'hazards', component: () => import('./views/hazards/HazardListView.vue'), meta: { title: 'nav.hazards' } },
      { path: 'hazards/major', name: 'hazard-board', component: () => import('./views/hazards/MajorHazardBoardView.vue'), meta: { title: 'nav.majorBoard', denyRoles: ['enterprise'] } },
      { path: 'tasks', name: 'tasks', component: () => import('./views/inspections/TaskListView.vue'), meta: { title: 'nav.tasks', denyRoles: REGULATED } },
      { path: 'tasks/:id(\\d+)/inspect', name: 'inspect', component: () => import('./views/inspections/InspectionFormView.vue'), meta: { title: 'nav.inspect', action: 'inspect' } },
      { path: 'records/:id(\\d+)', name: 'record', component: () => import('./views/inspections/RecordView.vue'), meta: { title: 'nav.record' } },
      { path: 'documents', name: 'documents', component: () => import('./views/inspections/DocumentListView.vue'), meta: { title: 'nav.documents' } },
      { path: 'portal', name: 'portal', component: () => import('./views/portal/PortalHomeView.vue'), meta: { title: 'nav.portal', roles: ['enterprise'] } },
      { path: 'self-inspections', name: 'self-inspections', component: () => import('./views/portal/SelfInspectionListView.vue'), meta: { title: 'nav.selfInspections', roles: ['enterprise'] } },
      { path: 'self-inspections/new', name: 'self-inspection-new', component: () => import('./views/portal/SelfInspectionFormView.vue'), meta: { title: 'nav.selfInspections', roles: ['enterprise'] } },
      { path: 'notices', name: 'notices', component: () => import('./views/portal/NoticeListView.vue'), meta: { title: 'nav.notices' } },
      { path: 'accounts', name: 'accounts', component: () => import('./views/security/AccountsView.vue'), meta: { title: 'nav.accounts', roles: ['security_admin'] } },
      { path: 'audit', name: 'audit', component: () => import('./views/security/AuditLogView.vue'), meta: { title: 'nav.audit', roles: ['auditor'] } },
      { path: 'account', name: 'account', component: () => import('./views/security/MyAccountView.vue'), meta: { title: 'nav.account' } },
      { path: 'plans/:id(\\d+)', name: 'plan', component: () => import('./views/plans/PlanView.vue'), meta: { title: 'plan.detailTitle', denyRoles: ['enterprise'] } },
    ],
  },
  { path: '/:pathMatch(.*)*', redirect: '/' },
];

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: () => ({ top: 0 }),
});

router.beforeEach(async (to) => {
  const session = useSession();
  // the first navigation asks the server whether the session cookie is still good (GET /auth/me)
  await session.ensure();
  const role = session.role;
  if (to.meta.public) {
    // once a street exists the first-run screen has nothing to do: sign in instead
    if (to.name === 'setup') return (await setupStatus()) === true ? { name: 'login' } : true;
    if (to.name === 'login' && session.isAuthenticated) return { name: homeRoute(role) };
    return true;
  }
  if (!session.isAuthenticated) {
    // no street yet means no account to sign in with: the first-run screen (the login page,
    // opened directly, says so too)
    if ((await setupStatus()) === false) return { name: 'setup' };
    return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
  }
  // a temporary or reset password is changed before anything else
  if (session.mustChangePassword && to.name !== 'account') {
    return { name: 'account', query: { force: '1', ...(to.fullPath !== '/' ? { redirect: to.fullPath } : {}) } };
  }
  const name = typeof to.name === 'string' ? to.name : '';
  // enterprise accounts land on their portal, the security admin on 账号管理, the auditor on 审计日志
  if (name === 'dashboard' && homeRoute(role) !== 'dashboard') return { name: homeRoute(role) };
  if (!routeAllowed(role, name, to.meta)) return { name: homeRoute(role) };
  // a route for those who may do something (the server's allowed_actions), e.g. 现场检查: inspect
  if (to.meta.action && !session.can(to.meta.action)) return { name: homeRoute(role) };
  return true;
});
