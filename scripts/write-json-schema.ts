/** Writes docs/practice-kb-v1.schema.json and docs/practice-kb-v2.schema.json from the zod schemas in shared/ (`npm run schema`). */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { FORMAT_IDS, interchangeJsonSchema, jsonSchemaFileName } from "../shared/src/index";

for (const format of FORMAT_IDS) {
  const target = path.join(import.meta.dirname, "../docs", jsonSchemaFileName(format));
  writeFileSync(target, `${JSON.stringify(interchangeJsonSchema(format), null, 2)}\n`);
  console.log(`wrote ${target}`);
}
