import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { provideSocketApi } from '../../renderer/src/api/provider'
import { i18n } from '../../renderer/src/i18n'
import { createFakeApi, type FakeApi } from './fake-api'

/** A fresh Pinia and fake API per test; English UI text so assertions read like the contract. */
export function setupRenderer(): {
  pinia: Pinia
  api: FakeApi
  plugins: [Pinia, typeof i18n]
} {
  localStorage.clear()
  const pinia = createPinia()
  setActivePinia(pinia)
  i18n.global.locale.value = 'en'
  const api = createFakeApi()
  provideSocketApi(api)
  return { pinia, api, plugins: [pinia, i18n] }
}
