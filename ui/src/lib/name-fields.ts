// Labels and order of pretix person-name fields. The organizer's scheme decides which fields a
// new customer gets (OrganizerSummary.name_fields); a stored name keeps the scheme it was saved
// with, so editing it must show that scheme's fields or the name would be lost.

export const NAME_FIELD_LABELS: Record<string, string> = {
  salutation: 'Salutation',
  title: 'Title',
  given_name: 'Given name',
  middle_name: 'Middle name',
  family_name: 'Family name',
  full_name: 'Full name',
  calling_name: 'Calling name',
  latin_transcription: 'Name in Latin script',
  degree: 'Degree (after name)',
};

/** Values pretix's forms offer for `salutation`. */
export const SALUTATIONS = ['Ms', 'Mr', 'Mx'] as const;

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
  return NAME_FIELD_LABELS[key] ?? key.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}
