// Labels and order of pretix person-name fields. The organizer's scheme decides which fields a
// new customer gets (OrganizerSummary.name_fields); a stored name keeps the scheme it was saved
// with, so editing it must show that scheme's fields or the name would be lost.
import { m } from './messages';

/** The field's label in the window's language; null for a field this desk does not know. */
function knownLabel(key: string): string | null {
  const t = m();
  const labels: Record<string, string> = {
    salutation: t.nameSalutation,
    title: t.nameTitle,
    given_name: t.nameGiven,
    middle_name: t.nameMiddle,
    family_name: t.nameFamily,
    full_name: t.nameFull,
    calling_name: t.nameCalling,
    latin_transcription: t.nameLatin,
    degree: t.nameDegree,
  };
  return labels[key] ?? null;
}

/** Values pretix's forms offer for `salutation` (stored as they are, whatever the language). */
export const SALUTATIONS = ['Ms', 'Mr', 'Mx'] as const;

/** A salutation as people read it ("Ms" → "Frau" in German); one pretix does not offer as stored. */
export function salutationLabel(value: string): string {
  const t = m();
  const labels: Record<string, string> = { Ms: t.salutationMs, Mr: t.salutationMr, Mx: t.salutationMx };
  return labels[value] ?? value;
}

/** Field order per pretix name scheme (pretix's PERSON_NAME_SCHEMES). */
export const SCHEME_FIELDS: Record<string, readonly string[]> = {
  given_family: ['given_name', 'family_name'],
  title_given_family: ['title', 'given_name', 'family_name'],
  given_middle_family: ['given_name', 'middle_name', 'family_name'],
  title_given_middle_family: ['title', 'given_name', 'middle_name', 'family_name'],
  family_given: ['family_name', 'given_name'],
  family_nospace_given: ['given_name', 'family_name'],
  family_comma_given: ['given_name', 'family_name'],
  full: ['full_name'],
  calling_full: ['calling_name', 'full_name'],
  full_transcription: ['full_name', 'latin_transcription'],
  salutation_given_family: ['salutation', 'given_name', 'family_name'],
  salutation_title_given_family: ['salutation', 'title', 'given_name', 'family_name'],
  salutation_title_given_family_degree: ['salutation', 'title', 'given_name', 'family_name', 'degree'],
};

export function nameFieldLabel(key: string): string {
  return knownLabel(key) ?? key.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}
