// The spec helper must fail when it should, or every specification built on it proves nothing.
import { describe, expect, it } from 'vitest';
import { specFor } from './given.js';
import { infractionDecider } from '../infraction/decide.js';
import { historyUntil, validate } from './infraction-builders.js';

const given = specFor(infractionDecider);

describe('given/when/then', () => {
  it('fails when the events differ', () => {
    expect(() => given(historyUntil('DETECTED')).when(validate()).then([])).toThrow(/Events differ/);
  });

  it('fails when a command expected to throw succeeds', () => {
    expect(() => given(historyUntil('DETECTED')).when(validate()).thenThrows('ALREADY_PAID')).toThrow(/Expected ALREADY_PAID/);
  });

  it('fails when the command throws another code', () => {
    expect(() => given([]).when(validate()).thenThrows('ALREADY_PAID')).toThrow(/got INFRACTION_NOT_FOUND/);
  });

  it('ignores key order when comparing events', () => {
    expect(() =>
      given(historyUntil('DETECTED'))
        .when(validate())
        .then([{ type: 'InfractionValidated', data: { note: null, validatedBy: 'user:olga', infractionId: 'inf-1' } }]),
    ).not.toThrow();
  });
});
