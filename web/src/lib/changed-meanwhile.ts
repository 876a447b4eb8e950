/**
 * A form's draft carried over onto a record someone else changed while the form was open: what the caller changed of
 * what they saw (`before`) stays theirs, the rest follows the record as it is now (`after`), so saving on the new
 * version sends the caller's own change and keeps the other one. `together`: keys that go as one (an order's hours,
 * start and end; an invoice's kind and number), the caller's all when they changed any of them.
 */
export function keepOwn<D extends object>(before: D, after: D, draft: D, together: readonly (readonly (keyof D)[])[] = []): D {
  const mine = (key: keyof D) => JSON.stringify(draft[key]) !== JSON.stringify(before[key]);
  const groupOf = (key: keyof D) => together.find((group) => group.includes(key)) ?? [key];
  const keys = Object.keys(draft) as (keyof D)[];
  return Object.fromEntries(keys.map((key) => [key, groupOf(key).some(mine) ? draft[key] : after[key]])) as D;
}
