// date-holidays, loaded on first use rather than at every start-up of the server: its data for every country
// took ~170 ms of each cold start, and most requests never compute a deadline.
import { createRequire } from "node:module";
import type HolidaysLib from "date-holidays";

export type Holidays = HolidaysLib;

let ctor: typeof HolidaysLib | undefined;

/** The library's Holidays class (CommonJS build, required synchronously the first time). */
export function holidaysClass(): typeof HolidaysLib {
  ctor ??= createRequire(import.meta.url)("date-holidays") as typeof HolidaysLib;
  return ctor;
}
