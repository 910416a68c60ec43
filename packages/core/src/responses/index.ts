export * from './response-limits.js';
export { foldText } from './fold-text.js';
export * from './expand-macros.js';
export { foldQuery, indexOfLibrary, ResponseLibraryIndex, type ResponseLibraryLike } from './response-index.js';
export * from './search-responses.js';
export * from './usable-libraries.js';
