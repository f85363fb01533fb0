// A process for the shared-limits test: takes password tries for one account and address on the test's data
// folder, as another worker of `npm start` would, and prints how each was answered.
import { parseArgs } from "node:util";
import { takePasswordAttempt } from "~/auth/rate-limit.server";
import { closeDb, getDb } from "~/db.server";

const { values } = parseArgs({
  options: {
    ip: { type: "string" },
    account: { type: "string" },
    tries: { type: "string" },
    wait: { type: "boolean" },
  },
});
getDb(); // opened before the go, so that both processes begin together
if (values.wait) {
  console.log("ready");
  await new Promise((go) => process.stdin.once("data", go));
}
const answers: boolean[] = [];
for (let i = 0; i < Number(values.tries ?? 1); i++)
  answers.push(takePasswordAttempt(values.ip ?? "", values.account ?? "").ok);
closeDb();
console.log(JSON.stringify(answers));
