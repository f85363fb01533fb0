// Every /api/v1 endpoint that needs a token, once: method, path, access, and the zod schemas of its path,
// query, body and answer. The route files run their handlers through these entries (app/api/run.server.ts
// parses with exactly these schemas) and the OpenAPI document is generated from the same list.
import type { z } from "zod";
import * as s from "./schemas.server";

export type Endpoint = {
  method: "get" | "post" | "patch";
  /** OpenAPI path, `{param}` style. */
  path: string;
  summary: string;
  access: "read" | "write";
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: { status: 200 | 201; schema: z.ZodType; description: string };
  /** A valid example body (the OpenAPI test sends it). */
  example?: unknown;
};

const e = <T extends Endpoint>(x: T) => x;

export const ENDPOINTS = {
  listSubjects: e({
    method: "get",
    path: "/api/v1/subjects",
    summary: "The workspace's subjects (caseworkers: their assigned ones), newest activity first.",
    access: "read",
    query: s.PageQuery,
    response: { status: 200, schema: s.SubjectPageOut, description: "A page of subjects." },
  }),
  createSubject: e({
    method: "post",
    path: "/api/v1/subjects",
    summary: "Create a subject (the person whose details leaked).",
    access: "write",
    body: s.ApiSubjectSchema,
    response: { status: 201, schema: s.SubjectOut, description: "The new subject." },
    example: { name: "Jane Example", emails: ["jane@example.test"], country: "DE" },
  }),
  getSubject: e({
    method: "get",
    path: "/api/v1/subjects/{subjectId}",
    summary: "One subject, decrypted (the read is logged).",
    access: "read",
    params: s.SubjectParams,
    response: { status: 200, schema: s.SubjectOut, description: "The subject." },
  }),
  updateSubject: e({
    method: "patch",
    path: "/api/v1/subjects/{subjectId}",
    summary: "Change some of a subject's fields.",
    access: "write",
    params: s.SubjectParams,
    body: s.ApiSubjectPatchSchema,
    response: { status: 200, schema: s.SubjectOut, description: "The subject as saved." },
    example: { notes: "Moved in March." },
  }),
  listCases: e({
    method: "get",
    path: "/api/v1/cases",
    summary: "The workspace's cases, newest activity first.",
    access: "read",
    query: s.PageQuery,
    response: { status: 200, schema: s.CasePageOut, description: "A page of cases." },
  }),
  createCase: e({
    method: "post",
    path: "/api/v1/cases",
    summary: "Open a case for a subject.",
    access: "write",
    body: s.ApiCaseCreateSchema,
    response: { status: 201, schema: s.CaseOut, description: "The new case." },
    example: { subjectId: "SUBJECT_ID", title: "Telegram channel post, June" },
  }),
  getCase: e({
    method: "get",
    path: "/api/v1/cases/{caseId}",
    summary: "One case.",
    access: "read",
    params: s.CaseParams,
    response: { status: 200, schema: s.CaseOut, description: "The case." },
  }),
  updateCase: e({
    method: "patch",
    path: "/api/v1/cases/{caseId}",
    summary: "Close or reopen a case.",
    access: "write",
    params: s.CaseParams,
    body: s.ApiCasePatchSchema,
    response: { status: 200, schema: s.CaseOut, description: "The case as saved." },
    example: { status: "closed" },
  }),
  listExposures: e({
    method: "get",
    path: "/api/v1/cases/{caseId}/exposures",
    summary: "The places a case's subject is exposed.",
    access: "read",
    params: s.CaseParams,
    response: { status: 200, schema: s.ExposureListOut, description: "The case's exposures." },
  }),
  createExposure: e({
    method: "post",
    path: "/api/v1/cases/{caseId}/exposures",
    summary:
      "Record an exposure: the URL is normalised, its recipient matched and its severity computed as in the web form.",
    access: "write",
    params: s.CaseParams,
    body: s.ApiExposureCreateSchema,
    response: { status: 201, schema: s.ExposureOut, description: "The new exposure." },
    example: { url: "https://t.me/leakchannel/123", exposed: ["home_address", "phone"], callsForHarm: true },
  }),
  getExposure: e({
    method: "get",
    path: "/api/v1/cases/{caseId}/exposures/{exposureId}",
    summary: "One exposure.",
    access: "read",
    params: s.ExposureParams,
    response: { status: 200, schema: s.ExposureOut, description: "The exposure." },
  }),
  updateExposure: e({
    method: "patch",
    path: "/api/v1/cases/{caseId}/exposures/{exposureId}",
    summary: "Change an exposure's status.",
    access: "write",
    params: s.ExposureParams,
    body: s.ApiExposurePatchSchema,
    response: { status: 200, schema: s.ExposureOut, description: "The exposure as saved." },
    example: { status: "removed" },
  }),
  listRequests: e({
    method: "get",
    path: "/api/v1/requests",
    summary: "Requests (letters), newest first; filter by status and case.",
    access: "read",
    query: s.RequestListQuery,
    response: { status: 200, schema: s.RequestPageOut, description: "A page of requests." },
  }),
  createRequest: e({
    method: "post",
    path: "/api/v1/requests",
    summary:
      "Write a draft letter to one recipient of a case, filled in by the same composer as the web form.",
    access: "write",
    body: s.ApiRequestCreateSchema,
    response: { status: 201, schema: s.RequestOut, description: "The new draft request." },
    example: { caseId: "CASE_ID", recipientId: "curated:telegram", kind: "platform-report" },
  }),
  getRequest: e({
    method: "get",
    path: "/api/v1/requests/{requestId}",
    summary: "One request: status, deadline dates and timeline.",
    access: "read",
    params: s.RequestParams,
    response: { status: 200, schema: s.RequestOut, description: "The request." },
  }),
  updateRequest: e({
    method: "patch",
    path: "/api/v1/requests/{requestId}",
    summary: "Move a request through its lifecycle; a move the lifecycle does not allow is a 409.",
    access: "write",
    params: s.RequestParams,
    body: s.ApiRequestEventSchema,
    response: { status: 200, schema: s.RequestOut, description: "The request after the move." },
    example: { event: "send" },
  }),
  listDeadlines: e({
    method: "get",
    path: "/api/v1/deadlines",
    summary: "Requests waiting for an answer that are overdue or due within `days` days, soonest first.",
    access: "read",
    query: s.DeadlineQuery,
    response: { status: 200, schema: s.DeadlineListOut, description: "Upcoming due dates." },
  }),
} satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof ENDPOINTS;
