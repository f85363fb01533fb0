// `npm run cli -- <command> [options]`: administration for self-hosters. Every command has --help.
import { commands } from "./cli/commands";

const [name, ...args] = process.argv.slice(2);

function usage() {
  const width = Math.max(...Object.keys(commands).map((k) => k.length));
  return [
    "Usage: npm run cli -- <command> [options]",
    "",
    "Commands:",
    ...Object.entries(commands).map(([k, c]) => `  ${k.padEnd(width)}  ${c.summary}`),
    "",
    "Run `npm run cli -- <command> --help` for a command's options.",
  ].join("\n");
}

if (!name || name === "--help" || name === "-h" || name === "help") {
  console.log(usage());
  process.exit(name ? 0 : 1);
}
const command = commands[name];
if (!command) {
  console.error(`Unknown command "${name}".\n\n${usage()}`);
  process.exit(1);
}
if (args.includes("--help") || args.includes("-h")) {
  console.log(
    `Usage: npm run cli -- ${name} ${command.usage}\n\n${command.summary}${command.help ? `\n\n${command.help}` : ""}`,
  );
  process.exit(0);
}
try {
  await command.run(args);
  process.exit(0);
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}
