// The live room's one script (no inline script anywhere: the pages' Content-Security-Policy
// allows only this file). It keeps a page live: the server says by server-sent events that
// what a screen shows changed, and the page refetches its changing part (#live), rendered
// and escaped by the server. It also ticks the countdown and helps with the dot stepper.
(function () {
  "use strict";
  var body = document.body;
  var screen = body.getAttribute("data-screen");
  var part = body.getAttribute("data-part");
  var live = document.getElementById("live");

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function clockText(seconds) {
    var sign = seconds < 0 ? "-" : "";
    var s = Math.abs(Math.round(seconds));
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    return sign + (h ? h + ":" + pad(m) : pad(m)) + ":" + pad(r);
  }
  function arm() {
    // The countdown runs from the seconds left when the part was rendered, on this
    // device's own clock: a phone or projector whose clock is off still counts right.
    var now = Date.now();
    document.querySelectorAll("[data-remaining][data-running]").forEach(function (el) {
      el.setAttribute("data-end", String(now + Number(el.getAttribute("data-remaining")) * 1000));
    });
  }
  function tick() {
    var now = Date.now();
    document.querySelectorAll("[data-end]").forEach(function (el) {
      var left = (Number(el.getAttribute("data-end")) - now) / 1000;
      el.textContent = clockText(left);
      el.classList.toggle("over", left < 0);
    });
  }
  function bars() {
    document.querySelectorAll(".fill[data-share]").forEach(function (el) {
      el.style.width = el.getAttribute("data-share") + "%";
    });
  }
  function dots() {
    var form = document.querySelector("form.ballot[data-kind=dots]");
    if (!form) { return; }
    var budget = Number(form.getAttribute("data-budget"));
    var inputs = form.querySelectorAll("input[type=number]");
    var out = document.getElementById("left");
    function update() {
      var used = 0;
      inputs.forEach(function (i) { used += Math.max(0, Math.floor(Number(i.value) || 0)); });
      if (out) { out.textContent = String(budget - used); }
      form.querySelectorAll("button.more").forEach(function (b) {
        var i = document.getElementById(b.getAttribute("data-for"));
        b.disabled = used >= budget || Number(i.value) >= Number(i.max);
      });
      form.querySelectorAll("button.less").forEach(function (b) {
        b.disabled = Number(document.getElementById(b.getAttribute("data-for")).value) <= 0;
      });
    }
    form.addEventListener("click", function (e) {
      var b = e.target.closest("button[data-for]");
      if (!b) { return; }
      var i = document.getElementById(b.getAttribute("data-for"));
      var v = Math.floor(Number(i.value) || 0) + (b.classList.contains("more") ? 1 : -1);
      i.value = String(Math.max(0, Math.min(Number(i.max), v)));
      form.setAttribute("data-dirty", "1");
      update();
    });
    form.addEventListener("input", function () { form.setAttribute("data-dirty", "1"); update(); });
    update();
  }
  function dirty() {
    var f = document.querySelector("form[data-dirty]");
    var focused = document.activeElement;
    return Boolean(f) || (focused && /INPUT|TEXTAREA|SELECT/.test(focused.tagName) && screen !== "projector");
  }
  function setup() { bars(); dots(); arm(); tick(); }
  function refresh() {
    if (!part || !live) { return; }
    if (dirty()) {
      var notice = document.getElementById("notice");
      if (notice) { notice.hidden = false; }
      return;
    }
    fetch(part, { credentials: "same-origin", cache: "no-store" }).then(function (r) {
      return r.ok ? r.text() : null;
    }).then(function (html) {
      if (html === null) { return; }
      live.innerHTML = html;
      setup();
    });
  }
  setup();
  window.setInterval(tick, 250);
  if (window.EventSource && screen && screen !== "denied") {
    var seen = live ? live.getAttribute("data-version") : null;
    var source = new EventSource("/events/" + screen);
    source.addEventListener("version", function (e) {
      var v = JSON.parse(e.data).version;
      if (String(v) !== String(seen)) { seen = v; refresh(); }
    });
  }
  window.setInterval(function () { if (screen !== "phone") { refresh(); } }, 30000);
})();
