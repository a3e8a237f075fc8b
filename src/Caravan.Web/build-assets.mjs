// Compiles Caravan's brand over govuk-frontend and copies the package's JavaScript and images into wwwroot.
// Runs from the .NET build (see Caravan.Web.csproj); the outputs are git-ignored.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { compile } from "sass";

const out = "wwwroot/lib/govuk";
mkdirSync(out, { recursive: true });
mkdirSync("wwwroot/css", { recursive: true });

const css = compile("Styles/caravan.scss", {
  style: "compressed",
  loadPaths: ["node_modules"],
  quietDeps: true,
  silenceDeprecations: ["mixed-decls", "import", "global-builtin", "slash-div", "color-functions"], logger: { warn() {} },
});
writeFileSync("wwwroot/css/caravan.css", css.css);

cpSync("node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js", `${out}/govuk-frontend.min.js`);
cpSync("node_modules/govuk-frontend/dist/govuk/assets/images", `${out}/images`, { recursive: true });
