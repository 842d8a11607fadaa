// Calls to the four services through the console: /api/<service>/<path>, with the signed-in user's token
// (set by the console, never by this code). The services decide; a refusal comes back as problem+json.

export class Problem extends Error {
  constructor(status, body) {
    const field = body && body.errors && body.errors[0] && body.errors[0].field;
    super((body && (body.detail || body.title)) || ('HTTP ' + status));
    this.status = status;
    this.field = field;
    this.body = body;
  }
}

async function answer(r) {
  const type = r.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await r.json().catch(() => null) : await r.text();
  if (!r.ok) {
    if (r.status === 401 && !location.pathname.endsWith('.html')) {
      location.href = '/sign-in';
    }
    throw new Problem(r.status, body);
  }
  return body;
}

export async function get(service, path) {
  return answer(await fetch(`/api/${service}${path}`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' }));
}

/** a list and the cursor of its next page */
export async function page(service, path) {
  const r = await fetch(`/api/${service}${path}`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  const items = await answer(r);
  return { items, next: r.headers.get('X-Next-Cursor') };
}

export async function send(method, service, path, body, headers = {}) {
  return answer(await fetch(`/api/${service}${path}`, {
    method, credentials: 'same-origin',
    headers: Object.assign({ 'Content-Type': 'application/json', Accept: 'application/json' }, headers),
    body: body === undefined ? undefined : JSON.stringify(body),
  }));
}

export const post = (service, path, body, headers) => send('POST', service, path, body, headers);

/** uploads a photo as evidence; answers {url, contentType, size, sha256} */
export async function upload(file) {
  return answer(await fetch('/api/event/evidence', {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': file.type || 'application/octet-stream', Accept: 'application/json' }, body: file,
  }));
}

/** the signed-in user, or null */
export async function me() {
  const r = await fetch('/api/me', { credentials: 'same-origin' });
  return r.ok ? r.json() : null;
}

export function key() {
  return (crypto.randomUUID && crypto.randomUUID()) || (Date.now() + '-' + Math.random().toString(16).slice(2));
}
