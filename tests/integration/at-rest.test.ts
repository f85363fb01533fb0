// Opens the database file (and its WAL) and the evidence folder as bytes: no personal detail in plain text.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { createCase } from "~/cases/cases.server";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import { addEvidence, readEvidence, stripMetadata } from "~/evidence/evidence.server";
import { createExposure, createExposuresBulk } from "~/exposures/exposures.server";
import { normaliseUrl } from "~/exposures/url";
import { createSubject, getSubject, SubjectFieldsSchema } from "~/subjects/subjects.server";
import { newAccount } from "./helpers";

const NAME = "Marguerite Oyelaran-Whitfield";
const ADDRESS = "42 Quillfeather Lane, Dunmere";
const PHONE = "+44 7700 900123";
const EMAIL = "marguerite.ow@example.org";

function allBytes(dir: string): { file: string; bytes: Buffer }[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const file = join(e.parentPath, e.name);
      return { file, bytes: readFileSync(file) };
    });
}

describe("data at rest", () => {
  it("holds no name, address, phone or email in plain text", async () => {
    const account = await newAccount(NAME);
    const subjectId = createSubject(
      account.scope,
      SubjectFieldsSchema.parse({
        name: NAME,
        addresses: ADDRESS,
        phones: PHONE,
        emails: EMAIL,
        notes: `Lives at ${ADDRESS}`,
      }),
    );
    const caseId = createCase(account.scope, { subjectId, title: `Post naming ${NAME}` });
    const slug = NAME.toLowerCase().replaceAll(" ", "-");
    const url = normaliseUrl(`https://people-search.example.com/${slug}/${PHONE.replace(/\D/g, "")}`);
    if (!url.ok) throw new Error("fixture");
    const exposureId = createExposure(account.scope, caseId, {
      url: url.value,
      exposed: ["home_address", "phone"],
      callsForHarm: true,
      foundOn: "2026-11-20",
      severityOverride: null,
      status: "active",
      notes: `Shows ${ADDRESS} and ${PHONE}`,
    });
    createExposuresBulk(account.scope, caseId, [
      {
        line: 1,
        input: `https://paste.example.net/${slug}`,
        fields: {
          exposed: [],
          callsForHarm: false,
          foundOn: "2026-11-20",
          severityOverride: null,
          status: "active",
          notes: NAME,
        },
      },
    ]);
    await addEvidence(account.scope, exposureId, {
      filename: `${NAME}.html`,
      bytes: Buffer.from(
        `<!doctype html><html><body><h1>${NAME}</h1><p>${ADDRESS}</p><p>${PHONE}</p></body></html>`,
      ),
    });
    const photo = await sharp({ create: { width: 32, height: 32, channels: 3, background: "#aabbcc" } })
      .jpeg()
      .withExif({ IFD0: { Make: "Cam", Model: NAME } })
      .toBuffer();
    const photoId = await addEvidence(account.scope, exposureId, { filename: "photo.jpg", bytes: photo });
    await stripMetadata(account.scope, exposureId, photoId);

    // The app still reads it all back.
    expect(getSubject(account.scope, subjectId).addresses).toEqual([ADDRESS]);
    expect(readEvidence(account.scope, exposureId, photoId).bytes.equals(photo)).toBe(true);

    getDb().$client.pragma("wal_checkpoint(FULL)");
    const files = allBytes(getEnv().dataDir);
    expect(files.some((f) => f.file.endsWith("retract.sqlite"))).toBe(true);
    expect(files.some((f) => f.file.includes("evidence"))).toBe(true);
    const needles = [NAME, ADDRESS, PHONE, EMAIL, "Quillfeather", "Oyelaran", PHONE.replace(/\D/g, ""), slug];
    for (const { file, bytes } of files) {
      if (file.endsWith("secrets.json")) continue;
      for (const needle of needles) {
        for (const encoding of ["utf8", "utf16le"] as const) {
          expect(
            bytes.includes(Buffer.from(needle, encoding)),
            `${needle} (${encoding}) found in ${file}`,
          ).toBe(false);
        }
      }
    }
  });
});
