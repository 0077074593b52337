// Sign-in at the organisation's OpenID Connect provider: the authorization code with PKCE, as a public client in this
// tab. Tokens live in this tab's session only; when the API refuses an expired access token, the refresh token
// renews it once.
import { session } from './api.js';

const pendingName = 'rg.console.pending-sign-in';
let settings = null;

const base64url = bytes => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const random = () => base64url(crypto.getRandomValues(new Uint8Array(32)));
const redirectUri = () => new URL('./', location.href).href.split('?')[0].split('#')[0];

/** The provider's endpoints and our client id, or null when the silo takes API keys only. */
export async function providerSettings() {
  if (settings === null) {
    const response = await fetch('sign-in.json', { headers: { Accept: 'application/json' } });
    const body = response.ok ? await response.json() : { enabled: false };
    settings = body.enabled ? body : false;
  }
  return settings || null;
}

/** Leaves for the provider's sign-in page; it sends the browser back here with a code. */
export async function begin(loginHint) {
  const provider = await providerSettings();
  const verifier = random();
  const state = random();
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(pendingName, JSON.stringify({ verifier, state, hash: location.hash }));
  const url = new URL(provider.authorizationEndpoint);
  const query = {
    response_type: 'code', client_id: provider.clientId, redirect_uri: redirectUri(), scope: provider.scope,
    state, code_challenge: challenge, code_challenge_method: 'S256',
  };
  if (loginHint) query.login_hint = loginHint;
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  location.assign(url.href);
}

/** On the way back from the provider: trades the code for tokens. Returns an error sentence, or null. */
export async function complete() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return null;
  const pending = JSON.parse(sessionStorage.getItem(pendingName) ?? 'null');
  sessionStorage.removeItem(pendingName);
  history.replaceState(null, '', redirectUri() + (pending?.hash || '#/customers'));
  // A link made elsewhere (no matching state) may carry any text: only a sign-in this tab started is answered in its words.
  if (!pending || pending.state !== params.get('state')) return 'That sign-in did not start in this tab; sign in again.';
  if (params.has('error')) return `The sign-in provider refused: ${params.get('error_description') || params.get('error')}.`;
  const provider = await providerSettings();
  return await token(provider, {
    grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(),
    client_id: provider.clientId, code_verifier: pending.verifier,
  });
}

let renewing = null;

/**
 * A new access token from the refresh token, if there is one; false when the person must sign in again. Calls
 * refused at the same moment share one renewal: providers that rotate refresh tokens revoke them all on reuse.
 */
export function refresh() {
  renewing ??= (async () => {
    try {
      const provider = await providerSettings();
      if (!provider || !session.refreshToken) return false;
      const failure = await token(provider, { grant_type: 'refresh_token', refresh_token: session.refreshToken, client_id: provider.clientId });
      return failure === null;
    } finally {
      renewing = null;
    }
  })();
  return renewing;
}

/**
 * Forgets the tokens here and, where the provider offers it, revokes the refresh token and ends the session there too.
 * True when the page is leaving for the provider's end-session page: the caller then shows nothing more.
 */
export async function end() {
  const { idToken, refreshToken } = session;
  const provider = await providerSettings();
  // A refresh token outlives this tab: revoked, a copy of it renews nothing. Ending the provider's session may not.
  if (provider?.revocationEndpoint && refreshToken) {
    try {
      await fetch(provider.revocationEndpoint, {
        method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: refreshToken, token_type_hint: 'refresh_token', client_id: provider.clientId }),
      });
    } catch {
      // Unreachable: the tab forgets the token all the same, and it expires at the provider on its own.
    }
  }
  session.signOut();
  if (provider?.endSessionEndpoint && idToken) {
    const url = new URL(provider.endSessionEndpoint);
    url.searchParams.set('id_token_hint', idToken);
    url.searchParams.set('post_logout_redirect_uri', redirectUri());
    location.assign(url.href);
    return true;
  }
  return false;
}

async function token(provider, form) {
  try {
    const response = await fetch(provider.tokenEndpoint, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form),
    });
    const body = await response.json();
    if (!response.ok) return `The sign-in provider refused: ${body.error_description || body.error || response.status}.`;
    session.signInWithToken(body.access_token, body.refresh_token, body.id_token ?? session.idToken);
    return null;
  } catch {
    return 'The sign-in provider could not be reached.';
  }
}
