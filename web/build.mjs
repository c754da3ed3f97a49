// Builds the applicant's portal into web/dist: type-checks the TypeScript, bundles it with esbuild (ES modules,
// split so oidc-client-ts loads only when sign-in is OpenID Connect), bundles the CSS and copies the page.
// Run by the dotnet build (functions/EVisa.Core/EVisa.Core.csproj) whenever a source changes.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const web = dirname(fileURLToPath(import.meta.url));
const dist = join(web, "dist");
const tsc = join(web, "..", "node_modules", "typescript", "bin", "tsc");

try {
  execFileSync(process.execPath, [tsc, "--noEmit", "-p", join(web, "tsconfig.json")], { stdio: "inherit" });
} catch {
  console.error("web/build.mjs: the TypeScript has errors (above).");
  process.exit(1);
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
await build({
  entryPoints: [
    { in: join(web, "src", "main.ts"), out: "app" },
    { in: join(web, "src", "styles.css"), out: "app" },
  ],
  outdir: dist,
  bundle: true,
  splitting: true,
  format: "esm",
  target: "es2022",
  minify: true,
  charset: "utf8",
  sourcemap: false,
  legalComments: "none",
  chunkNames: "chunks/[name]-[hash]",
  logLevel: "warning",
});
copyFileSync(join(web, "src", "index.html"), join(dist, "index.html"));
// The stamp MSBuild compares with the sources (Inputs/Outputs), written last so a failed build reruns.
writeFileSync(join(dist, ".built"), new Date().toISOString());
