import { watch, watchEffect } from 'vue';
import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router';
import { homeFor, useSession, type SessionEnd } from '../composables/useSession';
import { i18n } from './i18n';
import type { Role } from '../lib/types';

declare module 'vue-router' {
  interface RouteMeta {
    /** Who may open the page; absent means anyone (/login, /forgot-password, /signup). */
    roles?: Role[];
    /** The i18n key of the page's name, shown in the browser tab's title. */
    title?: string;
  }
}

const OFFICE: Role[] = ['office', 'admin'];
const ADMIN: Role[] = ['admin'];

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', redirect: '/login' },
    { path: '/login', name: 'login', component: () => import('../pages/LoginPage.vue'), meta: { title: 'login.submit' } },
    { path: '/forgot-password', name: 'forgot-password', component: () => import('../pages/ForgotPasswordPage.vue'), meta: { title: 'forgot.title' } },
    { path: '/signup', name: 'signup', component: () => import('../pages/SignupPage.vue'), meta: { title: 'signup.title' } },
    // The proof's print view: an office page without the office menu, so only the 5.7 cm paper is printed.
    { path: '/office/invoices/:id/print', name: 'office-invoice-proof', component: () => import('../pages/office/InvoiceProofPrintPage.vue'), meta: { roles: OFFICE, title: 'invoices.proof.action' } },
    // One inspection's record on A4, without a menu: the office prints it for the fire department, the customer their copy.
    {
      path: '/safety-inspections/:id/print',
      name: 'safety-inspection-print',
      component: () => import('../pages/SafetyInspectionPrintPage.vue'),
      meta: { roles: ['office', 'admin', 'customer'], title: 'safety.print.title' },
    },
    {
      path: '/office',
      component: () => import('../pages/office/OfficeLayout.vue'),
      meta: { roles: OFFICE },
      children: [
        { path: '', name: 'office-board', component: () => import('../pages/office/OrdersBoardPage.vue'), meta: { roles: OFFICE, title: 'nav.board' } },
        { path: 'orders/new', name: 'office-new-order', component: () => import('../pages/office/NewOrderPage.vue'), meta: { roles: OFFICE, title: 'nav.newOrder' } },
        { path: 'customers', name: 'office-customers', component: () => import('../pages/office/CustomersPage.vue'), meta: { roles: OFFICE, title: 'nav.customers' } },
        { path: 'statements', name: 'office-statements', component: () => import('../pages/office/StatementBatchPage.vue'), meta: { roles: OFFICE, title: 'nav.statements' } },
        { path: 'customers/:id/statement', name: 'office-statement', component: () => import('../pages/office/StatementPage.vue'), meta: { roles: OFFICE, title: 'statement.open' } },
        { path: 'routes', name: 'office-routes', component: () => import('../pages/office/RoutePlanningPage.vue'), meta: { roles: OFFICE, title: 'nav.routes' } },
        { path: 'predictions', name: 'office-predictions', component: () => import('../pages/office/PredictionsPage.vue'), meta: { roles: OFFICE, title: 'nav.predictions' } },
        { path: 'reports', name: 'office-reports', component: () => import('../pages/office/ReportsPage.vue'), meta: { roles: OFFICE, title: 'nav.reports' } },
        { path: 'payments', name: 'office-payments', component: () => import('../pages/office/PaymentJournalPage.vue'), meta: { roles: OFFICE, title: 'nav.payments' } },
        { path: 'receivables', name: 'office-receivables', component: () => import('../pages/office/ReceivablesPage.vue'), meta: { roles: OFFICE, title: 'nav.receivables' } },
        { path: 'cylinders', name: 'office-cylinders', component: () => import('../pages/office/CylinderStockPage.vue'), meta: { roles: OFFICE, title: 'nav.cylinders' } },
        { path: 'safety', name: 'office-safety', component: () => import('../pages/office/SafetyInspectionsPage.vue'), meta: { roles: OFFICE, title: 'nav.safety' } },
        { path: 'announcements', name: 'office-announcements', component: () => import('../pages/office/AnnouncementsPage.vue'), meta: { roles: OFFICE, title: 'nav.announcements' } },
        { path: 'service-calls', name: 'office-service-calls', component: () => import('../pages/office/ServiceCallsPage.vue'), meta: { roles: OFFICE, title: 'nav.serviceCalls' } },
        { path: 'invoices', name: 'office-invoices', component: () => import('../pages/office/InvoicesPage.vue'), meta: { roles: OFFICE, title: 'nav.invoices' } },
      ],
    },
    {
      // Same layout as the office: admins work in both areas from one menu.
      path: '/admin',
      component: () => import('../pages/office/OfficeLayout.vue'),
      meta: { roles: ADMIN },
      children: [
        { path: '', redirect: '/admin/users' },
        { path: 'users', name: 'admin-users', component: () => import('../pages/admin/UsersPage.vue'), meta: { roles: ADMIN, title: 'nav.users' } },
        { path: 'prices', name: 'admin-prices', component: () => import('../pages/admin/PricesPage.vue'), meta: { roles: ADMIN, title: 'nav.prices' } },
        { path: 'fleet', name: 'admin-fleet', component: () => import('../pages/admin/FleetPage.vue'), meta: { roles: ADMIN, title: 'nav.fleet' } },
        { path: 'books', name: 'admin-books', component: () => import('../pages/admin/BooksPage.vue'), meta: { roles: ADMIN, title: 'nav.books' } },
        { path: 'closures', name: 'admin-closures', component: () => import('../pages/admin/ClosuresPage.vue'), meta: { roles: ADMIN, title: 'nav.closures' } },
        { path: 'audit-log', name: 'admin-audit-log', component: () => import('../pages/admin/AuditLogPage.vue'), meta: { roles: ADMIN, title: 'nav.auditLog' } },
      ],
    },
    { path: '/driver', name: 'driver', component: () => import('../pages/driver/DriverPage.vue'), meta: { roles: ['driver'], title: 'driver.title' } },
    { path: '/portal', name: 'portal', component: () => import('../pages/portal/PortalPage.vue'), meta: { roles: ['customer'], title: 'portal.title' } },
    { path: '/:pathMatch(.*)*', redirect: '/login' },
  ],
});

