import type { RoleInput } from '../roles/index.js';
import { demoSkillUri } from '../taxonomy/demo.js';

/** [label, relation, postings that asked for it] */
type DemoRoleSkill = [string, 'essential' | 'optional', number];

const skills = (list: DemoRoleSkill[]) => list.map(([label, relation, count]) => ({ uri: demoSkillUri(label), label, relation, count }));

/** Demo employers' published roles, as if built from their job postings (written for this project). */
export const DEMO_ROLES: Record<string, RoleInput[]> = {
  helix: [
    {
      title: 'Health data analyst',
      description: 'Turns clinical and operational data into reports and dashboards for our hospital partners.',
      postings: 6,
      status: 'published',
      skills: skills([
        ['SQL', 'essential', 6],
        ['data cleaning', 'essential', 5],
        ['data visualisation', 'essential', 5],
        ['statistics', 'essential', 4],
        ['report writing', 'essential', 3],
        ['electronic health records', 'optional', 2],
        ['data privacy', 'optional', 2],
        ['dashboard design', 'optional', 2],
        ['Python for data analysis', 'optional', 1],
      ]),
    },
  ],
  orbital: [
    {
      title: 'Supply chain analyst',
      description: 'Plans stock and transport across our Iberian warehouses with data.',
      postings: 4,
      status: 'published',
      skills: skills([
        ['supply chain management', 'essential', 4],
        ['spreadsheet software', 'essential', 4],
        ['demand planning', 'essential', 3],
        ['inventory management', 'essential', 2],
        ['SQL', 'optional', 1],
        ['lean management', 'optional', 1],
        ['supply chain analytics', 'optional', 1],
      ]),
    },
  ],
};
