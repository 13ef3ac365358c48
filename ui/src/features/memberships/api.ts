// Membership and membership type operations for the desk, one function each.
import type {
  Backend,
  Membership,
  MembershipInput,
  MembershipStatus,
  MembershipType,
  MembershipTypeInput,
  MembershipUse,
} from '../../lib/backend/backend';

export function listMembershipTypes(backend: Backend, organizer: string): Promise<MembershipType[]> {
  return backend.membershipTypesList(organizer);
}

export function createMembershipType(
  backend: Backend,
  organizer: string,
  input: MembershipTypeInput,
): Promise<MembershipType> {
  return backend.membershipTypesCreate(organizer, input);
}

export function updateMembershipType(
  backend: Backend,
  organizer: string,
  id: number,
  input: MembershipTypeInput,
): Promise<MembershipType> {
  return backend.membershipTypesUpdate(organizer, id, input);
}

/** Refused (`forbidden`) while any membership has this type. */
export function deleteMembershipType(backend: Backend, organizer: string, id: number): Promise<void> {
  return backend.membershipTypesDelete(organizer, id);
}

export function customerMemberships(
  backend: Backend,
  organizer: string,
  identifier: string,
): Promise<MembershipStatus[]> {
  return backend.membershipsForCustomer(organizer, identifier);
}

export function sellMembership(
  backend: Backend,
  organizer: string,
  identifier: string,
  input: MembershipInput,
): Promise<Membership> {
  return backend.membershipsSell(organizer, identifier, input);
}

export function updateMembership(
  backend: Backend,
  organizer: string,
  id: number,
  input: MembershipInput,
): Promise<Membership> {
  return backend.membershipsUpdate(organizer, id, input);
}

export function membershipUses(backend: Backend, organizer: string, id: number): Promise<MembershipUse[]> {
  return backend.membershipsUses(organizer, id);
}

/** Records a use now; a refusal rejects with `membership_refused` and the reason. */
export function recordUse(backend: Backend, organizer: string, id: number, reference: string): Promise<MembershipUse> {
  return backend.membershipsRecordUse(organizer, id, { reference: reference.trim() });
}

export function voidUse(backend: Backend, organizer: string, id: number, useId: number): Promise<MembershipUse> {
  return backend.membershipsVoidUse(organizer, id, useId);
}
