// The Node.js the portal supports in production: 24 LTS from its first LTS release on. `npm ci`
// installs it from the registry (the `node` package) into node_modules/.bin, which npm scripts
// put first on PATH, so `npm start`, `npm test` and the benchmark run on it even where the
// machine's own Node.js is older. A server started by hand on an older one (Node.js 20 reached
// its end of life in April 2026) is refused at start rather than run unsupported.
export const MINIMUM_NODE_VERSION = "24.11.0";

function versionParts(version: string): number[] {
  return version.replace(/^v/, "").split(".").map((part) => Number.parseInt(part, 10) || 0);
}

export function isSupportedNodeVersion(version: string): boolean {
  const actual = versionParts(version);
  const minimum = versionParts(MINIMUM_NODE_VERSION);
  for (let i = 0; i < minimum.length; i++) {
    if ((actual[i] ?? 0) !== minimum[i]) return (actual[i] ?? 0) > minimum[i]!;
  }
  return true;
}

/** Why this Node.js may not run the portal, or undefined when it may. */
export function unsupportedNodeProblem(version: string = process.versions.node): string | undefined {
  if (isSupportedNodeVersion(version)) return undefined;
  return (
    `Node.js ${version} is not supported: the portal runs on Node.js ${MINIMUM_NODE_VERSION} or later (24 LTS). ` +
    "`npm ci` installs it into node_modules/.bin; start the portal with `npm start`, or run node_modules/.bin/node."
  );
}
