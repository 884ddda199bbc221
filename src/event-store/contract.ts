// The one contract every event store adapter must keep, run by each adapter's
// integration spec with a factory that opens a store on a real server.
import { afterAll, beforeAll, describe } from 'vitest';
import { appendContract } from './contract/append-contract.js';
import { readContract } from './contract/read-contract.js';
import { subscribeContract } from './contract/subscribe-contract.js';
import { verifyContract } from './contract/verify-contract.js';
import type { EventStore } from './port.js';

export interface ContractSubject {
  store: EventStore;
  /** Closes the store and removes what the run created (a test database, for instance). */
  teardown(): Promise<void>;
}

export interface ContractOptions {
  /**
   * PostgreSQL refuses an event id already used in any stream; EventStoreDB only within
   * one stream (its ids are per stream), so that case is checked where it holds.
   */
  eventIdsUniqueAcrossStreams: boolean;
}

export function eventStoreContract(
  adapter: string,
  open: () => Promise<ContractSubject>,
  options: ContractOptions = { eventIdsUniqueAcrossStreams: true },
): void {
  describe(`event store contract: ${adapter}`, () => {
    let subject: ContractSubject | undefined;
    const store = (): EventStore => {
      if (!subject) throw new Error(`the ${adapter} event store did not open`);
      return subject.store;
    };
    beforeAll(async () => {
      subject = await open();
    });
    afterAll(async () => {
      await subject?.teardown();
    });

    describe('append', () => appendContract(store, options));
    describe('read', () => readContract(store));
    describe('subscribe', () => subscribeContract(store));
    describe('verify', () => verifyContract(store));
  });
}
