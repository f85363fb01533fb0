// drizzle-kit reads the schema here and writes SQL migrations into db/migrations (checked in, never edited).
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./db/schema.ts",
  out: "./db/migrations",
});
