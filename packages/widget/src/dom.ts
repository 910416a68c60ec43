type Attrs = Record<string, string | boolean | undefined>;

/** A tiny element builder: text children become text nodes (never HTML), `false`/undefined attributes are left out. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string | false | undefined)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === false || child === undefined) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

/** A labelled field: the label's `for` names the input, so screen readers read the label. */
export function field(
  id: string,
  label: string,
  input: HTMLInputElement | HTMLTextAreaElement,
): [HTMLLabelElement, HTMLInputElement | HTMLTextAreaElement] {
  input.id = id;
  return [h('label', { for: id }, label), input];
}
