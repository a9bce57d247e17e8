/**
 * The longest visit the contract allows, for page budgets: names at their limits (80
 * characters each, 100 for other people), a long clinic, and every optional party and
 * line (representative, with the right by which they sign and a relationship careprint
 * does not know, given in both languages; interpreter, course, next appointment,
 * after-hours phone).
 * Invented people only.
 */
const name80 = (words: string[]) => {
  const text = words.join(' ');
  if (text.length > 80) throw new Error('fixture name over 80 characters');
  return text.padEnd(80, 'e');
};

export type BudgetRoute = 'iv' | 'im' | 'intranasal';

export function longestClinic(): Record<string, unknown> {
  return {
    id: 'harbor-light-north',
    name: 'Harbor Light Infusion Clinic at the Northern Regional Medical Pavilion West',
    address: [
      'Building C, Third Floor, 48000 Long Boulevard of the Northern Regional Pavilion',
      'Attention: Ketamine Infusion Services, Suite 3100 East Wing, Second Entrance',
      'Springfield Township, NJ 07081',
    ],
    phone: '(555) 010-4400',
    afterHoursPhone: '(555) 010-4499',
    timeZone: 'America/New_York',
  };
}

export function longestVisit(route: BudgetRoute, language: 'en' | 'es'): Record<string, unknown> {
  return {
    patient: {
      mrn: 'HL-1234567890123456',
      givenName: name80(['Maximiliana', 'Alexandrina', 'Bartholomea', 'Konstantina', 'Wilhelmina']),
      familyName: name80(['Featherstonehaugh-Vandersteen-Wolfeschlegel', 'Montgomery-Castellanos']),
      birthDate: '1972-12-01',
      language,
      phone: '(555) 010-7781',
    },
    session: {
      id: 'S-2026-11-24-0009-LONGEST-SESSION',
      start: '2026-11-24T10:15',
      route,
      indication: route === 'intranasal' ? 'treatment-resistant-depression' : 'ptsd',
      provider: { name: 'Bartholomew Alexander Okonkwo-Fitzgerald-Montgomery', credentials: 'MD, PhD' },
      course: { sessions: 8, weeks: 4 },
    },
    escort: { name: 'Constantine Featherstonehaugh-Vandersteen-Wolfeschlegel Montgomery', relationship: 'spouse', phone: '(555) 010-1357' },
    representative: { name: 'Constantine Featherstonehaugh-Vandersteen-Wolfeschlegel Montgomery', relationship: { en: 'husband and legal health care proxy', es: 'esposo y apoderado legal para atención médica' }, authority: 'health-care-agent' },
    interpreter: { name: 'Jordan Alexander Pike-Castellanos-Montgomery', id: 'INT-0042-LONGEST', language: 'Spanish' },
    nextAppointment: '2026-12-01T10:15',
    clinic: longestClinic(),
  };
}
