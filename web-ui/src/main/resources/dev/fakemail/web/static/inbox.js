'use strict';

// Lists received messages. Mail data is untrusted: it only ever reaches the page as textContent.
(function () {
  const REFRESH_MILLIS = 5000;
  const table = document.getElementById('messages');
  const status = document.getElementById('status');
  const refreshButton = document.getElementById('refresh');

  function cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) {
      td.className = className;
    }
    row.appendChild(td);
    return td;
  }

  function formatSize(octets) {
    if (octets < 1024) {
      return octets + ' B';
    }
    if (octets < 1024 * 1024) {
      return (octets / 1024).toFixed(1) + ' KiB';
    }
    return (octets / (1024 * 1024)).toFixed(1) + ' MiB';
  }

  function formatTime(iso) {
    const date = new Date(iso);
    return isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
  }

  function messageRow(message) {
    const row = document.createElement('tr');
    cell(row, String(message.id), 'number');
    cell(row, formatTime(message.receivedAt), 'time').title = String(message.receivedAt);
    cell(row, message.from === '' ? '<>' : message.from);
    cell(row, message.to.join(', '));
    cell(row, message.subject === '' ? '(no subject)' : message.subject, message.subject === '' ? 'muted' : '');
    cell(row, formatSize(message.size), 'number');
    const link = document.createElement('a');
    link.href = 'api/messages/' + encodeURIComponent(String(message.id)) + '/raw';
    link.textContent = 'raw';
    cell(row, '').appendChild(link);
    return row;
  }

  function render(messages) {
    const rows = messages.slice().reverse().map(messageRow); // newest first
    if (rows.length === 0) {
      const row = document.createElement('tr');
      cell(row, 'No messages yet.', 'muted').colSpan = 7;
      rows.push(row);
    }
    table.replaceChildren(...rows);
    status.textContent = messages.length === 1 ? '1 message' : messages.length + ' messages';
  }

  async function refresh() {
    try {
      const response = await fetch('api/messages', { cache: 'no-store', headers: { Accept: 'application/json' } });
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      render(await response.json());
    } catch (error) {
      status.textContent = 'Cannot load messages: ' + error.message;
    }
  }

  refreshButton.addEventListener('click', refresh);
  setInterval(function () {
    if (!document.hidden) {
      refresh();
    }
  }, REFRESH_MILLIS);
  refresh();
}());
