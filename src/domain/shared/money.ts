// Money in integer minor units (céntimos, centavos, cents) so sums never drift.
export interface Money {
  /** Integer amount in the currency's minor unit (e.g. 45000 = PEN 450.00). */
  amountMinor: number;
  /** ISO 4217 code, e.g. PEN, BRL, EUR. */
  currency: string;
}

export function sameMoney(a: Money, b: Money): boolean {
  return a.amountMinor === b.amountMinor && a.currency === b.currency;
}

export function isValidAmount(amountMinor: number): boolean {
  return Number.isSafeInteger(amountMinor) && amountMinor > 0;
}
