// What each part of an open team (members, API tokens) gets from the screen.
import type { AppError, TeamDetail } from '../../lib/backend/backend';

export interface TeamPartProps {
  organizer: string;
  detail: TeamDetail;
  /** The team as the backend answered after a change, for the pane and the list. */
  onchange: (detail: TeamDetail) => void;
  /** Turns a failure into an AppError (and ends the session when it has ended). */
  onerror: (error: unknown) => AppError;
}
