// The data folder holds the database, the keys and the evidence files: only the user Retract runs as may read
// it. New folders and files are created 700/600, but a folder made before that (or copied,
// or restored with another umask) keeps 755/644. At every start this tightens what it finds and warns, naming
// the path, where it cannot (another owner, a read-only disk).
import { chmodSync, lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";

type Chmod = (path: string, mode: number) => void;

/** Removes group and other access below `dir` (itself included). Symbolic links are left alone. */
export function tightenDataDir(
  dir: string,
  warn: (line: string) => void = console.warn,
  chmod: Chmod = chmodSync,
) {
  const failed: string[] = [];
  const visit = (path: string) => {
    let stat: ReturnType<typeof lstatSync>;
    try {
      stat = lstatSync(path);
    } catch {
      return; // gone meanwhile (a -shm file)
    }
    if (stat.isSymbolicLink()) return;
    const want = stat.isDirectory() ? 0o700 : 0o600;
    if ((stat.mode & 0o077) !== 0) {
      try {
        chmod(path, want);
      } catch {
        failed.push(path);
      }
    }
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(dir);
  if (failed.length)
    warn(
      [
        "Warning: Retract could not make these readable by its own user only (other users of this machine may read them):",
        ...failed.slice(0, 10).map((p) => `  ${p}`),
        ...(failed.length > 10 ? [`  … and ${failed.length - 10} more`] : []),
        "Change their owner to the user Retract runs as, or run: chmod -R go-rwx on the data folder.",
      ].join("\n"),
    );
  return { failed };
}
