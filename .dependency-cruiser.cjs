/**
 * Dependency rules for Klara's layers (run with `npm run depcruise`).
 *
 *   src/domain  pure rules: imports only itself and zod, temporal-polyfill, date-holidays
 *               (and node:crypto, for hashing)
 *   src/db      storage: never the application, HTTP, jobs or CLI layers
 *   src/app     use cases: never HTTP, jobs or CLI
 *   src/http, src/jobs, src/cli   outer layers: never each other, except that the CLI
 *               starts the server (src/http/build-app, src/http/server-like start files)
 *               and the background jobs (src/jobs).
 *
 * Type-only imports count too (tsPreCompilationDeps), so a layer cannot lean on another
 * one's types either.
 */

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "domain-is-pure",
      comment:
        "src/domain holds the rules of the procedures and may import only src/domain and the npm packages " +
        "zod, temporal-polyfill and date-holidays (no database, no HTTP, no file system, no other " +
        "Node built-in). One exception: node:crypto, whose hashing is pure computation (the journal's hash chain).",
      severity: "error",
      from: { path: "^src/domain/" },
      to: {
        pathNot: [
          "^src/domain/",
          "(^|/)node_modules/(zod|temporal-polyfill|date-holidays)/",
          // node:crypto for hashing only; drop this line if the hashing moves out of the domain.
          "^(node:)?crypto$",
        ],
      },
    },
    {
      name: "app-not-to-outer-layers",
      comment: "src/app (use cases) must not depend on the delivery layers src/http, src/jobs or src/cli.",
      severity: "error",
      from: { path: "^src/app/" },
      to: { path: "^src/(http|web|jobs|cli)/" },
    },
    {
      name: "db-not-to-upper-layers",
      comment: "src/db must not depend on src/app, src/http, src/jobs or src/cli.",
      severity: "error",
      from: { path: "^src/db/" },
      to: { path: "^src/(app|http|web|jobs|cli)/" },
    },
    {
      name: "http-not-to-jobs-or-cli",
      comment: "src/http must not import src/jobs or src/cli; share code through src/app instead.",
      severity: "error",
      from: { path: "^src/http/" },
      to: { path: "^src/(jobs|cli)/" },
    },
    {
      name: "jobs-not-to-http-or-cli",
      comment: "src/jobs must not import src/http or src/cli; share code through src/app instead.",
      severity: "error",
      from: { path: "^src/jobs/" },
      to: { path: "^src/(http|web|cli)/" },
    },
    {
      name: "web-only-through-use-cases",
      comment: "Pages call use cases (src/app) and the domain's vocabulary; never the database directly.",
      severity: "error",
      from: { path: "^src/web/" },
      to: { path: "^src/(db|jobs|cli)/" },
    },
    {
      name: "cli-only-to-http-entry-points",
      comment:
        "src/cli may import only the start files of src/http (build-app, server, start, listen) " +
        "to run the server, not its routes or helpers.",
      severity: "error",
      from: { path: "^src/cli/" },
      to: {
        path: "^src/http/",
        pathNot: "^src/http/(build-app|server|start|listen)\\.ts$",
      },
    },
    {
      name: "no-circular",
      comment: "No module may depend on itself through a chain of imports (type-only imports included).",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      comment: "Every import must resolve to a file or an installed package.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: "not-to-dev-dependency",
      comment: "Code under src/ runs in production and must not import devDependencies.",
      severity: "error",
      from: { path: "^src/" },
      to: { dependencyTypes: ["npm-dev"], dependencyTypesNot: ["type-only"] },
    },
    // No "no-orphans" rule: files that nothing imports yet (entry points, work in progress) are fine.
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "\\.d\\.ts$" },
    tsPreCompilationDeps: true,
    // Resolve the NodeNext-style "./x.js" specifiers to the "./x.ts" sources.
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
      extensions: [".ts", ".js", ".mjs", ".cjs", ".json"],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
