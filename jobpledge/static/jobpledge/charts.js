/* Charts for the public page and the dashboard (ECharts, no inline script: data comes from
 * <script type="application/json" id="chart-data">, written by Django's json_script).
 * Every chart is followed in the page by a table with the same figures. */
(function () {
  "use strict";

  var COLORS = { target: "#8a94a6", actual: "#256ef4", cumTarget: "#464c53", cumActual: "#0b50d0", expected: "#c78c00" };
  var FONT = '"Pretendard", "Pretendard GOV", "Noto Sans CJK KR", sans-serif';
  var instances = [];

  function fmt(value) {
    if (value === null || value === undefined) { return "–"; }
    return Number(value).toLocaleString("ko-KR");
  }

  // Plain-text tooltip: the default one injects <span style=…> markers, which the CSP blocks.
  function axisTooltip(params) {
    if (!params.length) { return ""; }
    var lines = [escapeHtml(params[0].axisValueLabel || params[0].name)];
    params.forEach(function (p) {
      lines.push(escapeHtml(p.seriesName) + ": " + fmt(p.value) + "명");
    });
    return lines.join("<br>");
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  var NARROW = 600;  // below this chart width: legend under the plot, labels on two lines, no rotated text
  var narrow = false;

  function base() {
    if (narrow) {
      // The legend goes below the plot (it covered the unit label and the first bars at the top) and may take
      // two or three rows; the grid leaves it room.
      return {
        textStyle: { fontFamily: FONT, fontSize: 12 },
        animation: false,
        grid: { left: 4, right: 12, top: 36, bottom: 84, containLabel: true },
        legend: { bottom: 0, left: 0, right: 0, itemGap: 10, itemWidth: 18, textStyle: { fontSize: 12 } },
        tooltip: { trigger: "axis", formatter: axisTooltip, confine: true },
      };
    }
    return {
      textStyle: { fontFamily: FONT, fontSize: 13 },
      animation: false,
      grid: { left: 16, right: 24, top: 56, bottom: 16, containLabel: true },
      legend: { top: 8, textStyle: { fontSize: 13 } },
      tooltip: { trigger: "axis", formatter: axisTooltip, confine: true },
    };
  }

  // "2018년 하반기" → "2018년\n하반기" on narrow charts, so that period labels do not collide.
  // Narrow charts: a long program name goes on several lines, broken between words only (Korean keep-all).
  function wordLines(perLine) {
    return function (label) {
      var lines = [], line = "";
      String(label).split(" ").forEach(function (word) {
        if (line && (line + " " + word).length > perLine) { lines.push(line); line = word; }
        else { line = line ? line + " " + word : word; }
      });
      if (line) { lines.push(line); }
      return lines.join("\n");
    };
  }

  function twoLines() {
    var split = narrow;  // fixed per chart: ECharts calls the formatter again on every resize
    return function (label) { return split ? String(label).replace(" ", "\n") : label; };
  }

  var builders = {
    roadmap: function (d) {
      var o = base();
      o.xAxis = { type: "category", data: d.labels, axisLabel: { interval: 0, formatter: twoLines(), hideOverlap: false } };
      o.yAxis = { type: "value", name: "명", nameGap: 12, nameTextStyle: { align: "right" }, axisLabel: { formatter: fmt } };
      o.series = [
        { name: "기간 목표", type: "bar", data: d.target, itemStyle: { color: COLORS.target }, barGap: "10%" },
        { name: "기간 실적", type: "bar", data: d.actual, itemStyle: { color: COLORS.actual } },
        { name: "누적 목표", type: "line", data: d.cumulative_target, itemStyle: { color: COLORS.cumTarget },
          lineStyle: { width: 2 }, symbol: "rect", symbolSize: 8 },
        { name: "누적 실적", type: "line", data: d.cumulative_actual, itemStyle: { color: COLORS.cumActual },
          lineStyle: { width: 3 }, symbol: "circle", symbolSize: 9, connectNulls: false },
        { name: "기준일까지 기대치", type: "line", data: d.expected, itemStyle: { color: COLORS.expected },
          lineStyle: { width: 2, type: "dashed" }, symbol: "triangle", symbolSize: 9 }
      ];
      return o;
    },
    programs: function (d) {
      var o = base();
      o.grid.left = 8;
      o.yAxis = { type: "category", data: d.labels, inverse: true,
        axisLabel: narrow ? { formatter: wordLines(7) } : { width: 150, overflow: "truncate" } };
      if (narrow) { o.legend.bottom = 0; o.grid.bottom = 40; }
      o.xAxis = { type: "value", splitNumber: narrow ? 3 : 5, axisLabel: { formatter: fmt } };
      o.series = [
        { name: "일자리 목표", type: "bar", data: d.target, itemStyle: { color: COLORS.target } },
        { name: "실적", type: "bar", data: d.actual, itemStyle: { color: COLORS.actual } }
      ];
      return o;
    },
    generations: function (d) {
      var o = base();
      o.legend = { show: false };
      o.xAxis = { type: "category", data: d.labels.map(function (l) { return l + "세"; }),
        axisLabel: { interval: 0, rotate: narrow ? 45 : 0 } };
      if (narrow) { o.grid.bottom = 8; }
      o.yAxis = { type: "value", axisLabel: { formatter: fmt } };
      o.series = [{ name: "실적", type: "bar", data: d.values, itemStyle: { color: COLORS.actual } }];
      return o;
    },
    bases: function (d) {
      var o = base();
      o.legend = { show: false };
      o.xAxis = { type: "category", data: d.labels, axisLabel: { interval: 0, formatter: twoLines() } };
      o.yAxis = { type: "value", axisLabel: { formatter: fmt } };
      if (narrow) { o.grid.bottom = 8; }
      o.series = [{ name: "실적", type: "bar", data: d.values, itemStyle: { color: COLORS.actual } }];
      return o;
    }
  };

  function readData() {
    var holders = document.querySelectorAll("#chart-data");
    if (!holders.length) { return null; }
    // After an htmx swap the newest holder is the last one in the document.
    return JSON.parse(holders[holders.length - 1].textContent);
  }

  function render() {
    if (typeof window.echarts === "undefined") { return; }
    instances.forEach(function (chart) { chart.dispose(); });
    instances = [];
    var data = readData();
    if (!data) { return; }
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var kind = el.getAttribute("data-chart");
      if (!builders[kind] || !data[kind]) { return; }
      narrow = el.clientWidth < NARROW;
      el.setAttribute("data-layout", narrow ? "narrow" : "wide");
      var chart = window.echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(builders[kind](data[kind]));
      instances.push(chart);
    });
  }

  window.addEventListener("resize", function () {
    // Crossing the narrow/wide line changes the layout itself, not only the size: build the charts again.
    var changed = Array.prototype.some.call(document.querySelectorAll("[data-chart][data-layout]"), function (el) {
      return (el.clientWidth < NARROW) !== (el.getAttribute("data-layout") === "narrow");
    });
    if (changed) { render(); return; }
    instances.forEach(function (chart) { chart.resize(); });
  });
  document.addEventListener("DOMContentLoaded", render);
  document.addEventListener("htmx:afterSettle", render);
})();
