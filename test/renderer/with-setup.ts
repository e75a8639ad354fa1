import { mount } from '@vue/test-utils'
import { defineComponent, h, type Plugin } from 'vue'

/** Runs a composable inside a mounted component's setup (where useI18n and stores work); answers its result. */
export function withSetup<T>(composable: () => T, plugins: Plugin[]): T {
  let result!: T
  mount(
    defineComponent({
      setup() {
        result = composable()
        return () => h('div')
      },
    }),
    { global: { plugins } },
  )
  return result
}
