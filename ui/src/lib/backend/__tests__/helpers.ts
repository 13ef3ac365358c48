// What both transport tests send: every team operation once, in this order, with these inputs.
import { expect } from 'vitest';
import { makeTeamInput } from '../../../testing/fake-backend';
import type { Backend } from '../backend';

export const TEAM = makeTeamInput();
export const MEMBER = { email: 'new@example.org', fullname: 'New Person', password: 'long enough' };
export const TOKEN = { name: 'Shop' };

/** Team 4, user 9, token 11 of organizer "demo". */
export async function callEveryTeamOperation(backend: Backend): Promise<void> {
  await backend.teamsList('demo');
  await backend.teamsDetail('demo', 4);
  await backend.teamsAdd('demo', TEAM);
  await backend.teamsEdit('demo', 4, TEAM);
  expect(await backend.teamsRemove('demo', 4), 'deleting answers nothing').toBeUndefined();
  await backend.teamsAddMember('demo', 4, MEMBER);
  await backend.teamsTakeOut('demo', 4, 9);
  await backend.teamsAddToken('demo', 4, TOKEN);
  await backend.teamsDeactivateToken('demo', 4, 11);
}
