import { createApp } from 'vue';
import App from './App.vue';
import { installElementPlus } from './modules/element-plus';
import { i18n } from './modules/i18n';
import { router } from './modules/router';
import './styles.css';

const app = createApp(App);
app.use(i18n);
app.use(router);
installElementPlus(app);
app.mount('#app');

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  void navigator.serviceWorker.register('/sw.js');
}
