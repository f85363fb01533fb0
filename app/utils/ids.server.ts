// Random, unguessable ids for rows and files (96 bits, URL-safe).
import { randomBytes } from "./random.server";

export function newId() {
  return randomBytes(12).toString("base64url");
}
