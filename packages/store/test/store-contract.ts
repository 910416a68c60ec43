import type { TandemStore } from '@tandem/core';
import { afterEach, describe } from 'vitest';
import { describeActivationContract } from './contract/activation-contract.js';
import { describeAttachmentContract } from './contract/attachment-contract.js';
import { describeChatContract } from './contract/chat-contract.js';
import { describeConcurrencyContract } from './contract/concurrency-contract.js';
import { describeDirectoryContract } from './contract/directory-contract.js';
import { describeInteractionContract } from './contract/interaction-contract.js';
import { describeMigrationContract } from './contract/migration-contract.js';
import { describePresenceContract } from './contract/presence-contract.js';
import { describeSessionContract } from './contract/session-contract.js';
import { describeTransactionContract } from './contract/transaction-contract.js';

/** One engine's store, as the contract sees it. */
export interface StoreUnderTest {
  /** Migrated and empty. */
  store: TandemStore;
  /** Runs one SQL statement on the store's database: to look where the ports do not (ended sessions). */
  sql: (text: string) => Promise<Record<string, unknown>[]>;
  /**
   * Closes `store` and opens a new one on the same database, as a restarted server would; `sql`
   * then goes to the new one. Required when the engine is persistent.
   */
  reopen?: () => Promise<TandemStore>;
  /** Frees what the fixture holds besides its stores (temporary folders). */
  dispose?: () => Promise<void>;
}

export interface StoreContractOptions {
  /** Data outlives the store: run the reopen and migration-again tests. */
  persistent: boolean;
}

/** Opens a fresh store for one test; the contract closes every store it opened after the test. */
export type OpenStore = () => Promise<StoreUnderTest>;

/**
 * The behaviour every `TandemStore` must have, run on each engine. `makeStore` gives each test its
 * own empty, migrated store.
 */
export function describeStoreContract(
  name: string,
  makeStore: () => Promise<StoreUnderTest>,
  options: StoreContractOptions,
): void {
  describe(name, () => {
    const stores: TandemStore[] = [];
    const disposers: (() => Promise<void>)[] = [];

    const open: OpenStore = async () => {
      const fixture = await makeStore();
      stores.push(fixture.store);
      if (fixture.dispose) disposers.push(fixture.dispose);
      const reopen = fixture.reopen;
      if (!reopen) return fixture;
      return {
        ...fixture,
        reopen: async () => {
          const again = await reopen();
          stores.push(again);
          return again;
        },
      };
    };

    afterEach(async () => {
      // Stores first, then their folders. close() is idempotent, so a test may close a store itself.
      for (const store of stores.splice(0)) await store.close();
      for (const dispose of disposers.splice(0)) await dispose();
    });

    describeDirectoryContract(open);
    describeSessionContract(open);
    describePresenceContract(open);
    describeInteractionContract(open);
    describeChatContract(open);
    describeActivationContract(open);
    describeAttachmentContract(open);
    describeTransactionContract(open);
    describeConcurrencyContract(open);
    describeMigrationContract(open, options);
  });
}
