// Row and file ids: the creation time, then 96 random bits (URL-safe, unguessable). The time comes first, in
// fixed-width base 36, so ids sort by when they were made: a table's new rows append to the end of every
// index that holds their id instead of landing on a random page of it (decision 047).
import { randomBytes } from "./random.server";

export function newId() {
  return Date.now().toString(36).padStart(9, "0") + randomBytes(12).toString("base64url");
}
