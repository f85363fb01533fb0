// Who may use which route: the authorization matrix's rules, one entry per route id of the Remix route manifest
// (tests/integration/authorization-matrix.test.ts walks the manifest and fails for a route, loader or action
// without an entry here). A rule is a named policy per actor; a few policies cover almost every route.
//
// Actors (all but the last two are members of one organisation workspace, "the workspace"):
//   owner, admin, viewer    — see every client of the workspace
//   caseworker              — the caseworker the route's client is assigned to
//   colleague               — another caseworker of the same workspace (that client is not theirs)
//   outsider                — owner of another organisation, with its own clients; acts in their own workspace
//   anonymous               — no session (pages) or no token (API)
// Route params always name the workspace's rows (the caseworker's client, its case, exposure, letter …).
//
// Outcomes:
//   "allow"  the permission gate let the actor through: 2xx or a redirect that is not to /login. For actions
//            also a 400 or 409 answer: the minimal form either was invalid on purpose (so nothing destructive
//            happens, e.g. "erase" without the word ERASE) or hit a state rule (a letter already sent) — both
//            come after the permission check in the code, so they prove the gate passed.
//   "login"  a redirect to /login (no session).
//   404      not found: another workspace's row, or a client not assigned to this caseworker. Never 403 for
//            those, so ids do not leak.
//   403      a member of the right workspace who can see the row but whose role may not do this.
//   401      API without a valid bearer token.
//   400      refused as invalid for this actor (e.g. an invitation meant for someone else, a case for a person
//            the actor cannot pick); like 403/404 it must change nothing.
// Every refusal (anything but "allow") must leave every stored row unchanged.

export const ACTORS = [
  "anonymous",
  "outsider",
  "viewer",
  "colleague",
  "caseworker",
  "admin",
  "owner",
] as const;
export type Actor = (typeof ACTORS)[number];
export type Outcome = "allow" | "login" | 400 | 401 | 403 | 404;
export type Policy = Readonly<Record<Actor, Outcome>>;

const policy = (base: Outcome, rest: Partial<Record<Actor, Outcome>> = {}): Policy => ({
  anonymous: base,
  outsider: base,
  viewer: base,
  colleague: base,
  caseworker: base,
  admin: base,
  owner: base,
  ...rest,
});

// ── The policies ───────────────────────────────────────────────────────────────────────────────────────────
/** Anyone, signed in or not (sign-up, log-in, the directory, the deadline calculator). */
export const PUBLIC = policy("allow");
/** Any signed-in account, in whatever workspace it is (its own account, settings, creating an organisation). */
export const SIGNED_IN = policy("allow", { anonymous: "login" });
/** Reading one of the workspace's clients' data: not a colleague's client, not another workspace's. */
export const CASE_READ = policy("allow", { anonymous: "login", outsider: 404, colleague: 404 });
/** Changing one of the workspace's clients' data: as CASE_READ, and viewers are refused (they can see it). */
export const CASE_WRITE = { ...CASE_READ, viewer: 403 } satisfies Policy;
/** Working without a particular client (new case, the workspace's templates): any role that writes. */
export const WRITE = policy("allow", { anonymous: "login", viewer: 403 });
/** A workspace-wide row (an incident's roster or URLs) that every writer of the workspace shares, not client-bound. */
export const WORKSPACE_ROW_WRITE = { ...WRITE, outsider: 404 } satisfies Policy;
/** A workspace-wide row (a letter template) that every member's letters use: owners and admins (decision 062). */
export const WORKSPACE_ROW_MANAGE = {
  ...policy("allow", { anonymous: "login", viewer: 403, caseworker: 403, colleague: 403 }),
  outsider: 404,
} satisfies Policy;
/** Workspace settings, members, export and erase of everything: owners and admins (the outsider in theirs). */
export const MANAGE = policy("allow", { anonymous: "login", viewer: 403, caseworker: 403, colleague: 403 });
/** Changing who a client belongs to, erasing a client: owners and admins; 404 for another workspace. */
export const MANAGE_CLIENT = { ...MANAGE, outsider: 404 } satisfies Policy;
/** Every client's incoming mail (the inbox): roles that read all clients. */
export const READ_ALL = policy("allow", { anonymous: "login", caseworker: 403, colleague: 403 });
/** Anything a member of the workspace may do that another workspace's member may not (switching into it). */
export const MEMBER = policy("allow", { anonymous: "login", outsider: 404 });

