import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { createTransport } from './api'
import { provideSocketApi } from './api/provider'
import { i18n } from './i18n'
import { useConnectionStore } from './stores/connection'
import './styles/base.css'

const transport = createTransport()
provideSocketApi(transport.api)

const pinia = createPinia()
const app = createApp(App).use(pinia).use(i18n)
useConnectionStore(pinia).attach(transport)
app.mount('#app')
