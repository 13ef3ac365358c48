// Team operations for the desk, one function each: teams, their members and their API tokens.
import type {
  Backend,
  CreatedToken,
  MemberInput,
  TeamDetail,
  TeamInput,
  TeamSummary,
} from '../../lib/backend/backend';

export function listTeams(backend: Backend, organizer: string): Promise<TeamSummary[]> {
  return backend.teamsList(organizer);
}

export function teamDetail(backend: Backend, organizer: string, teamId: number): Promise<TeamDetail> {
  return backend.teamsDetail(organizer, teamId);
}

export function addTeam(backend: Backend, organizer: string, input: TeamInput): Promise<TeamDetail> {
  return backend.teamsAdd(organizer, input);
}

/** Refused (`refused`) when nobody would be left who may change teams. */
export function saveTeam(backend: Backend, organizer: string, teamId: number, input: TeamInput): Promise<TeamDetail> {
  return backend.teamsEdit(organizer, teamId, input);
}

/** Refused (`refused`) when nobody would be left who may change teams. */
export function deleteTeam(backend: Backend, organizer: string, teamId: number): Promise<void> {
  return backend.teamsRemove(organizer, teamId);
}

/**
 * Adds a staff user by email. Without `account`, an address nobody uses yet is answered with
 * `validation` on `password`; with it, the staff account is created with that name and password.
 */
export function addMember(
  backend: Backend,
  organizer: string,
  teamId: number,
  email: string,
  account: { fullname: string; password: string } | null,
): Promise<TeamDetail> {
  const input: MemberInput = {
    email: email.trim(),
    fullname: account ? account.fullname.trim() || null : null,
    password: account ? account.password : null,
  };
  return backend.teamsAddMember(organizer, teamId, input);
}

/** Refused (`refused`) when nobody would be left who may change teams. */
export function removeMember(backend: Backend, organizer: string, teamId: number, userId: number): Promise<TeamDetail> {
  return backend.teamsTakeOut(organizer, teamId, userId);
}

/** Resolves with the token's secret, which the backend never shows again. */
export function createToken(backend: Backend, organizer: string, teamId: number, name: string): Promise<CreatedToken> {
  return backend.teamsAddToken(organizer, teamId, { name: name.trim() });
}

/** For good: the token stops working at once and stays listed as deactivated. */
export function deactivateToken(backend: Backend, organizer: string, teamId: number, tokenId: number): Promise<TeamDetail> {
  return backend.teamsDeactivateToken(organizer, teamId, tokenId);
}
