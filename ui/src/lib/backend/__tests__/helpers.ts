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

export const CARD = {
  serialNumber: '04:A2:3B:7C',
  externalId: null,
  isVirtual: false,
  processor: null,
  activationTime: null,
  expirationTime: '2027-12-31T23:00:00Z',
  note: null,
  meta: {},
};
export const POSTING = { amount: '12.50', reference: 'Bar 1042', note: null };
export const UNDO = { entryId: 31, amount: '1.50', reference: null, note: 'Not served' };

/** Every card and credit operation of customer ABC1234 (card 7, entry 31) of organizer "demo". */
export async function callEveryCardAndCreditOperation(backend: Backend): Promise<void> {
  await backend.cardsList('demo', 'ABC1234');
  await backend.cardsIssue('demo', 'ABC1234', CARD);
  await backend.cardsBlock('demo', 'ABC1234', 7, { reason: 'Left at the bar' });
  await backend.cardsUnblock('demo', 'ABC1234', 7);
  await backend.cardsLost('demo', 'ABC1234', 7, { reason: null });
  await backend.cardsReplace('demo', 'ABC1234', 7, { serialNumber: '04B70011', reason: null });
  await backend.cardsScan('demo', '04:A2/3B 7C');
  await backend.creditBalance('demo', 'ABC1234');
  await backend.creditEntries('demo', 'ABC1234', 20, 20);
  await backend.creditTopup('demo', 'ABC1234', POSTING);
  await backend.creditCharge('demo', 'ABC1234', POSTING);
  await backend.creditRefund('demo', 'ABC1234', UNDO);
  await backend.creditReverse('demo', 'ABC1234', UNDO);
  await backend.creditAdjust('demo', 'ABC1234', { amount: '-2.50', note: 'Counted wrong' });
  await backend.creditSettings('demo');
  await backend.creditSaveSettings('demo', { currency: 'EUR', limit: '10.00' });
}

export const MAIL_SETTINGS = {
  host: 'smtp.example.org',
  port: 587,
  tls: 'starttls' as const,
  username: 'box-office',
  password: null,
  sender: 'tickets@example.org',
};
export const TEST_MAIL = { to: 'ada@example.org', locale: 'de' };

/** Every outbox and mail settings operation of organizer "demo" (mail 12). */
export async function callEveryOutboxOperation(backend: Backend): Promise<void> {
  await backend.outboxList('demo');
  expect(await backend.outboxRetry('demo', 12), 'a retry answers nothing').toBeUndefined();
  await backend.mailSettings('demo');
  await backend.mailSettingsSave('demo', MAIL_SETTINGS);
  await backend.mailSettingsTest('demo', TEST_MAIL);
}

export const NEW_EVENT = {
  name: 'Winter Gala',
  slug: 'gala',
  date_from: '2026-12-12T18:30:00Z',
  date_to: null,
  has_subevents: false,
  location: 'Main hall',
};
export const NEW_DATE = { name: 'Matinee', date_from: '2026-12-13T14:00:00Z', date_to: null };
export const NEW_ITEM = { name: 'Ticket', price: '12,50', admission: true, variations: ['Adult', 'Child'] };
export const QUOTA = { name: 'Hall', size: null, sold: 3, closed: false, items: [5], variations: [], subevent: null };
export const WAITING_SETTINGS = { enabled: true, auto: false, hours: 24, limit_per_user: 1, locales: ['en', 'de'] };
export const ENTRY = {
  email: 'ada@example.org',
  name: 'Ada Lovelace',
  phone: null,
  item: 5,
  variation: null,
  subevent: null,
  locale: 'en',
  priority: 2,
};

/** Every event, waiting-list and voucher operation of event "gala" of organizer "demo" (quota 8, entry 21, voucher 34). */
export async function callEveryEventOperation(backend: Backend): Promise<void> {
  await backend.eventsList('demo');
  await backend.eventsCreate('demo', NEW_EVENT);
  await backend.eventsDetail('demo', 'gala');
  await backend.eventsAddSubevent('demo', 'gala', NEW_DATE);
  await backend.eventsAddItem('demo', 'gala', NEW_ITEM);
  await backend.eventsSaveQuota('demo', 'gala', null, QUOTA);
  await backend.eventsSaveQuota('demo', 'gala', 8, QUOTA);
  await backend.eventsSaveWaitingListSettings('demo', 'gala', WAITING_SETTINGS);
  await backend.waitingList('demo', 'gala');
  await backend.waitingListAdd('demo', 'gala', ENTRY);
  await backend.waitingListEdit('demo', 'gala', 21, ENTRY);
  expect(await backend.waitingListRemove('demo', 'gala', 21), 'removing answers nothing').toBeUndefined();
  await backend.waitingListSendVoucher('demo', 'gala', 21);
  await backend.vouchersRedeem('demo', 'gala', 34);
}

export const NEW_APPLICATION = { name: 'Ticket shop', redirect_uris: 'https://shop.example/cb', confidential: true };
export const NEW_RESELLER = {
  name: 'Venue Partners',
  public_name: 'Venue Partners Ltd.',
  public_url: 'https://partners.example',
  support_email: 'help@partners.example',
  support_phone: '',
  communication_language: 'en',
};

/** Every OAuth and reseller operation of the logged-in user (application 3, grant 5, reseller 6). */
export async function callEveryAccessOperation(backend: Backend): Promise<void> {
  await backend.oauthApplications();
  await backend.oauthRegister(NEW_APPLICATION);
  expect(await backend.oauthDeactivate(3), 'retiring answers nothing').toBeUndefined();
  await backend.oauthGrants();
  expect(await backend.oauthRevokeGrant(5), 'revoking answers nothing').toBeUndefined();
  await backend.resellersList();
  await backend.resellersCreate(NEW_RESELLER);
  expect(await backend.resellersAddMember(6, 'ida@example.org'), 'adding a member answers nothing').toBeUndefined();
  expect(await backend.resellersLinkOrganizer(6, 'demo'), 'linking answers nothing').toBeUndefined();
}
