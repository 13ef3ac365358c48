// Customer operations for the desk, one function each.
import type { Backend, Customer, CustomerInput, CustomerPage } from '../../lib/backend/backend';

export const PAGE_SIZE = 50;
/** Search-as-you-type waits this long after a keystroke: it skips the letters of a name being
 * typed, and still feels instant. */
export const SEARCH_DELAY_MS = 150;

/** One page (1-based) of customers matching name, email, phone or identifier. */
export function searchCustomers(
  backend: Backend,
  organizer: string,
  search: string,
  page: number,
): Promise<CustomerPage> {
  return backend.customersSearch(organizer, { search: search.trim(), page, page_size: PAGE_SIZE });
}

export function getCustomer(backend: Backend, organizer: string, identifier: string): Promise<Customer> {
  return backend.customersGet(organizer, identifier);
}

export function createCustomer(backend: Backend, organizer: string, input: CustomerInput): Promise<Customer> {
  return backend.customersCreate(organizer, input);
}

export function updateCustomer(
  backend: Backend,
  organizer: string,
  identifier: string,
  input: CustomerInput,
): Promise<Customer> {
  return backend.customersUpdate(organizer, identifier, input);
}

/** Removes the customer's personal data for good; the record stays, inactive. */
export function anonymizeCustomer(backend: Backend, organizer: string, identifier: string): Promise<Customer> {
  return backend.customersAnonymize(organizer, identifier);
}
