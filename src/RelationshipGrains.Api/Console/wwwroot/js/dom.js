// Builds elements from data without ever parsing it as HTML, so stored text cannot inject markup.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

export function card(title, ...children) {
  const id = `card-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

export function field(label, control, hint) {
  const id = control.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hint ? h('small', {}, hint) : null);
}

export function select(name, options, value) {
  return h('select', { name }, options.map(o => h('option', { value: o.value ?? o, selected: (o.value ?? o) === value }, o.label ?? o)));
}

export function badge(text, tone = '') {
  return h('span', { class: `badge ${tone}`.trim() }, text);
}

export function empty(text) {
  return h('p', { class: 'empty' }, text);
}

// A one-field form that opens the page for what was typed, e.g. #/ideas/{slug}.
export function openForm(labelText, name, buttonText, value, hashPrefix, placeholder) {
  const input = h('input', { type: 'search', name, required: true, value: value ?? '', placeholder });
  const form = h('form', { class: 'search', role: 'search' }, field(labelText, input), h('button', { type: 'submit' }, buttonText));
  form.addEventListener('submit', event => {
    event.preventDefault();
    location.hash = `${hashPrefix}${encodeURIComponent(input.value.trim())}`;
  });
  return form;
}
