/**
 * What an API key may be allowed to do. Keys belong to one organisation and
 * never act outside it; later modules add their scopes here.
 */
export const API_KEY_SCOPES = {
  'org:read': 'Read the organisation profile.',
  'org:write': 'Change the organisation profile.',
  'members:read': 'List the organisation members.',
  'members:write': 'Add and remove organisation members.',
  'achievements:read': "Read the organisation's achievement definitions, drafts included.",
  'achievements:write': 'Create, revise, publish and archive achievement definitions (providers).',
  'credentials:read': 'List and read the credentials the organisation issued.',
  'credentials:issue': 'Issue credentials, one by one or in bulk (providers).',
  'credentials:revoke': 'Revoke issued credentials (providers).',
} as const;

export type Scope = keyof typeof API_KEY_SCOPES;
export const SCOPES = Object.keys(API_KEY_SCOPES) as [Scope, ...Scope[]];
