import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { provideSocketApi } from '../../renderer/src/api/provider'
import { ProfileLimits } from '../../electron/shared/profiles'
import { useProfilesStore } from '../../renderer/src/stores/profiles'
import { useSessionFormStore } from '../../renderer/src/stores/session-form'
import { fakeProfilesHost, profile } from './profiles-fake-host'

const echo = profile({ name: 'Echo', connection: { kind: 'tcp-client', host: '10.0.0.5', port: 7 } })

function setUp(initial = [echo]) {
  const host = fakeProfilesHost(initial)
  provideSocketApi(host.socketApi)
  setActivePinia(createPinia())
  return { host, store: useProfilesStore() }
}

describe('profiles store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
  })

  it('does not save a form that is not valid, and says why', async () => {
    const { host, store } = setUp()
    useSessionFormStore().fill({ kind: 'tcp-client', host: '127.0.0.1', port: 7 })
    useSessionFormStore().clientPort = 'not a port'
    expect(await store.saveForm('Broken')).toBe('failed')
    expect(store.error?.code).toBe('ERR_INVALID_REQUEST')
    expect(host.api.saveProfile).not.toHaveBeenCalled()
  })

  it('reports a failed undo when the name was taken meanwhile', async () => {
    const { host, store } = setUp()
    await store.refresh()
    await store.remove('Echo')
    await host.socketApi.saveProfile({ profile: { name: 'Echo', connection: { kind: 'udp' } } })
    await store.undoDelete()
    expect(store.error?.code).toBe('EPROFILE_EXISTS')
    expect(store.deleted).toBeUndefined()
  })

  it('refuses an oversized import file without sending it', async () => {
    const { host, store } = setUp()
    expect(await store.importText('profiles', 'x'.repeat(ProfileLimits.maxImportChars + 1))).toBe(false)
    expect(store.error?.code).toBe('ERR_LIMIT')
    expect(host.api.importProfiles).not.toHaveBeenCalled()
  })

  it('drops export selections of profiles that no longer exist', async () => {
    const { store } = setUp()
    await store.refresh()
    store.toggleSelected('Echo', true)
    await store.rename('Echo', 'Echo 2')
    expect(store.selected).toEqual([])
  })
})
