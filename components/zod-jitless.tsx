"use client";
// zod 4 probes `Function("")` to decide whether to compile its object parsers; under our CSP
// (no 'unsafe-eval') the probe is refused and reported as a violation. Rendered by both root
// layouts so the browser's zod never tries eval.
import { z } from "zod";

z.config({ jitless: true });

export function ZodJitless() {
  return null;
}
