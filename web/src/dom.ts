// A small element builder: the pages are built from code so that every text goes through t() and no markup carries
// words. Attributes named on* become listeners (never inline handlers: the Content-Security-Policy forbids them).
export type Child = Node | string | null | undefined | false | Child[];
type Attribute = string | number | boolean | null | undefined | ((event: Event) => void);

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, Attribute> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === "function") element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, "");
    else if (value !== false && value !== null && value !== undefined) element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else if (typeof child === "string") parent.appendChild(document.createTextNode(child));
  }
}

/** Replaces everything inside the element. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** Appends children, skipping the absent ones (null, false) that conditional content gives. */
export function add(parent: Element, ...children: Child[]): void {
  append(parent, children);
}
