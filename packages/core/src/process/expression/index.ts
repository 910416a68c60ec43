export * from './expression-types.js';
export { tokenize, MAX_EXPRESSION_LENGTH } from './lexer.js';
export { parseExpression, MAX_EXPRESSION_DEPTH } from './parser.js';
export { checkExpression } from './check.js';
export { evaluateExpression, MAX_STRING_LENGTH } from './evaluate.js';
export { FUNCTIONS } from './functions.js';
export { isAssignable } from './type-rules.js';
