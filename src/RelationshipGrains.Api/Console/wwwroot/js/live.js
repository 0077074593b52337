import { session } from './api.js';
import { h } from './dom.js';

// Server-sent events over fetch, because EventSource cannot send the Authorization header. Reconnects with
// Last-Event-ID after a drop, so no event is missed or repeated; the state callback drives the "Live" indicator.
export function follow(path, after, onEvent, onState) {
  const controller = new AbortController();
  let last = after;
  let delay = 500;

  async function connect() {
    while (!controller.signal.aborted) {
      try {
        const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${session.key}` };
        if (last > 0) headers['Last-Event-ID'] = String(last);
        const response = await fetch(path, { headers, signal: controller.signal });
        // An expired access token is renewed for the next attempt, which waits its turn like any other.
        if (response.status === 401 && session.refreshToken) await session.renew();
        if (!response.ok) throw new Error(`The live feed answered ${response.status}.`);
        onState('live');
        delay = 500;
        await read(response.body, event => {
          if (event.id) last = Number(event.id);
          onEvent(JSON.parse(event.data), event.type);
        });
      } catch (error) {
        if (controller.signal.aborted) return;
      }
      onState('reconnecting');
      await new Promise(resolve => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 10000);
    }
  }

  connect();
  return () => controller.abort();
}

async function read(body, dispatch) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = { type: 'message', data: '', id: null };
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        if (colon <= 0) continue;
        const name = line.slice(0, colon);
        const content = line.slice(colon + 1).replace(/^ /, '');
        if (name === 'data') event.data += (event.data ? '\n' : '') + content;
        else if (name === 'event') event.type = content;
        else if (name === 'id') event.id = content;
      }
      if (event.data) dispatch(event);
    }
  }
}

// The "Live" badge beside a followed feed; pass its update as follow's state callback.
export function liveIndicator() {
  const element = h('span', { class: 'live', 'data-state': 'connecting', role: 'status' }, 'Connecting');
  const update = state => {
    element.dataset.state = state;
    element.textContent = state === 'live' ? 'Live' : 'Reconnecting…';
  };
  return { element, update };
}