const { session, endedBecause } = useSession();

function guard(to: RouteLocationNormalized) {
  const roles = to.meta.roles;
  if (!roles) {
    // A signed-in user opening /login goes straight home.
    return to.name === 'login' && session.value ? homeFor(session.value.user.role) : true;
  }
  if (!session.value) return { name: 'login', query: { redirect: to.fullPath } };
  if (!roles.includes(session.value.user.role)) return homeFor(session.value.user.role);
  return true;
}

router.beforeEach(guard);

// Logout, a password change, a 401 or the token expiring ends the session: leave the protected page at once. Only an
// expired session comes back to the page it left and says it expired; a password change asks for the new one; a disabled
// account is told so, and that signing in again will not help.
const LOGIN_QUERY: Record<SessionEnd, (from: string) => Record<string, string>> = {
  expired: (from) => ({ redirect: from, expired: '1' }),
  signedOut: () => ({}),
  passwordChanged: () => ({ passwordChanged: '1' }),
  accountDisabled: () => ({ accountDisabled: '1' }),
};
watch(session, (now) => {
  const here = router.currentRoute.value;
  if (!now && here.meta.roles) void router.replace({ name: 'login', query: LOGIN_QUERY[endedBecause.value ?? 'expired'](here.fullPath) });
});

// The tab's title names the page in the chosen language (「客戶 – 幸福氣」), so a screen reader announces where a
// navigation landed and open tabs can be told apart (WCAG 2.4.2).
watchEffect(() => {
  const { t } = i18n.global;
  const key = router.currentRoute.value.meta.title;
  document.title = key ? `${t(key)} – ${t('app.brand')}` : t('app.brand');
});
