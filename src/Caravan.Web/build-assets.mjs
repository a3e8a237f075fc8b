// Compiles Caravan's brand over govuk-frontend, copies the package's JavaScript and images, and bundles the charts into wwwroot.
// Runs from the .NET build (see Caravan.Web.csproj); the outputs are git-ignored.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { compile } from "sass";
import { build } from "esbuild";

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

// The explorer's charts: ECharts and TopoJSON bundled, tree-shaken and minified into one module; licences kept beside it.
await build({
  entryPoints: ["Scripts/statistics-charts.mjs"],
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2020",
  legalComments: "external",
  outfile: "wwwroot/lib/charts/statistics-charts.js",
  logLevel: "warning",
});
// Natural Earth country boundaries (public domain), 1:110m: fetched only by a view that shows destinations on a map.
mkdirSync("wwwroot/lib/world", { recursive: true });
cpSync("node_modules/world-atlas/countries-110m.json", "wwwroot/lib/world/countries-110m.json");
// DejaVu Sans (a free licence that allows embedding) for the PDFs: it covers Uzbek Latin's ʻ and ʼ and every Cyrillic
// letter of Kazakh, Kyrgyz, Tajik and Uzbek, which PDF's standard fonts do not.
mkdirSync("wwwroot/lib/fonts", { recursive: true });
for (const face of ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"]) {
  cpSync(`node_modules/dejavu-fonts-ttf/ttf/${face}`, `wwwroot/lib/fonts/${face}`);
}
cpSync("node_modules/dejavu-fonts-ttf/LICENSE", "wwwroot/lib/fonts/LICENSE.txt");
