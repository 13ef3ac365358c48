// Turns a failed call into words for staff: what happened and what to do next.
import { AppError } from './backend/backend';
import { m } from './messages';

export interface ErrorDescription {
  /** What happened, in the backend's words where it has some. */
  message: string;
  /** What the person at the desk can do about it. */
  action: string;
}

/** What to do next, by error code; in the window's language. */
function actionFor(code: string): string {
  const t = m();
  const actions: Record<string, string> = {
    network: t.actionNetwork,
    unauthenticated: t.actionUnauthenticated,
    invalid_credentials: t.actionInvalidCredentials,
    validation: t.actionValidation,
    not_found: t.actionNotFound,
    forbidden: t.actionForbidden,
    refused: t.actionRefused,
    membership_refused: t.actionMembershipRefused,
    conflict: t.actionConflict,
    internal: t.actionInternal,
  };
  return actions[code] ?? t.actionInternal;
}

/**
 * The desk's own words where the backend's would not help people (a network failure, an internal
 * error); otherwise the backend's message stays as it was sent.
 */
function ownMessage(code: string): string | undefined {
  if (code === 'network') return m().messageNetwork;
  if (code === 'internal') return m().messageInternal;
  return undefined;
}

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
        message: rules.length > 0 ? rules.join(' ') : e.message || m().somethingWentWrong,
        action: actionFor(onFields ? 'validation' : 'refused'),
      };
    }
  }
  const message = ownMessage(e.code) ?? (e.message || m().somethingWentWrong);
  return { message, action: actionFor(e.code) };
}

/** A validation error the desk finds itself before asking the backend: messages per field. */
export function invalidFields(fields: Record<string, string[]>): AppError {
  return new AppError('validation', m().someFieldsInvalid, fields);
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
