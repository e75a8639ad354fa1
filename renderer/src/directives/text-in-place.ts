import type { Directive } from 'vue'

/**
 * `v-text-in-place="text"`: the element's one text node, rewritten in place when the text changes. Vue's own text
 * patch sets `textContent`, which replaces the node; Blink then takes the old text out of the layout tree and
 * builds a new one — for every cell of every log row, ten times a second under a flood. Rewriting the node's data
 * only marks that text for layout again.
 */
export const vTextInPlace: Directive<HTMLElement, string> = {
  mounted(element, { value }) {
    element.replaceChildren(document.createTextNode(value))
  },
  updated(element, { value, oldValue }) {
    if (value === oldValue) return
    const node = element.firstChild
    if (node instanceof Text && node.nextSibling === null) node.data = value
    else element.replaceChildren(document.createTextNode(value))
  },
}
