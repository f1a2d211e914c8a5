// The live page: polls /api/live once a second and redraws. No framework, no build step: the charts are SVG
// polylines drawn here, the images PNG data URLs the app made of a few sampled reconstructions.
(function () {
  "use strict";

  var numberFormat = new Intl.NumberFormat("en");

  function text(id, value) {
    document.getElementById(id).textContent = value;
  }

  function badge(id, up, label) {
    var element = document.getElementById(id);
    element.className = "badge " + (up ? "up" : "down");
    element.textContent = label + (up ? " \u2713" : " \u2717");
  }

  // the mean of a field over the last n points that have it
  function recent(series, field, n) {
    var values = series.slice(-n).map(function (p) { return p[field]; })
        .filter(function (v) { return v !== null && v !== undefined; });
    if (values.length === 0) { return null; }
    return values.reduce(function (a, b) { return a + b; }, 0) / values.length;
  }

  function drawChart(id, series, lines) {
    var svg = document.getElementById("chart-" + id);
    var max = 0;
    lines.forEach(function (line) {
      series.forEach(function (p) { if (p[line.field] > max) { max = p[line.field]; } });
    });
    max = max > 0 ? max * 1.1 : 1;
    var width = 300, height = 100, n = Math.max(series.length - 1, 1);
    var parts = [];
    [25, 50, 75].forEach(function (y) {
      parts.push('<line class="grid" x1="0" x2="300" y1="' + y + '" y2="' + y + '"></line>');
    });
    lines.forEach(function (line) {
      var points = [];
      series.forEach(function (p, i) {
        var v = p[line.field];
        if (v === null || v === undefined) { return; }
        points.push((i * width / n).toFixed(1) + "," + (height - v / max * height).toFixed(1));
      });
      parts.push('<polyline class="' + line.css + '" points="' + points.join(" ") + '"></polyline>');
    });
    svg.innerHTML = parts.join("");
    var seconds = series.length;
    document.getElementById("axis-" + id).innerHTML =
        "<span>" + (seconds > 0 ? "-" + seconds + " s" : "") + "</span><span>max " + formatted(max / 1.1) +
        "</span><span>now</span>";
  }

  function formatted(value) {
    if (value === null || value === undefined) { return "-"; }
    return value >= 100 ? numberFormat.format(Math.round(value)) : value.toFixed(1);
  }

  function drawSamples(samples) {
    var box = document.getElementById("samples");
    if (!samples || samples.length === 0) { return; }
    box.innerHTML = "";
    samples.forEach(function (s) {
      var div = document.createElement("div");
      div.className = "sample";
      var triple = document.createElement("div");
      triple.className = "triple";
      ["noisy", "denoised", "reference"].forEach(function (kind) {
        if (!s[kind]) { return; }
        var img = document.createElement("img");
        img.src = s[kind];
        img.alt = kind + " " + s.id;
        img.className = kind;
        triple.appendChild(img);
      });
      var labels = document.createElement("div");
      labels.className = "labels";
      labels.innerHTML = "<span>noisy</span><span>denoised</span>" + (s.reference ? "<span>clean</span>" : "");
      var caption = document.createElement("div");
      caption.className = "caption";
      caption.textContent = s.id + (s.psnr !== undefined ? "  " + s.psnr.toFixed(1) + " dB" : "") +
          "  " + s.latencyMs + " ms";
      div.appendChild(triple);
      div.appendChild(labels);
      div.appendChild(caption);
      box.appendChild(div);
    });
  }

  function render(live) {
    var model = live.model || {};
    text("model", model.loaded ? "model " + model.version + " on " + model.runtime +
        " (loaded in " + model.loadSeconds.toFixed(1) + " s)" + (model.broken ? ", BROKEN" : "") : "no model yet");
    badge("live", live.health.live, "live");
    badge("ready", live.health.ready, "ready");
    text("state", "Kafka Streams: " + live.health.kafkaStreams);
    text("problems", (live.health.problems || []).join("; "));
    text("received", numberFormat.format(live.totals.received));
    text("reconstructions", numberFormat.format(live.totals.reconstructions));
    text("deadLetters", numberFormat.format(live.totals.deadLetters));
    var series = live.series || [];
    text("rate", formatted(recent(series, "reconstructionsPerSecond", 10) || 0));
    text("latency", formatted(recent(series, "meanLatencyMs", 10)));
    text("batch", formatted(recent(series, "meanBatchSize", 10)));
    drawChart("throughput", series, [{field: "receivedPerSecond", css: "in"},
                                     {field: "reconstructionsPerSecond", css: "out"}]);
    drawChart("batch", series, [{field: "meanBatchSize", css: "batch"}]);
    drawChart("latency", series, [{field: "meanLatencyMs", css: "latency"}]);
    drawChart("deadletters", series, [{field: "deadLettersPerSecond", css: "deadletters"}]);
    var reasons = live.totals.deadLettersByReason || {};
    text("reasons", Object.keys(reasons).length === 0 ? "no dead letters" : "dead letters by reason: " +
        Object.keys(reasons).map(function (r) { return r + " " + reasons[r]; }).join(", "));
    drawSamples(live.samples);
    text("updated", " \u00b7 updated " + new Date(live.now).toLocaleTimeString());
  }

  function poll() {
    fetch("api/live", {cache: "no-store"})
        .then(function (response) { return response.json(); })
        .then(render)
        .catch(function (error) { text("problems", "cannot reach the app: " + error); })
        .finally(function () { setTimeout(poll, 1000); });
  }

  poll();
})();
