// Turns a failed call into words for staff: what happened and what to do next.
import { AppError } from './backend/backend';

export interface ErrorDescription {
  /** What happened, in the backend's words where it has some. */
  message: string;
  /** What the person at the desk can do about it. */
  action: string;
}

const ACTIONS: Record<string, string> = {
  network: 'Check that the Tessera server is running and this computer can reach it, then try again.',
  unauthenticated: 'Your session has ended. Log in again to continue.',
  invalid_credentials: 'Check the email address and password, then try again.',
  validation: 'Correct the highlighted fields, then save again.',
  not_found: 'It may have been removed in the meantime. Search again.',
  forbidden: 'Ask an administrator to give your account access to this organizer.',
  refused: 'Nothing was changed.',
  membership_refused: 'Check the membership’s dates and uses; sell a new membership if needed.',
  conflict: 'Someone else changed this at the same time. Reload it, check your changes and save again.',
  internal: 'Try again. If it keeps happening, restart Tessera and tell your administrator.',
};

const MESSAGES: Record<string, string> = {
  network: 'Tessera cannot be reached.',
  internal: 'Something went wrong inside Tessera.',
};

/** Where the backend's validation names no field: the form as a whole, in pretix's words. */
export const NON_FIELD = 'non_field_errors';

export function describeError(error: unknown): ErrorDescription {
  const e = AppError.from(error);
  if (e.code === 'validation') {
    // A rule about the whole form ("This product is currently available.") says more than
    // "correct the marked fields", and a refusal without any field has no field to correct.
    const rules = e.fields[NON_FIELD] ?? [];
    const onFields = Object.keys(e.fields).some((name) => name !== NON_FIELD);
    if (rules.length > 0 || !onFields) {
      return {
        message: rules.length > 0 ? rules.join(' ') : e.message || 'Something went wrong.',
        action: onFields ? ACTIONS.validation : ACTIONS.refused,
      };
    }
  }
  const message = MESSAGES[e.code] ?? (e.message || 'Something went wrong.');
  return { message, action: ACTIONS[e.code] ?? ACTIONS.internal };
}

/** Field messages for one input, or an empty list. */
export function fieldErrors(error: AppError | null, ...names: string[]): string[] {
  if (!error) return [];
  return names.flatMap((name) => error.fields[name] ?? []);
}

/**
 * A screen's way to take a failure: as an AppError, after telling the app when the session has
 * ended (so it shows the login again).
 */
export function errorHandler(onunauthenticated: () => void): (error: unknown) => AppError {
  return (error) => {
    const appError = AppError.from(error);
    if (appError.code === 'unauthenticated') onunauthenticated();
    return appError;
  };
}
