// The state of an "Are you sure?" dialog: what it asks about, whether the action runs, and why it
// failed. The dialog stays open on failure, so the reason shows where the question was asked.
import type { AppError } from './backend/backend';

export class Confirmation<T> {
  /** What the dialog asks about; null while it is closed. */
  subject = $state<T | null>(null);
  busy = $state(false);
  error = $state<AppError | null>(null);

  ask(subject: T): void {
    this.error = null;
    this.subject = subject;
  }

  cancel(): void {
    if (!this.busy) this.subject = null;
  }

  /** Runs `action` on the subject; closes the dialog when it succeeds. */
  async confirm(action: (subject: T) => Promise<void>, onerror: (error: unknown) => AppError): Promise<void> {
    const subject = this.subject;
    if (subject === null || this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      await action(subject);
      this.subject = null;
    } catch (error) {
      this.error = onerror(error);
    } finally {
      this.busy = false;
    }
  }
}
