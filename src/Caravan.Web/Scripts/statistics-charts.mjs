// Charts for the statistics explorer, drawn from the page's own tables. The tables hold the data and stay on the
// page, so a reader without JavaScript, or with a screen reader, has everything a chart shows; the charts are hidden
// from assistive technology as a duplicate. Bundled and tree-shaken by build-assets.mjs: only what is imported here ships.
import { init, use, registerMap } from "echarts/core";
import { BarChart, LineChart, MapChart } from "echarts/charts";
import { GridComponent, TooltipComponent, VisualMapComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import { feature } from "topojson-client";

use([BarChart, LineChart, MapChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

// Caravan's brand blue and the GOV.UK text colour; hidden cells are left out of charts, never drawn as zero.
const blue = "#1d70b8";
const charts = [];

const read = (table) => [...table.tBodies[0].rows].map((row) => ({
  label: row.cells[0].textContent.trim() + (row.cells.length > 2 ? " · " + row.cells[1].textContent.trim() : ""),
  value: row.dataset.value ? Number(row.dataset.value) : null,
  text: row.cells[row.cells.length - 1].textContent.trim(),
  country: row.dataset.numeric,
}));

function place(table) {
  const div = document.createElement("div");
  div.className = "caravan-chart";
  div.setAttribute("aria-hidden", "true");
  (table.closest(".caravan-table-scroll") ?? table).before(div);
  const chart = init(div, null, { renderer: "canvas" });
  charts.push(chart);
  return chart;
}

function line(table, data) {
  place(table).setOption({
    animation: false,
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis", valueFormatter: (v) => (v == null ? "" : v.toLocaleString(document.documentElement.lang)) },
    xAxis: { type: "category", data: data.map((d) => d.label) },
    yAxis: { type: "value" },
    series: [{ type: data.length > 1 ? "line" : "bar", data: data.map((d) => d.value), itemStyle: { color: blue }, lineStyle: { color: blue } }],
  });
}

function bar(table, data) {
  const shown = data.filter((d) => d.value !== null).slice(0, 15);
  if (shown.length === 0) return;
  place(table).setOption({
    animation: false,
    grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    xAxis: { type: "value" },
    yAxis: { type: "category", inverse: true, data: shown.map((d) => d.label), axisLabel: { width: 160, overflow: "truncate" } },
    series: [{ type: "bar", data: shown.map((d) => d.value), itemStyle: { color: blue } }],
  });
}

async function map(table, data) {
  const values = data.filter((d) => d.country && d.value !== null);
  if (values.length === 0) return;
  const topology = await (await fetch(table.dataset.map)).json();
  const world = feature(topology, topology.objects.countries);
  // Natural Earth's features carry ISO 3166-1 numeric ids; the rows carry the same code.
  for (const country of world.features) country.properties = { name: String(country.id) };
  registerMap("world", world);
  place(table).setOption({
    animation: false,
    tooltip: { trigger: "item", formatter: (p) => (p.data ? `${p.data.label}: ${p.data.text}` : "") },
    visualMap: { min: 0, max: Math.max(...values.map((d) => d.value)), orient: "horizontal", left: "center", bottom: 0, itemHeight: 120, inRange: { color: ["#d2e2f1", blue] } },
    series: [{
      type: "map", map: "world", roam: false, top: 8, bottom: 40, emphasis: { disabled: true }, select: { disabled: true },
      itemStyle: { areaColor: "#f3f2f1", borderColor: "#b1b4b6", borderWidth: 0.5 },
      data: values.map((d) => ({ name: d.country, value: d.value, label: d.label, text: d.text })),
    }],
  });
}

for (const table of document.querySelectorAll("table[data-chart]")) {
  const data = read(table);
  if (data.length === 0) continue;
  for (const kind of table.dataset.chart.split(" ")) {
    if (kind === "line") line(table, data);
    if (kind === "bar") bar(table, data);
    if (kind === "map") map(table, data);
  }
}

addEventListener("resize", () => charts.forEach((c) => c.resize()));
