// Case data for hardening tests: real subjects, cases, exposures and evidence files, made through the domain
// modules (a sent letter: tests/integration/factories.ts); and a snapshot of every encrypted value and file,
// decrypted through the registry, to prove that nothing was lost or changed.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type Database from "better-sqlite3";
import sharp from "sharp";
import { createCase } from "~/cases/cases.server";
import { addEvidence } from "~/evidence/evidence.server";
import { parseEvidenceFile } from "~/evidence/storage.server";
import { createExposuresBulk, listExposures } from "~/exposures/exposures.server";
import { decrypt, decryptBytes, type Keyring, keyringFromSecrets } from "~/security/crypto.server";
import { ENCRYPTED_COLUMNS, ENCRYPTED_FILES } from "~/security/encrypted-columns.server";
import { readSecrets } from "~/security/secrets.server";
import { createSubject } from "~/subjects/subjects.server";
import type { Scope } from "~/workspaces/scope.server";

export async function seedCaseData(
  scope: Scope,
  { subjects = 2, exposuresPer = 2, evidencePer = 1, tag = "" } = {},
) {
  const ids: { subjectId: string; caseId: string }[] = [];
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#335577" } })
    .png()
    .toBuffer();
  for (let i = 0; i < subjects; i++) {
    const subjectId = createSubject(scope, {
      name: `Person ${tag}${i} 홍길동`,
      aliases: [`Alias ${i}`],
      emails: [`person${i}@example.test`],
      phones: ["+44 7700 900123"],
      addresses: [`${i} Example Street`],
      usernames: [`@person${i}`],
      country: "GB",
      notes: `Notes ${i}`,
    });
    const caseId = createCase(scope, { subjectId, title: `Case ${tag}${i}` });
    const results = createExposuresBulk(
      scope,
      caseId,
      Array.from({ length: exposuresPer }, (_, j) => ({
        line: j + 1,
        input: `https://leak${j}.example.com/${tag}${i}/${j}`,
        fields: {
          exposed: ["email"],
          callsForHarm: false,
          foundOn: "2026-11-01",
          severityOverride: null,
          status: "active" as const,
          notes: `exposure ${j}`,
        },
      })),
    );
    const exposureIds = listExposures(scope, caseId).map((e) => e.id);
    expectLength(results.length, exposuresPer);
    for (let k = 0; k < evidencePer; k++) {
      await addEvidence(scope, exposureIds[k % exposureIds.length]!, {
        filename: `shot-${i}-${k}.png`,
        bytes: png,
      });
    }
    ids.push({ subjectId, caseId });
  }
  return ids;
}

function expectLength(a: number, b: number) {
  if (a !== b) throw new Error(`expected ${b} results, got ${a}`);
}

const q = (n: string) => `"${n}"`;

/** Every encrypted value and evidence file, decrypted with the data folder's current keys, as hashes. */
export function snapshotPlaintext(db: Database.Database, dataDir: string, ring?: Keyring) {
  const keys = ring ?? keyringFromSecrets(readSecrets(dataDir));
  const out: Record<string, string> = {};
  const keyIds = new Set<string>();
  const h = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");
  for (const col of ENCRYPTED_COLUMNS) {
    const exists = db.prepare("SELECT 1 FROM pragma_table_info(?) WHERE name = ?").get(col.table, col.column);
    if (!exists) continue;
    const rows = db
      // '' is no ciphertext: an unedited letter's template_body_enc (UNEDITED, decision 046), as in rotate.server.
      .prepare(`SELECT * FROM ${q(col.table)} WHERE ${q(col.column)} IS NOT NULL AND ${q(col.column)} <> ''`)
      .all() as Record<string, unknown>[];
    for (const row of rows) {
      const id = String(row[col.idColumn]);
      const token = String(row[col.column]);
      keyIds.add(token.split(".")[1]!);
      out[`${col.table}.${col.column}:${id}`] = h(decrypt(token, col.context(id, row), keys));
    }
  }
  for (const spec of ENCRYPTED_FILES) {
    const rows = db.prepare(`SELECT id, storage_key FROM ${q(spec.table)}`).all() as {
      id: string;
      storage_key: string;
    }[];
    for (const r of rows) {
      const path = join(dataDir, "evidence", r.storage_key);
      if (!existsSync(path)) {
        out[`file:${r.id}`] = "missing";
        continue;
      }
      const { keyId, payload } = parseEvidenceFile(readFileSync(path));
      keyIds.add(keyId);
      out[`file:${r.id}`] = h(decryptBytes(payload, keyId, spec.context(r.id), keys));
    }
  }
  return { values: out, keyIds };
}
