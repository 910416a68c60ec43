export * from './definition-types.js';
export * from './definition-schema.js';
export * from './instance-types.js';
export * from './effect-types.js';
export * from './engine-types.js';
export * from './advance.js';
