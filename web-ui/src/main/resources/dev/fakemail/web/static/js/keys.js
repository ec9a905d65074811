// Keyboard shortcuts. Pages bind their keys while they are shown; the help dialog lists what is bound.
// Keys typed into a field belong to the field, except Escape, which leaves it.

const bindings = new Map(); // key → { description, handler }

/** Binds keys (e.g. ['j', 'ArrowDown']) to a handler; returns a function that unbinds them. */
export function bind(keys, description, handler) {
  const entry = { keys, description, handler };
  for (const key of keys) {
    bindings.set(key, entry);
  }
  return () => {
    for (const key of keys) {
      if (bindings.get(key) === entry) {
        bindings.delete(key);
      }
    }
  };
}

/** The bound shortcuts, one entry per handler, in binding order. */
export function described() {
  return [...new Set(bindings.values())];
}

function typing(target) {
  return target instanceof HTMLElement
    && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export function listen() {
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) {
      return;
    }
    // While a modal dialog is open the keys are the dialog's: the browser closes it on Escape, and the page's
    // shortcuts (j, s, Delete ...) must not act on what is behind it.
    if (document.querySelector('dialog[open]')) {
      return;
    }
    if (typing(event.target)) {
      if (event.key === 'Escape') {
        event.target.blur();
      }
      return;
    }
    const entry = bindings.get(event.key);
    if (entry) {
      event.preventDefault();
      entry.handler(event);
    }
  });
}
