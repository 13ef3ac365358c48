// What each part of a customer's detail pane (credit, cards, memberships) gets from the app, which
// composes them below the customer's details.
import type { Customer, OrganizerSummary } from './backend/backend';

export interface CustomerPartProps {
  organizer: OrganizerSummary;
  customer: Customer;
  /** Called when the backend says the session has ended. */
  onunauthenticated?: () => void;
}