// API (bearer tokens; every actor's token is a write token of their own workspace).
export const API_READ = policy("allow", { anonymous: 401 });
export const API_WRITE = { ...API_READ, viewer: 403 } satisfies Policy;
export const API_CASE_READ = { ...API_READ, outsider: 404, colleague: 404 } satisfies Policy;
export const API_CASE_WRITE = { ...API_CASE_READ, viewer: 403 } satisfies Policy;

// ── Requests ───────────────────────────────────────────────────────────────────────────────────────────────
/** The fixture's ids by name: the route's params, plus letter references, user ids … for bodies. */
export type Ids = Readonly<Record<string, string>>;
// A file field is sent as a small real PNG (the fixture's screenshot).
type Field = string | string[] | { file: string; type: string; bytes: "png" };
export type Body = Record<string, Field>;

/**
 * A row made afresh for each call, when the allowed actors' request consumes it (a deleted exposure, a sent
 * letter, an erased client, an assigned message): its id replaces the param or id of the same name.
 */
export type Fresh =
  | "exposure"
  | "draftLetter"
  | "subject"
  | "inboundMessage"
  | "email"
  | "bulkJob"
  | "ownerToken"
  | "caseworkerToken";

export type LoaderRule = Policy | { policy: Policy; ids?: Partial<Record<string, string>>; query?: string };
export type ActionRule = {
  /** The `intent` sent (undefined: the route's only form). */
  intent?: string;
  policy: Policy;
  body?: (ids: Ids) => Body;
  /** For API routes: a JSON body, and the method (POST unless told). */
  json?: (ids: Ids) => unknown;
  method?: "POST" | "PATCH";
  fresh?: Fresh;
  /** Params taken from another fixture id than the param's own name (e.g. letterId → the draft letter). */
  ids?: Partial<Record<string, string>>;
};
export type RouteRule = {
  loader?: LoaderRule;
  /** One entry per representative intent the action accepts. */
  action?: ActionRule[];
  /** Why the rule is what it is, where not obvious. */
  note?: string;
};

const png = { file: "shot.png", type: "image/png", bytes: "png" } as const;
const DRAFT = { letterId: "draftLetterId" };
const LETTER_TEXT = { subject: "Erasure request", body: "Please erase the posts listed below." };

