// A card reader on the desk is a keyboard: it "types" the card's serial number, then Enter, far
// faster than a person can. This tells the two apart, so a scan works from anywhere in the window.
//
// A scan is a burst: printable keys less than `maxGapMs` apart, at least `minLength` of them, ended
// by Enter. It must start outside a text field (in one, the keys are the person's typing). The
// first key cannot be told from a person's shortcut yet and is left alone; from the second key on,
// the burst's keys are taken from the page (even where the first key moved the focus, say a
// shortcut opened a form), so that neither the shortcuts nor a form see the serial or its Enter.
import { isEditable } from './keyboard';

/** Readers type a key every few milliseconds; people, even rolling over keys, rarely under 40. */
export const READER_MAX_GAP_MS = 40;
/** Shorter bursts are a person's rollover, not a serial number. */
export const READER_MIN_LENGTH = 4;

export interface CardReaderOptions {
  /** A complete scan: the serial as the reader typed it. */
  onscan: (serial: string) => void;
  /** Milliseconds on a steady clock; `performance.now()` when absent (tests drive their own). */
  now?: () => number;
  maxGapMs?: number;
  minLength?: number;
}

/** Listens on `target` (the window) ahead of the page's own key handlers; returns the way to stop. */
export function listenForCardReader(target: Window, options: CardReaderOptions): () => void {
  const now = options.now ?? (() => performance.now());
  const maxGap = options.maxGapMs ?? READER_MAX_GAP_MS;
  const minLength = options.minLength ?? READER_MIN_LENGTH;
  let burst = '';
  let last = Number.NEGATIVE_INFINITY;

  function take(event: KeyboardEvent) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }

  function onkeydown(event: KeyboardEvent) {
    const at = now();
    const inBurst = burst !== '' && at - last < maxGap;
    last = at;
    if (!inBurst) burst = '';
    if (event.isComposing || event.repeat || event.ctrlKey || event.altKey || event.metaKey) {
      burst = '';
      return;
    }
    if (event.key === 'Enter') {
      const serial = burst;
      burst = '';
      if (inBurst && serial.length >= minLength) {
        take(event);
        options.onscan(serial);
      }
      return;
    }
    // Space, arrows, Escape, Tab …: a person at work, never part of a serial.
    if ([...event.key].length !== 1 || event.key === ' ') {
      burst = '';
      return;
    }
    if (inBurst) {
      burst += event.key;
      take(event);
    } else if (!isEditable(event.target)) {
      burst = event.key;
    }
  }

  target.addEventListener('keydown', onkeydown, { capture: true });
  return () => target.removeEventListener('keydown', onkeydown, { capture: true });
}
