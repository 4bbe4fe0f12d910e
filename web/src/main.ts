import { createApp } from 'vue';
import { createPinia } from 'pinia';
import 'element-plus/dist/index.css';
import './styles/main.css';
import './styles/contrast.css';
import App from './App.vue';
import { router } from './router';
import { i18n } from './i18n';
import { installSessionHooks, useSession } from './stores/session';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(i18n);

const session = useSession(pinia);
installSessionHooks(session, {
  onLoggedOut: () => {
    const current = router.currentRoute.value;
    if (current.name !== 'login') {
      void router.replace({ name: 'login', query: { redirect: current.fullPath } });
    }
  },
  // told first, then the drafts go (the notice names how many)
  notifyExpired: async (n) => (await import('./lib/sessionNotices')).showExpiryNotice(n),
});

app.use(router);
document.documentElement.lang = i18n.global.locale.value;
app.mount('#app');
// the demo banner: /auth/me says so once the session is known, else GET /health (login page)
void router.isReady().then(() => session.loadDemo());
