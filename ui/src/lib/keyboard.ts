// Shared rules for the screens' single-key shortcuts.

/** True when a key pressed in `target` is typing (a text field), so it must not trigger a shortcut. */
export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
  }
  return false;
}

/**
 * A form's keydown handler: Enter on a checkbox, or Ctrl/⌘+Enter anywhere, submits the form (Enter
 * in a text field already does).
 */
export function submitOnEnter(event: KeyboardEvent, form: HTMLFormElement | undefined): void {
  const onCheckbox = event.target instanceof HTMLInputElement && event.target.type === 'checkbox';
  if (event.key === 'Enter' && (onCheckbox || event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    form?.requestSubmit();
  }
}

/**
 * A form's keydown handler inside a pane: Esc cancels the form (and only it, so the pane behind
 * stays open), Ctrl/⌘+Enter submits it. Without `cancel`, Esc is left to the screen.
 */
export function handleFormKeys(
  event: KeyboardEvent,
  form: HTMLFormElement | undefined,
  cancel: (() => void) | null,
): void {
  if (event.key === 'Escape' && cancel) {
    event.preventDefault();
    event.stopPropagation();
    cancel();
  } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    form?.requestSubmit();
  }
}

export interface ScreenKeys {
  /** Closes what is open (a form, a pane); false when nothing was, so Esc is left to others. */
  closeOpen: () => boolean;
  /** Starts something new; null while that is not possible. */
  create: (() => void) | null;
}

/** The settings screens' keys: Esc closes what is open, N starts something new (unless typing). */
export function handleScreenKeys(event: KeyboardEvent, keys: ScreenKeys): void {
  if (event.defaultPrevented || event.isComposing) return;
  if (event.key === 'Escape') {
    if (keys.closeOpen()) event.preventDefault();
    return;
  }
  if (event.ctrlKey || event.metaKey || event.altKey || isEditable(event.target)) return;
  if (event.key.toLowerCase() === 'n' && keys.create) {
    event.preventDefault();
    keys.create();
  }
}
