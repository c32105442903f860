import { createClient, type DepotBridge, type Transport } from '../common/client.ts';
import { commonMessages } from '../common/messages.ts';
import { apiError, type Result } from '../common/result.ts';

declare global {
  interface Window {
    depot?: DepotBridge;
  }
}

const TOKEN_KEY = 'depot.token';
const SESSION_KEY = 'depot.session';

/**
 * Browser mode: the host hands out a per-run token in the page URL. Keep it for this tab only and
 * take it out of the address bar so it is not bookmarked, shared or left in history.
 */
function takeHostToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/** The host's per-run token in browser mode, for requests beside the API's calls (the change feed). */
export const hostToken = (): string => sessionStorage.getItem(TOKEN_KEY) ?? '';

function httpTransport(): Transport {
  const token = takeHostToken();
  return {
    async call(method, input, session) {
      try {
        const response = await fetch(`/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'X-Depot-Token': token,
            'X-Depot-Session': session ?? '',
          },
          body: JSON.stringify(input ?? {}),
        });
        return (await response.json()) as Result<unknown>;
      } catch {
        return { ok: false, error: apiError('internal', commonMessages.unreachable()) };
      }
    },
  };
}

const base: Transport = window.depot ?? httpTransport();

let sessionEnded: () => void = () => {};
/** The app returns to sign-in when the server no longer knows the session (expired, signed out elsewhere). */
export const onSessionEnded = (listener: () => void): void => {
  sessionEnded = listener;
};

const transport: Transport = {
  async call(method, input, token) {
    const result = await base.call(method, input, token);
    if (!result.ok && result.error.code === 'unauthenticated' && method !== 'session.signIn') sessionEnded();
    return result;
  },
};

export const session = {
  get: (): string | null => sessionStorage.getItem(SESSION_KEY),
  set: (token: string): void => sessionStorage.setItem(SESSION_KEY, token),
  clear: (): void => sessionStorage.removeItem(SESSION_KEY),
};

export const api = createClient(transport, session.get);
