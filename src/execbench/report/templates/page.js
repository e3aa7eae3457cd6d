// execbench's page code: charts drawn with Chart.js from the JSON in #execbench-data, and the
// sortable, filterable tables. Runs offline; body[data-charts] counts the charts drawn.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("execbench-data").textContent);
  const charts = [];

  function rateColour(v) {
    // red (0) through amber to green (1)
    const hue = Math.round(120 * Math.max(0, Math.min(1, v)));
    return "hsl(" + hue + ", 65%, 45%)";
  }

  function canvas(id) {
    return document.getElementById(id);
  }

  // A fraction (0..1) is a bar from zero; a rating has no zero, so it is a point.
  function intervalChart(id, labels, values, intervals, label, fraction) {
    const target = canvas(id);
    if (!target) return;
    const value = fraction
      ? { label: label, data: values, backgroundColor: "#3a7ca5", grouped: false, order: 2 }
      : { label: label, data: values, type: "line", showLine: false, pointRadius: 6,
          backgroundColor: "#3a7ca5", borderColor: "#3a7ca5", order: 0 };
    charts.push(new Chart(target, {
      type: "bar",
      data: {
        labels: labels,
        datasets: [
          value,
          {
            label: "95% interval", data: intervals, backgroundColor: "#222",
            barPercentage: 0.06, grouped: false, order: 1,
          },
        ],
      },
      options: {
        indexAxis: "y",
        scales: { x: fraction ? { min: 0, max: 1 } : { beginAtZero: false } },
        plugins: { legend: { display: true } },
      },
    }));
  }

  function countChart(id, counts, colour) {
    const target = canvas(id);
    if (!target || Object.keys(counts).length === 0) return;
    charts.push(new Chart(target, {
      type: "bar",
      data: {
        labels: Object.keys(counts),
        datasets: [{ label: "samples", data: Object.values(counts), backgroundColor: colour }],
      },
      options: { indexAxis: "y", plugins: { legend: { display: false } } },
    }));
  }

  function heatmap(id, rows, columns, values) {
    const target = canvas(id);
    if (!target || columns.length === 0) return;
    const cells = [];
    rows.forEach(function (row, r) {
      columns.forEach(function (column, c) {
        cells.push({ x: column, y: row, v: values[r][c] });
      });
    });
    charts.push(new Chart(target, {
      type: "matrix",
      data: {
        datasets: [{
          label: "pass rate",
          data: cells,
          backgroundColor: function (ctx) { return rateColour(ctx.raw.v); },
          width: function (ctx) {
            const area = ctx.chart.chartArea;
            return area ? Math.max(1, area.width / columns.length - 0.5) : 4;
          },
          height: function (ctx) {
            const area = ctx.chart.chartArea;
            return area ? Math.max(1, area.height / rows.length - 1) : 8;
          },
        }],
      },
      options: {
        maintainAspectRatio: false,
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: function (items) { return items[0].raw.x; },
              label: function (item) { return item.raw.y + ": " + item.raw.v; },
            },
          },
        },
        scales: {
          x: { type: "category", labels: columns, offset: true, grid: { display: false },
               ticks: { autoSkip: true, maxRotation: 90 } },
          y: { type: "category", labels: rows, offset: true, reverse: true,
               grid: { display: false } },
        },
      },
    }));
  }

  function drawCharts() {
    Chart.defaults.animation = false;
    Chart.defaults.font.family = "system-ui, sans-serif";
    if (data.pass_at_k) {
      intervalChart("chart-pass-at-k", data.pass_at_k.labels, data.pass_at_k.values,
        data.pass_at_k.intervals, "pass@k", true);
    }
    if (data.status_counts) countChart("chart-statuses", data.status_counts, "#6c8ebf");
    if (data.failure_kinds) countChart("chart-failure-kinds", data.failure_kinds, "#c0504d");
    if (data.strip) heatmap("chart-strip", [data.strip.row], data.strip.tasks, [data.strip.rates]);
    if (data.leaderboard) {
      const board = data.leaderboard;
      intervalChart("chart-pass-at-1", board.labels, board.pass_at_1, board.pass_ci95,
        "pass@1", true);
      intervalChart("chart-ratings", board.labels, board.ratings, board.rating_ci95,
        "rating", false);
      heatmap("chart-heatmap", board.labels, board.tasks, board.rates);
    }
  }

  function cellValue(row, column) {
    const cell = row.cells[column];
    return cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim();
  }

  function sortable(table) {
    const headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (header, column) {
      header.addEventListener("click", function () {
        const numeric = header.dataset.sort === "number";
        const ascending = header.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const body = table.tBodies[0];
        const rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          let x = cellValue(a, column), y = cellValue(b, column);
          if (numeric) { x = parseFloat(x); y = parseFloat(y); }
          const order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function filterable(table) {
    const text = document.getElementById("task-filter");
    const outcome = document.getElementById("outcome-filter");
    const shown = document.getElementById("tasks-shown");
    if (!text || !outcome) return;
    function apply() {
      const needle = text.value.trim().toLowerCase();
      let count = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        const passed = row.dataset.outcome;
        const matchesOutcome = outcome.value === "all" || outcome.value === passed;
        const matchesText = !needle || row.textContent.toLowerCase().indexOf(needle) !== -1;
        row.hidden = !(matchesOutcome && matchesText);
        if (!row.hidden) count += 1;
      });
      if (shown) shown.textContent = String(count);
    }
    text.addEventListener("input", apply);
    outcome.addEventListener("change", apply);
    apply();
  }

  document.querySelectorAll("table.sortable").forEach(sortable);
  document.querySelectorAll("table.filterable").forEach(filterable);
  if (typeof Chart !== "undefined") drawCharts();
  document.body.dataset.charts = String(charts.length);
})();
