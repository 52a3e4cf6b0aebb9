/** Writes docs/practice-kb-v1.schema.json from the zod schema in shared/ (`npm run schema`). */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { interchangeJsonSchema } from "../shared/src/index";

const target = path.join(import.meta.dirname, "../docs/practice-kb-v1.schema.json");
writeFileSync(target, `${JSON.stringify(interchangeJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
