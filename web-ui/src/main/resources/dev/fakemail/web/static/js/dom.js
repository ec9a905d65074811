// Builds elements. Mail data only ever becomes text (textContent, text nodes) or the value of an attribute
// set through the DOM, never markup: this module is the only place elements are made, and it parses nothing.

/**
 * el('a', { href: '#/x', class: 'row', text: 'hi', onclick: fn }, child, 'text', ...)
 * Props: class, text, dataset, on<event>; anything else becomes an attribute (true → empty, false/null → none).
 */
export function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key === 'class') {
      node.className = value;
    } else if (key === 'text') {
      node.textContent = String(value);
    } else if (key === 'dataset') {
      Object.assign(node.dataset, value);
    } else if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2), value);
    } else {
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces all children. */
export function fill(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

/** A short message in place of content: "No messages yet.", an error ... */
export function notice(text, kind) {
  return el('p', { class: 'notice' + (kind ? ' ' + kind : ''), text });
}

/** A table in the grid style: a header row of these column titles, then the body (its tbody). */
export function gridTable(props, titles, body) {
  return el('table', { class: 'grid', ...props },
    el('thead', {}, el('tr', {}, titles.map((title) => el('th', { scope: 'col', text: title })))),
    body);
}

/** A table row of one cell across all `columns` columns: what a table shows when it has no rows or cannot load. */
export function wholeRow(columns, ...children) {
  return el('tr', {}, el('td', { colspan: String(columns) }, ...children));
}

/** Runs `submit` instead of the browser's submission of the form; what it throws is shown as an error in `status`. */
export function onSubmit(form, status, submit) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await submit();
    } catch (error) {
      status.className = 'notice error';
      status.textContent = error.message;
    }
  });
}

/** A row's Remove button; `label` says for screen readers what it removes. */
export function removeButton(label, onclick) {
  return el('button', { type: 'button', class: 'remove', text: 'Remove', 'aria-label': label, onclick });
}

/**
 * The right-hand column of a list/detail page: on a narrow screen only one of the two is shown (the page sets
 * data-open on the layout), and this column starts with a back control that returns to the list.
 */
export function detailColumn(backText, onBack, pane) {
  return el('div', { class: 'detail-column' },
    el('button', { type: 'button', class: 'back', text: '‹ ' + backText, onclick: onBack }),
    pane);
}
