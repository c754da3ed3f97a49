// Builds the applicant's portal and the staff console into web/dist: type-checks the TypeScript, bundles both entry
// points with esbuild (ES modules, split so oidc-client-ts loads only when sign-in is OpenID Connect, and so the
// portal never loads the console's code), bundles the CSS and copies the two pages (/ and /staff/).
// Run by the dotnet build (functions/EVisa.Core/EVisa.Core.csproj) whenever a source changes.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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

// The portal imports its languages as "./kk.json?portal": the texts without the staff console's ("staff." keys),
// so that the console's texts, kept in the same three files, do not grow the portal's first load.
const portalMessages = {
  name: "portal-messages",
  setup(builder) {
    builder.onResolve({ filter: /\.json\?portal$/ }, (args) => ({
      path: join(args.resolveDir, args.path.replace(/\?portal$/, "")),
      namespace: "portal-messages",
    }));
    builder.onLoad({ filter: /.*/, namespace: "portal-messages" }, (args) => {
      const messages = JSON.parse(readFileSync(args.path, "utf8"));
      const portal = Object.fromEntries(Object.entries(messages).filter(([key]) => !key.startsWith("staff.")));
      return { contents: JSON.stringify(portal), loader: "json" };
    });
  },
};

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
await build({
  entryPoints: [
    { in: join(web, "src", "main.ts"), out: "app" },
    { in: join(web, "src", "styles.css"), out: "app" },
    { in: join(web, "src", "staff", "main.ts"), out: "staff" },
    { in: join(web, "src", "staff", "staff.css"), out: "staff" },
  ],
  plugins: [portalMessages],
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
mkdirSync(join(dist, "staff"), { recursive: true });
copyFileSync(join(web, "src", "staff", "index.html"), join(dist, "staff", "index.html"));
// The stamp MSBuild compares with the sources (Inputs/Outputs), written last so a failed build reruns.
writeFileSync(join(dist, ".built"), new Date().toISOString());
