import { hash, verify } from '@node-rs/argon2';

/** Hashes and checks passwords; argon2id with the library's defaults (19 MiB, 2 passes). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hashed: string, password: string): Promise<boolean>;
}

export const argon2Hasher: PasswordHasher = {
  hash: (password) => hash(password),
  verify: async (hashed, password) => {
    try {
      return await verify(hashed, password);
    } catch {
      // A malformed stored hash is a failed check, not a crash.
      return false;
    }
  },
};
