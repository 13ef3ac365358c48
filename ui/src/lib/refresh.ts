// Keeps a screen's data fresh: one look now, one every `everyMs` while the window is visible,
// and one when it becomes visible again. Looks never overlap: asked during a look, it looks once
// more afterwards (the running look may have started before the change that prompted the ask).

/** A `look` that never runs twice at once; returns the function to call for a fresh look. */
export function serialized(look: () => Promise<void>): () => Promise<void> {
  let inFlight: Promise<void> | null = null;
  let lookAgain: Promise<void> | null = null;
  function load(): Promise<void> {
    if (inFlight === null) {
      inFlight = look().finally(() => (inFlight = null));
      return inFlight;
    }
    lookAgain ??= inFlight.then(() => {
      lookAgain = null;
      return load();
    });
    return lookAgain;
  }
  return load;
}

/** Starts refreshing with `load`; returns the function that stops it (for `onMount`). */
export function keepFresh(load: () => Promise<void>, everyMs: number): () => void {
  void load();
  const interval = setInterval(() => {
    if (!document.hidden) void load();
  }, everyMs);
  function onvisible() {
    if (!document.hidden) void load();
  }
  document.addEventListener('visibilitychange', onvisible);
  return () => {
    clearInterval(interval);
    document.removeEventListener('visibilitychange', onvisible);
  };
}
