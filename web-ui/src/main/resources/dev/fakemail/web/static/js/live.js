// One event stream for the whole page. Pages subscribe to the server's events: received, deleted, read, reset,
// mailbox, fault (a rule fired), faults (rules changed), dns (the zone changed); 'resync' fires after a reconnect (anything may have happened meanwhile: reload).
import { scoped } from './api.js';

const handlers = new Map();
let source = null;
let connectedBefore = false;

export function on(event, handler) {
  if (!handlers.has(event)) {
    handlers.set(event, new Set());
  }
  handlers.get(event).add(handler);
  return () => handlers.get(event).delete(handler);
}

/** Calls the handler on each of these events; returns the function that stops all of them. */
export function onEach(events, handler) {
  const offs = events.map((event) => on(event, handler));
  return () => offs.forEach((off) => off());
}

function emit(event, data) {
  for (const handler of handlers.get(event) || []) {
    try {
      handler(data);
    } catch (error) {
      console.error('live handler for ' + event + ' failed', error);
    }
  }
}

export function start(statusElement) {
  if (source) {
    return;
  }
  source = new EventSource(scoped('api/events'));
  source.addEventListener('ready', () => {
    statusElement.textContent = 'live';
    statusElement.className = 'live on';
    if (connectedBefore) {
      emit('resync', {});
    }
    connectedBefore = true;
  });
  source.addEventListener('error', () => {
    statusElement.textContent = 'reconnecting…';
    statusElement.className = 'live off';
  });
  for (const event of ['received', 'deleted', 'read', 'reset', 'mailbox', 'fault', 'faults', 'dns']) {
    source.addEventListener(event, (message) => emit(event, JSON.parse(message.data)));
  }
}

/**
 * Calls fn once, `millis` after the first of a burst of calls: 100 arrivals make one reload, and a steady
 * stream of arrivals still shows up every `millis`.
 */
export function coalesce(fn, millis) {
  let timer = null;
  return () => {
    if (timer === null) {
      timer = setTimeout(() => {
        timer = null;
        fn();
      }, millis);
    }
  };
}
