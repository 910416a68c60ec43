import type { Directory } from '../directory/directory.js';
import type { ResponseLibrary } from '../directory/entities.js';
import type { RightSet } from '../rights/right-set.js';

/**
 * Whether a user may use a library. Personal libraries are private to their owner (the manual:
 * not visible to other users). A system library needs the Response Management View right on it,
 * or on all libraries (`target: '*'`): the manual grants "all or selected" libraries and says the
 * right is needed to use any system-wide item, so with no such right a user sees none. Being an
 * administrator of libraries (`response-libraries` area) is the right to configure them, not to
 * use them.
 */
export function mayUseLibrary(library: ResponseLibrary, userId: string, rights: RightSet): boolean {
  if (library.scope === 'personal') return library.owner === userId;
  return rights.canOnObject('response-library', library.id, 'view');
}

/**
 * The libraries a user may use, in the order shortcuts are resolved and ties are ranked: the
 * user's own personal libraries, then the system libraries, each by id.
 */
export function usableResponseLibraries(directory: Directory, userId: string, rights: RightSet): ResponseLibrary[] {
  const all = directory.list('response-libraries').filter((library) => mayUseLibrary(library, userId, rights));
  return [...all.filter((l) => l.scope === 'personal'), ...all.filter((l) => l.scope !== 'personal')];
}

/** A user's own personal libraries, by id. */
export function personalResponseLibraries(directory: Directory, userId: string): ResponseLibrary[] {
  return directory.list('response-libraries').filter((l) => l.scope === 'personal' && l.owner === userId);
}
