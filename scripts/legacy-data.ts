// Retract's pages load their data with single fetch (`/path.data`); the old `?_data=<route>` form is never
// used by them. Remix still answers it, logging a warning with a stack trace for each
// one, so an anonymous script could fill the log. It is refused here, before Remix, with a 400 and no log.
import type { NextFunction, Request, Response } from "express";

export function refuseLegacyDataRequests(req: Request, res: Response, next: NextFunction) {
  const query = req.originalUrl.indexOf("?");
  if (query < 0 || !new URLSearchParams(req.originalUrl.slice(query + 1)).has("_data")) return next();
  res.status(400).type("text/plain").send("This address is not one of Retract's pages.");
}
