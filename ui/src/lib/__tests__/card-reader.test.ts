import { afterEach, describe, expect, it } from 'vitest';
import { READER_MAX_GAP_MS, listenForCardReader } from '../card-reader';

let cleanup: (() => void)[] = [];

afterEach(() => {
  for (const stop of cleanup) stop();
  cleanup = [];
  document.body.innerHTML = '';
});

/** A reader listening on the window, a page handler behind it, and a clock the test moves. */
function setup() {
  let clock = 1_000;
  const scans: string[] = [];
  const reached: string[] = [];
  const stop = listenForCardReader(window, { now: () => clock, onscan: (serial) => scans.push(serial) });
  const page = (event: KeyboardEvent) => reached.push(event.key);
  window.addEventListener('keydown', page);
  cleanup.push(stop, () => window.removeEventListener('keydown', page));

  /** Presses each key `gap` ms after the one before; returns whether each was left to the page. */
  function press(keys: string[], gap: number, target: EventTarget = document.body, init: KeyboardEventInit = {}) {
    return keys.map((key) => {
      clock += gap;
      return target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
    });
  }
  return { scans, reached, press, stop };
}

const SERIAL = [...'04A23B7C'];

describe('the card reader', () => {
  it('takes keys typed a few milliseconds apart and ended by Enter as a scan', () => {
    const { scans, reached, press } = setup();
    const notPrevented = press([...SERIAL, 'Enter'], 5);
    expect(scans).toEqual(['04A23B7C']);
    // The first key cannot be told from a person's yet; the rest, and the Enter, never reach the page.
    expect(reached).toEqual(['0']);
    expect(notPrevented).toEqual([true, false, false, false, false, false, false, false, false]);
  });

  it('is no scan when a person types: every key reaches the page', () => {
    const { scans, reached, press } = setup();
    press([...SERIAL, 'Enter'], 120);
    expect(scans).toEqual([]);
    expect(reached).toEqual([...SERIAL, 'Enter']);
  });

  it('draws the line at the largest gap a reader leaves', () => {
    const { scans, press } = setup();
    press([...SERIAL, 'Enter'], READER_MAX_GAP_MS);
    expect(scans).toEqual([]);
    press([...SERIAL, 'Enter'], READER_MAX_GAP_MS - 1);
    expect(scans).toEqual(['04A23B7C']);
  });

  it('needs at least four characters: a person’s quick “n” and Enter is no scan', () => {
    const { scans, reached, press } = setup();
    press(['n', 'e', 'w', 'Enter'], 5);
    expect(scans).toEqual([]);
    expect(reached).toContain('Enter');
    press(['A', 'B', 'C', 'D', 'Enter'], 5);
    expect(scans).toEqual(['ABCD']);
  });

  it('leaves typing in a text field alone, however fast', () => {
    const { scans, reached, press } = setup();
    const input = document.createElement('input');
    document.body.append(input);
    const textarea = document.createElement('textarea');
    document.body.append(textarea);
    expect(press([...SERIAL, 'Enter'], 5, input)).not.toContain(false);
    press([...SERIAL, 'Enter'], 5, textarea);
    expect(scans).toEqual([]);
    expect(reached).toHaveLength(18);
  });

  it('keeps a scan that started outside a field when its first key moved the focus into one', () => {
    const { scans, reached, press } = setup();
    const input = document.createElement('input');
    document.body.append(input);
    press(['E'], 5);
    // A shortcut opened a form and focused its first field; the reader goes on typing.
    const rest = press([...'04A23B7C', 'Enter'], 5, input);
    expect(rest.every((left) => !left)).toBe(true);
    expect(scans).toEqual(['E04A23B7C']);
    expect(reached).toEqual(['E']);
  });

  it('starts over after a pause, a modifier or a key that types nothing', () => {
    const { scans, press } = setup();
    press(['0', '4'], 5);
    press(['A', '2', '3', 'B', 'Enter'], 100);
    press(['0', '4', 'A', '2'], 5);
    press(['x'], 5, document.body, { ctrlKey: true });
    press(['3', 'B', 'Enter'], 5);
    press(['0', '4', 'A', '2', 'ArrowDown', '3', 'B', 'Enter'], 5);
    press(['0', '4', 'A', ' ', '2', '3', 'B', 'Enter'], 5);
    expect(scans).toEqual([]);
  });

  it('reads held-down keys as a person’s', () => {
    const { scans, press } = setup();
    press(['0'], 5);
    press(['0', '0', '0', '0'], 5, document.body, { repeat: true });
    press(['Enter'], 5);
    expect(scans).toEqual([]);
  });

  it('stops listening when told', () => {
    const { scans, reached, press, stop } = setup();
    stop();
    press([...SERIAL, 'Enter'], 5);
    expect(scans).toEqual([]);
    expect(reached).toHaveLength(9);
  });
});
