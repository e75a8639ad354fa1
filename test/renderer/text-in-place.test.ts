import { mount } from '@vue/test-utils'
import { expect, it } from 'vitest'
import { defineComponent, h, withDirectives } from 'vue'
import { vTextInPlace } from '../../renderer/src/directives/text-in-place'

const Cell = defineComponent({
  props: { text: { type: String, required: true } },
  setup: (props) => () => withDirectives(h('span'), [[vTextInPlace, props.text]]),
})

it('keeps the element’s one text node and rewrites it, so the browser never rebuilds it', async () => {
  const wrapper = mount(Cell, { props: { text: '127.0.0.1:5000' } })
  const node = wrapper.element.firstChild
  expect(node).toBeInstanceOf(Text)
  await wrapper.setProps({ text: '' })
  await wrapper.setProps({ text: '::1 port 6000' })
  expect(wrapper.element.childNodes).toHaveLength(1)
  expect(wrapper.element.firstChild).toBe(node)
  expect(wrapper.text()).toBe('::1 port 6000')
})

it('takes the element back to one text node if something else put other content in it', async () => {
  const wrapper = mount(Cell, { props: { text: 'a' } })
  wrapper.element.append(document.createElement('b'))
  await wrapper.setProps({ text: 'b' })
  expect(wrapper.element.childNodes).toHaveLength(1)
  expect(wrapper.text()).toBe('b')
})
