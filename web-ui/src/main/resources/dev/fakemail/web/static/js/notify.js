// Optional desktop notifications for mail that arrives while the inbox's tab is hidden. Off by default; the
// choice is remembered in this browser. Turning it on asks the browser's permission; refused, it stays off.
import * as live from './live.js';

const KEY = 'fakemail.notify';

function wanted() {
  try {
    return localStorage.getItem(KEY) === 'on';
  } catch (unavailable) {
    return false;
  }
}

function remember(on) {
  try {
    localStorage.setItem(KEY, on ? 'on' : 'off');
  } catch (unavailable) {
    // then it lasts as long as the page
  }
}

function supported() {
  return typeof window.Notification === 'function';
}

/** The toggle button's state and explanation. */
function show(button, on, reason) {
  button.setAttribute('aria-pressed', String(on));
  button.title = reason || (on ? 'Notifications on for mail arriving while this tab is hidden: click to turn off'
    : 'Notify me of mail arriving while this tab is hidden');
}

async function turnOn(button) {
  if (!supported()) {
    show(button, false, 'This browser has no notifications');
    return;
  }
  const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
  if (permission !== 'granted') {
    remember(false);
    show(button, false, 'The browser refused notifications (' + permission + '): allow them in the site settings');
    return;
  }
  remember(true);
  show(button, true);
}

function arrived(entry) {
  if (!wanted() || !document.hidden || !supported() || Notification.permission !== 'granted') {
    return;
  }
  const sender = entry.headerFrom || entry.from || '<>';
  // The tag makes a burst of arrivals replace one another instead of piling up.
  const note = new Notification('New mail: ' + (entry.subject || '(no subject)'),
    { body: 'from ' + sender, tag: 'fakemail-arrival' });
  note.onclick = () => {
    window.focus();
    location.hash = '#/messages/' + entry.id;
  };
}

export function start(button) {
  show(button, wanted());
  button.addEventListener('click', () => {
    if (button.getAttribute('aria-pressed') === 'true') {
      remember(false);
      show(button, false);
    } else {
      turnOn(button);
    }
  });
  live.on('received', arrived);
}
