import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

// Caps on waiting, not timing assertions: these files render while `next build` and the
// integration files run beside them (npm test), so a busy machine may take seconds per step.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => cleanup());
