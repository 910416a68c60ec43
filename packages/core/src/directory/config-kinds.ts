/** The kinds of entity the directory holds; each has CRUD under `/api/v1/config/{kind}`. */
export const CONFIG_KINDS = [
  'users',
  'roles',
  'workgroups',
  'skills',
  'status-messages',
  'wrap-up-codes',
  'account-codes',
  'server-parameters',
  'licences',
  'security-specifications',
  'response-libraries',
  'widgets',
] as const;
export type ConfigKind = (typeof CONFIG_KINDS)[number];
