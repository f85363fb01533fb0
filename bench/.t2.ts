process.env.RETRACT_DATA_DIR = "/work/main/bench/data/full";
const { findUserIdByEmail } = await import("~/auth/users.server");
const { getDb } = await import("~/db.server");
const { timelinePage } = await import("~/requests/requests.server");
const userId = findUserIdByEmail("bench@example.org")!;
const db = getDb().$client as any;
const ws = db.prepare("select workspace_id from cases where id = ?").get("UJTO98cWUPz2-YzE").workspace_id;
const scope = { userId, workspaceId: ws, role: "owner" as const };
const orig = db.prepare.bind(db);
let log = false;
db.prepare = (sql: string) => { const st = orig(sql); for (const m of ["all", "get"]) { const f = st[m].bind(st); st[m] = (...a: any[]) => { const t = performance.now(); const x = f(...a); if (log) console.log((performance.now()-t).toFixed(1), m, sql.slice(0, 120)); return x; }; } const raw = st.raw.bind(st); st.raw = (...a: any[]) => { const r = raw(...a); const ra = r.all.bind(r); r.all = (...b: any[]) => { const t = performance.now(); const x = ra(...b); if (log) console.log((performance.now()-t).toFixed(1), "raw", sql.slice(0, 120)); return x; }; return r; }; return st; };
for (let i = 0; i < 5; i++) { log = i === 4; const t = performance.now(); timelinePage(scope, "UJTO98cWUPz2-YzE", { limit: 100 }); if (log) console.log("timelinePage", (performance.now() - t).toFixed(1)); }
