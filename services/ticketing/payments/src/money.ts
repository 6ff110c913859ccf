/** Amounts travel as numbers with at most two decimals and are kept as integer cents. */
export function centsOf(amount: number): number | undefined {
  const cents = Math.round(amount * 100);
  return Math.abs(cents - amount * 100) < 1e-6 ? cents : undefined;
}

export function amountOf(cents: number | string | bigint): number {
  return Number(cents) / 100;
}
