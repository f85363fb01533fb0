// Per-request memory: one store for everything that runs while the server answers one HTTP request, so the
// root loader and the page's loader (Remix gives each its own copy of the Request) share what they looked up.
import { AsyncLocalStorage } from "node:async_hooks";

type Store = Map<string, unknown>;

// On globalThis so the server (scripts/server.ts) and the app's build, which each bundle their own copy of
// this module, use the same instance.
const KEY = Symbol.for("retract.requestStore");
const g = globalThis as typeof globalThis & { [KEY]?: AsyncLocalStorage<Store> };
const storage: AsyncLocalStorage<Store> = g[KEY] ?? new AsyncLocalStorage<Store>();
g[KEY] = storage;

/** Runs `fn` (and everything it starts) with a fresh per-request store. */
export function runWithRequestStore<T>(fn: () => T): T {
  return storage.run(new Map(), fn);
}

/** The value under `key` for the current request, computed once; without a store (tests, scripts) each call computes. */
export function oncePerRequest<T>(key: string, compute: () => T): T {
  const store = storage.getStore();
  if (!store) return compute();
  if (store.has(key)) return store.get(key) as T;
  const value = compute();
  store.set(key, value);
  return value;
}
