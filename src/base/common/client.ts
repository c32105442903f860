import type { Result } from './result.ts';
import type { MethodInput, MethodName, MethodOutput } from './rpc.ts';

/** What each transport provides: one call, any method. The renderer never knows which it has. */
export interface Transport {
  call(method: string, input: unknown, session: string | null): Promise<Result<unknown>>;
}

/** What the Electron preload exposes as window.depot. */
export interface DepotBridge {
  call(method: string, input: unknown, session: string | null): Promise<Result<unknown>>;
}

export type Client = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>;
};

/** A typed client over any transport, carrying the session token once signed in. */
export function createClient(transport: Transport, getSession: () => string | null): Client {
  return new Proxy({} as Client, {
    get: (_target, name) => (input: unknown) =>
      transport.call(String(name), input ?? {}, getSession()) as Promise<Result<never>>,
  });
}