// ── The rules, by route id ─────────────────────────────────────────────────────────────────────────────────
export const ROUTE_RULES: Record<string, RouteRule> = {
  root: { loader: PUBLIC },
  "routes/_index": {
    loader: PUBLIC,
    note: "Signed out: the welcome page; signed in: the member's case list.",
  },

  // Accounts and sessions.
  "routes/signup": { loader: PUBLIC, action: [{ policy: PUBLIC, body: () => ({}) }] },
  "routes/login": { loader: PUBLIC, action: [{ policy: PUBLIC, body: () => ({ email: "nobody" }) }] },
  "routes/login_.two-factor": {
    loader: policy("allow", { anonymous: "login" }),
    action: [{ policy: policy("login"), body: () => ({ code: "000000" }) }],
    note: "Without a pending log-in challenge everyone is sent back to /login (signed-in members go home first).",
  },
  "routes/logout": {
    loader: PUBLIC,
    action: [{ policy: policy("login"), body: () => ({}) }],
    note: "Ending the session always lands on /login.",
  },
  "routes/exit": { loader: PUBLIC, action: [{ policy: PUBLIC, body: () => ({}) }] },
  "routes/i18n.$file": {
    loader: { policy: policy(404), ids: { file: "caseId" } },
    note: "The pages' words, public for anyone (decision 152); a name that is no language's file is a 404 for all.",
  },
  "routes/language": {
    action: [{ policy: PUBLIC, body: () => ({ locale: "en" }) }],
    note: "Anyone may choose the page language: kept in the account when signed in, in a cookie when not.",
  },
  "routes/forgot-password": {
    action: [{ policy: PUBLIC, body: () => ({ email: "nobody@example.test" }) }],
  },
  "routes/reset-password": {
    loader: PUBLIC,
    action: [{ policy: PUBLIC, body: () => ({ token: "x".repeat(30), password: "a new long password" }) }],
  },
  "routes/two-factor": {
    loader: SIGNED_IN,
    action: [{ intent: "confirm", policy: SIGNED_IN, body: () => ({ code: "000000" }) }],
  },
  "routes/account": {
    loader: SIGNED_IN,
    action: [
      { intent: "revoke-others", policy: SIGNED_IN },
      { intent: "password", policy: SIGNED_IN, body: () => ({ current: "wrong", password: "x" }) },
      // Never with confirm=ERASE: the allowed actors get the 400 "Type ERASE" after the permission check.
      { intent: "erase", policy: MANAGE },
    ],
  },
  "routes/account_.export": { loader: MANAGE, note: "The whole workspace's data: workspace:manage." },

  // Workspaces and members.
  "routes/workspaces.new": { loader: SIGNED_IN, action: [{ policy: SIGNED_IN, body: () => ({ name: "" }) }] },
  "routes/workspaces.switch": {
    loader: PUBLIC,
    action: [{ policy: MEMBER, body: (ids) => ({ workspaceId: ids.workspaceId! }) }],
  },
  // The audit log and its CSV export: owners and admins (the outsider sees their own workspace's).
  "routes/workspace.audit": { loader: MANAGE },
  "routes/workspace.audit_.export": { loader: MANAGE },
  "routes/workspace.members": {
    loader: MANAGE,
    action: [
      {
        intent: "invite",
        policy: MANAGE,
        fresh: "email",
        body: (ids) => ({ email: ids.email!, role: "viewer" }),
      },
      {
        intent: "role",
        policy: { ...MANAGE, outsider: 404 },
        body: (ids) => ({ userId: ids.viewerId!, role: "viewer" }),
      },
      { intent: "require-2fa", policy: MANAGE, body: () => ({ required: "false" }) },
    ],
    note: "The outsider manages their own organisation; naming a member of another one is 404.",
  },
  "routes/invitations.$token": {
    loader: PUBLIC,
    action: [{ intent: "accept", policy: policy(400, { anonymous: "login" }) }],
    note: "The token is the authorization: only the invited address may accept (none of the actors is it).",
  },
  "routes/settings._index": { loader: SIGNED_IN },
  "routes/settings.email": {
    loader: MANAGE,
    action: [
      { intent: "save", policy: MANAGE, body: (ids) => smtpBody(ids) },
      { intent: "test", policy: MANAGE, body: (ids) => smtpBody(ids) },
    ],
  },
  "routes/settings.tokens": {
    loader: SIGNED_IN,
    action: [
      {
        intent: "create",
        policy: SIGNED_IN,
        body: () => ({ name: "Script", access: "read", expires: "30" }),
      },
      { intent: "create", policy: WRITE, body: () => ({ name: "Script", access: "write", expires: "30" }) },
      // The owner's own token: only an owner may revoke it (admins do not act on owners); for anyone else
      // it does not exist.
      {
        intent: "revoke",
        policy: policy(404, { owner: "allow", anonymous: "login" }),
        fresh: "ownerToken",
        body: (ids) => ({ tokenId: ids.tokenId! }),
      },
      // A caseworker's token: they, an owner or an admin may revoke it.
      {
        intent: "revoke",
        policy: policy(404, { owner: "allow", admin: "allow", caseworker: "allow", anonymous: "login" }),
        fresh: "caseworkerToken",
        body: (ids) => ({ tokenId: ids.tokenId! }),
      },
    ],
    note: "Every member makes their own tokens; viewers only read-only ones. Owners and admins also revoke others'.",
  },
  // Calendar links: every member makes their own, for all they can see or for a case they can see.
  "routes/calendar-feeds": {
    loader: SIGNED_IN,
    action: [
      { intent: "create", policy: SIGNED_IN, body: () => ({}) },
      { intent: "create", policy: CASE_READ, body: (ids) => ({ caseId: ids.caseId! }) },
      { intent: "revoke", policy: CASE_READ, body: (ids) => ({ caseId: ids.caseId! }) },
    ],
    note: "Viewers may subscribe too: a calendar only reads. A case's link needs a case the member can see.",
  },
  "routes/calendar.$token": {
    loader: policy(404),
    note: "The secret token is the authorization (no session): the fixture's token is no calendar link.",
  },
  "routes/settings.mailbox": { loader: MANAGE, action: [{ intent: "save", policy: MANAGE }] },
  "routes/settings.templates._index": { loader: MANAGE, action: [{ policy: MANAGE }] },
  "routes/settings.templates.$templateId": {
    loader: WORKSPACE_ROW_MANAGE,
    action: [
      { intent: "preview", policy: WORKSPACE_ROW_MANAGE, body: () => ({ body: "Dear {{ recipient }}" }) },
    ],
  },

  // The directory and deadlines: public reference data; corrections are a writer's.
  "routes/directory._index": {
    loader: PUBLIC,
    action: [
      { intent: "match", policy: PUBLIC, body: () => ({ url: "https://t.me/somechannel/1" }) },
      { intent: "add", policy: WRITE },
    ],
  },
  "routes/directory.$recipientId": {
    loader: PUBLIC,
    action: [{ intent: "remove-correction", policy: WRITE }],
  },
  "routes/deadlines": { loader: PUBLIC },
  // Recipient scorecards from the workspace's own requests (a caseworker's: their clients' requests).
  "routes/scorecards": { loader: SIGNED_IN },
  "routes/inbox": {
    loader: READ_ALL,
    action: [
      {
        policy: { ...MANAGE, outsider: 400 },
        fresh: "inboundMessage",
        body: (ids) => ({ messageId: ids.inboundMessage!, reference: ids.sentReference! }),
      },
    ],
    note: "Assigning mail needs case:write and case:read_all; another workspace's reference is 'no such letter' (400).",
  },

  // Clients (subjects).
  "routes/cases.new": {
    loader: WRITE,
    action: [
      {
        policy: { ...WRITE, colleague: 400, outsider: 400 },
        body: (ids) => ({ subjectId: ids.subjectId!, title: "Another case" }),
      },
    ],
    note: "A person the actor cannot see is not a choice of the form: 400, never 403.",
  },
  "routes/subjects.$subjectId": {
    loader: CASE_READ,
    action: [
      { policy: CASE_WRITE, body: () => ({ name: "Client Of Casey", country: "DE" }) },
      { intent: "mandate", policy: CASE_WRITE, body: () => ({ signedOn: "2026-11-01", file: png }) },
      { intent: "assign", policy: MANAGE_CLIENT, body: (ids) => ({ assignee: ids.caseworkerId! }) },
      { intent: "erase", policy: MANAGE_CLIENT, fresh: "subject", body: () => ({ confirm: "ERASE" }) },
    ],
    note: "assign/erase check the role before the row, so a caseworker gets 403 even for a colleague's client.",
  },
  // Client intake.
  "routes/clients.new": {
    loader: WRITE,
    action: [{ policy: WRITE, body: () => ({ name: "Matrix Client" }) }],
    note: "The minimal form lacks the required choices (400 for writers, nothing saved); viewers 403 first.",
  },
  // The matrix's client taken in through the form (Casey's own): the workspace's other clients have no intake.
  "routes/clients.$subjectId.intake": {
    loader: { policy: CASE_READ, ids: { subjectId: "intakeSubjectId" } },
  },
  "routes/subjects.$subjectId_.find": {
    loader: CASE_READ,
    action: [{ policy: CASE_WRITE, body: () => ({ notFound: "curated:google" }) }],
    note: "The checklist reads the person's name; marking a site is a writer's job.",
  },
  "routes/subjects.$subjectId_.export": {
    loader: CASE_WRITE,
    note: "Exporting a client's data is a writer's job.",
  },
  "routes/subjects.$subjectId_.mandate": {
    loader: CASE_WRITE,
    note: "The letter of authority is for writers.",
  },

  // Cases.
  "routes/cases.$caseId._index": {
    loader: CASE_READ,
    action: [
      {
        intent: "add-exposure",
        policy: CASE_WRITE,
        body: () => ({
          url: "https://t.me/matrixleaks/900",
          exposed: "email",
          foundOn: "2026-11-01",
          status: "active",
        }),
      },
      { intent: "reopen", policy: CASE_WRITE },
      // No request ticked: 400 for writers (nothing changes), 403 for viewers first.
      { intent: "bulk-requests", policy: CASE_WRITE, body: () => ({ action: "abandon" }) },
    ],
  },
  "routes/cases.$caseId.timeline": { loader: CASE_READ },
  "routes/cases.$caseId.exposures.bulk": {
    loader: CASE_WRITE,
    action: [{ policy: CASE_WRITE, body: () => ({ urls: "https://t.me/matrixleaks/901" }) }],
  },
  "routes/cases.$caseId.exposures.$exposureId": {
    loader: CASE_READ,
    action: [
      {
        intent: "update",
        policy: CASE_WRITE,
        body: (ids) => ({ url: ids.exposureUrl!, exposed: "email", foundOn: "2026-11-01", status: "active" }),
      },
      { intent: "upload", policy: CASE_WRITE, body: () => ({ file: png }) },
      { intent: "strip", policy: CASE_WRITE, body: (ids) => ({ evidenceId: ids.evidenceId! }) },
      // A day in the future: 400 for writers (nothing recorded), 403 for viewers first.
      { intent: "gone", policy: CASE_WRITE, body: () => ({ checkedOn: "2999-01-01" }) },
      { intent: "delete", policy: CASE_WRITE, fresh: "exposure" },
    ],
    note: "'recheck' is not walked: it fetches the URL from the internet (same gate as update, in recheckExposure).",
  },
  "routes/cases.$caseId.exposures.$exposureId_.evidence.$evidenceId": { loader: CASE_READ },
  "routes/cases.$caseId.letters.new": {
    loader: CASE_WRITE,
    action: [{ policy: CASE_WRITE, body: (ids) => letterDetails(ids) }],
  },
  "routes/cases.$caseId.letters.$letterId": {
    loader: { policy: CASE_READ, ids: DRAFT },
    action: [{ intent: "save", policy: CASE_READ, ids: DRAFT, body: () => LETTER_TEXT }],
    note: "The old letter page only redirects to the request page (301; a POST 308, so it is sent on and the request page checks the right to write).",
  },
  "routes/cases.$caseId.letters.$letterId_.pdf": { loader: { policy: CASE_READ, ids: DRAFT } },
  "routes/cases.$caseId.requests.$letterId": {
    loader: { policy: CASE_READ, ids: { letterId: "sentLetterId" } },
    action: [
      { intent: "save", policy: CASE_WRITE, ids: DRAFT, body: () => LETTER_TEXT },
      { intent: "send", policy: CASE_WRITE, fresh: "draftLetter", ids: DRAFT, body: () => LETTER_TEXT },
      {
        intent: "note",
        policy: CASE_WRITE,
        ids: { letterId: "sentLetterId" },
        body: () => ({ note: "Called them." }),
      },
      { intent: "follow-up", policy: CASE_WRITE, ids: { letterId: "sentLetterId" } },
      // The sent letter is not set aside: 409 for writers (nothing changes), 403 for viewers.
      { intent: "resume", policy: CASE_WRITE, ids: { letterId: "sentLetterId" } },
    ],
  },

  // API: public reference data, and the workspace's data by bearer token.
  "routes/api.v1.deadline": {
    loader: { policy: PUBLIC, query: "regime=gdpr-month&received=2026-11-25&country=DE" },
  },
  "routes/api.v1.recipients": { loader: { policy: PUBLIC, query: "q=telegram" } },
  "routes/api.v1.recipients.match": { loader: { policy: PUBLIC, query: "url=https%3A%2F%2Ft.me%2Fx%2F1" } },
  "routes/api.v1.openapi[.]json": { loader: PUBLIC, note: "It describes shapes, never data." },
  "routes/api.v1.subjects": {
    loader: API_READ,
    action: [{ policy: API_WRITE, json: () => ({ name: "Made By API" }) }],
  },
  "routes/api.v1.subjects.$subjectId": {
    loader: API_CASE_READ,
    action: [{ policy: API_CASE_WRITE, method: "PATCH", json: () => ({ country: "DE" }) }],
  },
  "routes/api.v1.cases": {
    loader: API_READ,
    action: [
      { policy: API_CASE_WRITE, json: (ids) => ({ subjectId: ids.subjectId, title: "Opened by API" }) },
    ],
    note: "A subject the token cannot see is 404 here (the web form's picker answers 400: not a choice).",
  },
  "routes/api.v1.cases.$caseId": {
    loader: API_CASE_READ,
    action: [{ policy: API_CASE_WRITE, method: "PATCH", json: () => ({ status: "open" }) }],
  },
  "routes/api.v1.cases.$caseId.exposures": {
    loader: API_CASE_READ,
    action: [{ policy: API_CASE_WRITE, json: () => ({ url: "https://t.me/matrixleaks/950" }) }],
  },
  "routes/api.v1.cases.$caseId.exposures.$exposureId": {
    loader: API_CASE_READ,
    action: [{ policy: API_CASE_WRITE, method: "PATCH", json: () => ({ status: "active" }) }],
  },
  "routes/api.v1.requests": {
    loader: API_READ,
    action: [
      {
        policy: API_CASE_WRITE,
        json: (ids) => ({ caseId: ids.caseId, exposureIds: [ids.exposureId], kind: "gdpr-erasure" }),
      },
    ],
  },
  "routes/api.v1.requests.$requestId": {
    loader: API_CASE_READ,
    action: [
      // Sending is the acceptance's "a viewer cannot send", by API.
      {
        policy: API_CASE_WRITE,
        method: "PATCH",
        fresh: "draftLetter",
        ids: { requestId: "draftLetterId" },
        json: () => ({ event: "send" }),
      },
    ],
  },
  "routes/api.v1.deadlines": { loader: API_READ },

  // Employer incidents. The incident itself is a workspace row every member sees (its people are filtered by
  // the caseworker rule inside); the bulk run belongs to Casey, who started it for their people.
  "routes/incidents._index": {
    loader: SIGNED_IN,
    action: [{ intent: "create", policy: WRITE, body: () => ({ title: "Another leak" }) }],
  },
  "routes/incidents.$incidentId._index": { loader: MEMBER },
  // Counts per unit and the chart; a caseworker's numbers cover the people assigned to them.
  "routes/incidents.$incidentId.progress": { loader: MEMBER },
  "routes/incidents.$incidentId_.progress[.]csv": { loader: MEMBER },
  "routes/incidents.$incidentId.roster": {
    loader: MEMBER,
    action: [
      {
        intent: "preview",
        policy: WORKSPACE_ROW_WRITE,
        body: () => ({ csv: "name,email,unit,country\nNew Person,new.person@example.test,Sales,DE" }),
      },
    ],
  },
  "routes/incidents.$incidentId.matrix": {
    loader: MEMBER,
    note: "Each member's matrix has only their people.",
  },
  "routes/incidents.$incidentId.urls": {
    loader: MEMBER,
    action: [
      {
        intent: "import",
        policy: WORKSPACE_ROW_WRITE,
        body: () => ({ urls: "https://t.me/stafflist/1", target: "all" }),
      },
    ],
  },
  // A leaked URL is seen by those who see one of the people it exposes (a colleague's client's URL: 404).
  "routes/incidents.$incidentId.urls_.$urlId": {
    loader: CASE_READ,
    action: [
      {
        intent: "links",
        policy: CASE_WRITE,
        // Keeps the one link as it is (the people a member cannot see are not theirs to link or unlink).
        body: (ids) => ({ people: [ids.incidentPersonId!], shown: [ids.incidentPersonId!] }),
      },
    ],
  },
  "routes/incidents.$incidentId_.bulk": {
    loader: MEMBER,
    action: [
      {
        intent: "start",
        policy: WORKSPACE_ROW_WRITE,
        body: () => ({ channel: "documents", sender: "self" }),
      },
    ],
    note: "Starting is open to every writer; each run only covers the cells the starter can see.",
  },
  "routes/incidents.$incidentId_.jobs.$jobId": {
    loader: CASE_READ,
    action: [{ intent: "cancel", policy: CASE_WRITE, fresh: "bulkJob" }],
    note: "A run is seen by whoever started it and by the roles that read every client.",
  },
};

function smtpBody(ids: Ids): Body {
  return {
    host: "127.0.0.1",
    port: ids.deadPort!,
    user: "matrix",
    password: "app-password",
    from: "Matrix Org <matrix@example.test>",
    replyTo: "",
  };
}

function letterDetails(ids: Ids): Body {
  return {
    exposureIds: [ids.exposureId!],
    option: "gdpr-erasure/gdpr",
    lang: "en",
    destination: "email|abuse@telegram.org",
    requesterName: "Client Of Casey",
    requesterEmail: "client@example.test",
    particularSituation: "Strangers came to my door.",
    authorityName: "the Berlin Commissioner for Data Protection and Freedom of Information",
  };
}
