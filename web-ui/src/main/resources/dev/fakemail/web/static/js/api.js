// The JSON API, relative to the page (so the inbox also works behind a path prefix).

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * The isolated inbox this page shows ('?inbox=job42' in the page's address), or '' for the server's default
 * inbox. Every API request of the page carries it.
 */
export const inbox = new URLSearchParams(location.search).get('inbox') || '';

/** An API path for the page's inbox: 'api/messages' → 'api/messages?inbox=job42'. */
export function scoped(path) {
  if (!inbox) {
    return path;
  }
  return path + (path.includes('?') ? '&' : '?') + 'inbox=' + encodeURIComponent(inbox);
}

/** 'api/messages' + { q: 'x', offset: 0 } → 'api/messages?q=x&offset=0' (empty values left out). */
export function url(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== '') {
      query.set(key, String(value));
    }
  }
  const text = query.toString();
  return scoped(text ? path + '?' + text : path);
}

async function check(response) {
  if (response.ok) {
    return response;
  }
  let message = 'HTTP ' + response.status;
  try {
    const body = await response.json();
    if (body && body.error) {
      message = body.error;
    }
  } catch (notJson) {
    // keep the status line
  }
  throw new ApiError(response.status, message);
}

export async function getJson(path, params) {
  const response = await fetch(url(path, params), { cache: 'no-store', headers: { Accept: 'application/json' } });
  return (await check(response)).json();
}

export async function getText(path) {
  const response = await fetch(scoped(path), { cache: 'no-store' });
  return (await check(response)).text();
}

/** DELETE or POST. The custom header marks the request as the page's own (the server also checks Origin). */
export async function send(method, path) {
  const response = await fetch(scoped(path), { method, cache: 'no-store', headers: { 'X-Fakemail': '1' } });
  await check(response);
  return response.status === 204 ? null : response.json();
}
