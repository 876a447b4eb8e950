/** An order's 配送時段 as its two fields hold it: `HH:mm` each, or both empty for none. */
export interface WindowBounds {
  readonly start: string;
  readonly end: string;
}

/**
 * The API takes a window whole or not at all, and a form sending half of one sent none: 「11 點前」 picked as 結束 11:00
 * alone was dropped without a word and the driver could come at three. One end picked while the other is empty reads as
 * the caller said it, 「11 點前」 from the first hour offered, 「兩點後」 to the last, and shows so in the fields; an end
 * cleared while the other stays clears the window, as that is how a window is taken off.
 */
export function wholeWindow(now: WindowBounds, before: WindowBounds, offered: { readonly first: string; readonly last: string }): WindowBounds {
  if (now.start && !now.end) return before.end ? { start: '', end: '' } : { start: now.start, end: offered.last };
  if (now.end && !now.start) return before.start ? { start: '', end: '' } : { start: offered.first, end: now.end };
  return now;
}
