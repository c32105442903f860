import type { Result } from './result.ts';
import type { MethodInput, MethodName, MethodOutput } from './rpc.ts';

/** What each transport provides: one call, any method. The renderer never knows which it has. */
export interface Transport {
  call(method: string, input: unknown, session: string | null): Promise<Result<unknown>>;
}

/** One change to a case as the change feed tells it (the same as the cases feature's `CaseChange`). */
export interface CaseChangeEvent {
  rma: string;
  version: number;
  by: string | null;
  kind: 'created' | 'status' | 'updated' | 'moved';
}

/** What the Electron preload exposes as window.depot. */
export interface DepotBridge {
  call(method: string, input: unknown, session: string | null): Promise<Result<unknown>>;
  /** Hears every change to a case until the returned function is called. */
  onCaseChange?(listener: (change: CaseChangeEvent) => void): () => void;
}

/** A change event as it came over a transport, or null for anything else. */
export function caseChangeEventOf(value: unknown): CaseChangeEvent | null {
  if (!value || typeof value !== 'object') return null;
  const { rma, version, by, kind } = value as Record<string, unknown>;
  if (typeof rma !== 'string' || rma.length > 64 || typeof version !== 'number' || !Number.isInteger(version)) return null;
  if (kind !== 'created' && kind !== 'status' && kind !== 'updated' && kind !== 'moved') return null;
  if (by !== null && (typeof by !== 'string' || by.length > 200)) return null;
  return { rma, version, by, kind };
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
