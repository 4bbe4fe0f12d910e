import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { useSession } from './stores/session';
import AppLayout from './layouts/AppLayout.vue';

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true } },
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

router.beforeEach((to) => {
  const session = useSession();
  if (!to.meta.public && !session.isAuthenticated) {
    return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
  }
  if (to.name === 'login' && session.isAuthenticated) return { name: 'dashboard' };
  const deny = to.meta.denyRoles;
  if (deny && session.user && deny.includes(session.user.role)) return { name: 'dashboard' };
  return true;
});
