import type { OrgKind, Role } from '../db/index.js';

/**
 * The demo world: fictional organisations and people, written for this
 * project. Names deliberately include non-ASCII letters so every screen and
 * credential is exercised with them from the first start.
 */
export const DEMO_PASSWORD = 'microcred-demo-2026';

export interface DemoOrg {
  slug: string;
  name: string;
  kind: OrgKind;
  country: string;
  people: { email: string; name: string; role: Role }[];
}

export const DEMO_ORGS: DemoOrg[] = [
  {
    slug: 'platform',
    name: 'microcred platform',
    kind: 'platform',
    country: 'EU',
    people: [{ email: 'admin@microcred.example', name: 'Platform Operator', role: 'admin' }],
  },
  {
    slug: 'eqam',
    name: 'Europäische Qualitätsagentur für Micro-Credentials',
    kind: 'qa_body',
    country: 'AT',
    people: [
      { email: 'admin@eqam.example', name: 'Katharina Weiß', role: 'admin' },
      { email: 'reviewer@eqam.example', name: 'Søren Ødegaard', role: 'staff' },
    ],
  },
  {
    slug: 'lumiere',
    name: 'Université de Lumière',
    kind: 'provider',
    country: 'FR',
    people: [
      { email: 'admin@lumiere.example', name: 'Hélène Dupré', role: 'admin' },
      { email: 'teacher@lumiere.example', name: 'François Lefèvre', role: 'staff' },
    ],
  },
  {
    slug: 'northbridge',
    name: 'Northbridge Institute of Technology',
    kind: 'provider',
    country: 'IE',
    people: [
      { email: 'admin@northbridge.example', name: 'Siobhán Ó Briain', role: 'admin' },
      { email: 'assessor@northbridge.example', name: 'Declan Murphy', role: 'staff' },
    ],
  },
  {
    slug: 'skillforge',
    name: 'Skillforge Academy',
    kind: 'provider',
    country: 'NL',
    people: [{ email: 'admin@skillforge.example', name: 'Maarten van der Berg', role: 'admin' }],
  },
  {
    slug: 'helix',
    name: 'Helix Health GmbH',
    kind: 'employer',
    country: 'DE',
    people: [
      { email: 'admin@helix.example', name: 'Jürgen Schäfer', role: 'admin' },
      { email: 'recruiter@helix.example', name: 'Ayşe Yılmaz', role: 'staff' },
    ],
  },
  {
    slug: 'orbital',
    name: 'Orbital Logistics S.L.',
    kind: 'employer',
    country: 'ES',
    people: [{ email: 'admin@orbital.example', name: 'Begoña Ibáñez', role: 'admin' }],
  },
];

/** Thirty learners; emails are first.last@learners.example in ASCII. */
export const DEMO_LEARNERS: { email: string; name: string; headline: string; locale: string }[] = [
  ['amara.okafor', 'Amara Okafor', 'Junior data analyst moving into machine learning', 'en'],
  ['jose.martinez', 'José Martínez', 'Warehouse supervisor learning supply-chain analytics', 'es'],
  ['zoe.muller', 'Zoë Müller', 'Nurse adding health-informatics skills', 'de'],
  ['li.ming', '李明 (Li Ming)', 'Software developer heading for cloud engineering', 'zh'],
  ['ngugi.wa.kamau', 'Ngũgĩ wa Kamau', 'IT support technician studying cybersecurity', 'en'],
  ['ines.carvalho', 'Inês Carvalho', 'Project coordinator preparing for agile certification', 'pt'],
  ['mateusz.wojcik', 'Mateusz Wójcik', 'Manufacturing technician learning robotics', 'pl'],
  ['aoife.brennan', 'Aoife Brennan', 'Career changer from retail into UX research', 'en'],
  ['dimitris.papadopoulos', 'Dimitris Papadopoulos', 'Statistician learning Python for data science', 'el'],
  ['fatima.el.amrani', 'Fatima El Amrani', 'Pharmacy assistant exploring clinical data', 'fr'],
  ['lukas.novak', 'Lukáš Novák', 'Network administrator moving into cloud security', 'cs'],
  ['sofia.rossi', 'Sofia Rossi', 'Marketing analyst building SQL skills', 'it'],
  ['emre.demir', 'Emre Demir', 'Logistics planner learning demand forecasting', 'tr'],
  ['hanna.virtanen', 'Hanna Virtanen', 'Teacher retraining as a learning designer', 'fi'],
  ['oluwaseun.adeyemi', 'Oluwaseun Adeyemi', 'Graduate in biology aiming for bioinformatics', 'en'],
  ['marta.kovacs', 'Márta Kovács', 'Accountant learning data visualisation', 'hu'],
  ['pierre.lambert', 'Pierre Lambert', 'Machine operator training in quality control', 'fr'],
  ['yuki.tanaka', 'Yuki Tanaka', 'Front-end developer learning accessibility', 'ja'],
  ['bjorn.lindqvist', 'Björn Lindqvist', 'Electrician upskilling in industrial IoT', 'sv'],
  ['priya.raman', 'Priya Raman', 'Business analyst moving into product management', 'en'],
  ['andrei.popescu', 'Andrei Popescu', 'Help-desk agent learning Linux administration', 'ro'],
  ['chloe.durand', 'Chloé Durand', 'Care assistant studying patient safety', 'fr'],
  ['tomas.garcia', 'Tomás García', 'Truck driver retraining as a fleet coordinator', 'es'],
  ['ewa.nowak', 'Ewa Nowak', 'Lab technician learning data management', 'pl'],
  ['kwame.mensah', 'Kwame Mensah', 'Sales associate learning digital marketing', 'en'],
  ['ana.horvat', 'Ana Horvat', 'Junior tester learning test automation', 'hr'],
  ['mehmet.kaya', 'Mehmet Kaya', 'Production planner learning lean management', 'tr'],
  ['eva.lindgren', 'Eva Lindgren', 'Social worker learning data protection', 'sv'],
  ['noah.schmidt', 'Noah Schmidt', 'Apprentice mechatronics technician', 'de'],
  ['leila.haddad', 'Leïla Haddad', 'Translator learning localisation engineering', 'fr'],
].map(([local, name, headline, locale]) => ({ email: `${local}@learners.example`, name: name!, headline: headline!, locale: locale! }));
