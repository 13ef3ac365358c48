// Hands the Backend down the component tree, so screens can be rendered against a fake one.
import { getContext, setContext } from 'svelte';
import type { Backend } from './backend';

const KEY = Symbol('tessera.backend');

export function setBackend(backend: Backend): Backend {
  return setContext(KEY, backend);
}

export function getBackend(): Backend {
  const backend = getContext<Backend | undefined>(KEY);
  if (!backend) throw new Error('No Backend in context: render inside <App> or pass one with setBackend()');
  return backend;
}

/** For tests: the context map that provides `backend`. */
export function backendContext(backend: Backend): Map<symbol, Backend> {
  return new Map([[KEY, backend]]);
}
