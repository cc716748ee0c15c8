// The newsroom page: pending approvals with a live countdown, approve / edit / reject, the latest
// decisions, and the response-time report. Plain JavaScript against the newsroom API.
(function () {
  "use strict";
  const $ = (sel) => document.querySelector(sel);
  const tokenKey = "righttime.token";
  let token = localStorage.getItem(tokenKey) || "";
  let approvals = [];
  // What an editor typed, per responseId: the periodic refresh must never wipe a draft.
  const drafts = new Map();
  let rendered = null;

  $("#token").value = token;
  $("#login").addEventListener("submit", (e) => {
    e.preventDefault();
    token = $("#token").value.trim();
    localStorage.setItem(tokenKey, token);
    refresh();
  });

  async function api(method, path, body) {
    const headers = { "Accept": "application/json" };
    if (token) headers["Authorization"] = "Bearer " + token;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (_) { data = { message: text }; }
    if (!res.ok) {
      const err = new Error((data && (data.message || data.error)) || ("HTTP " + res.status));
      err.status = res.status;
      throw err;
    }
    return data;
  }

  function showError(msg) {
    const el = $("#error");
    el.textContent = msg || "";
    el.hidden = !msg;
  }

  function text(el, value) { el.textContent = value == null ? "—" : String(value); return el; }
  function node(tag, cls, value) { const el = document.createElement(tag); if (cls) el.className = cls; if (value !== undefined) text(el, value); return el; }

  function list(data, key) {
    if (Array.isArray(data)) return data;
    if (data && Array.isArray(data[key])) return data[key];
    return [];
  }

  function countdown(deadline) {
    const ms = Date.parse(deadline) - Date.now();
    if (isNaN(ms)) return { label: "no deadline", late: false };
    const s = Math.abs(Math.round(ms / 1000));
    const label = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
    return ms >= 0 ? { label: label + " left", late: false } : { label: label + " past deadline", late: true };
  }

  function renderApprovals() {
    // Rebuild the cards only when the list changed, so a refresh keeps focus and caret in a textarea.
    const key = JSON.stringify(approvals.map((a) => [a.responseId, a.deadline, a.status]));
    if (key === rendered) return;
    rendered = key;
    const box = $("#approvals");
    box.replaceChildren();
    $("#approvals-count").textContent = approvals.length;
    if (approvals.length === 0) {
      box.append(node("p", "muted", "Nothing is waiting."));
      return;
    }
    for (const a of approvals) {
      const card = node("div", "card");
      card.dataset.id = a.responseId;
      const meta = node("div", "meta");
      meta.append(node("strong", null, a.signalType || a.type || "signal"));
      meta.append(node("span", null, "channel " + (a.channel || "—")));
      meta.append(node("span", null, "customer " + (a.customerId || "unknown")));
      meta.append(node("span", null, "fallback " + (a.fallback || "—")));
      meta.append(node("span", null, (a.reasons || []).join(", ")));
      const cd = node("span", "countdown");
      cd.dataset.deadline = a.deadline;
      meta.append(cd);
      const area = node("textarea");
      area.value = drafts.has(a.responseId) ? drafts.get(a.responseId) : (a.editedText || a.text || a.proposedText || "");
      area.addEventListener("input", () => drafts.set(a.responseId, area.value));
      area.placeholder = "Reply text (leave empty to send the playbook's template)";
      area.setAttribute("aria-label", "reply text");
      const buttons = node("div");
      const approve = node("button", "approve", "Approve");
      const reject = node("button", "reject", "Reject");
      approve.addEventListener("click", () => act(a.responseId, "approve", area.value));
      reject.addEventListener("click", () => act(a.responseId, "reject"));
      buttons.append(approve, " ", reject);
      card.append(meta, area, buttons);
      box.append(card);
    }
    tick();
  }

  function tick() {
    document.querySelectorAll(".countdown").forEach((el) => {
      const c = countdown(el.dataset.deadline);
      el.textContent = c.label;
      el.classList.toggle("late", c.late);
    });
  }

  async function act(id, action, edited) {
    try {
      const body = action === "approve" && edited && edited.trim() ? { text: edited.trim() } : (action === "approve" ? {} : undefined);
      await api("POST", "/approvals/" + encodeURIComponent(id) + "/" + action, body);
      drafts.delete(id);
      showError("");
    } catch (e) {
      showError(action + " failed: " + e.message);
    }
    refresh();
  }

  function renderDecisions(decisions) {
    const body = $("#decisions tbody");
    body.replaceChildren();
    for (const d of decisions) {
      const tr = node("tr");
      tr.append(node("td", null, d.signalId), node("td", null, d.customerId), node("td", "outcome", d.outcome),
        node("td", null, d.channel), node("td", null, d.sendAt || d.deadline), node("td", null, (d.reasons || []).join(", ")));
      body.append(tr);
    }
  }

  function renderReport(report) {
    const rows = [];
    const per = (report && (report.perSignalType || report.bySignalType || report.signalTypes)) || {};
    if (Array.isArray(per)) {
      per.forEach((r) => rows.push({ type: r.signalType || r.type, p50: r.p50Ms, p95: r.p95Ms, n: r.count }));
    } else {
      Object.keys(per).forEach((k) => rows.push({ type: k, p50: per[k].p50Ms, p95: per[k].p95Ms, n: per[k].count }));
    }
    drawChart(rows);
    const ol = $("#firefighting");
    ol.replaceChildren();
    const moments = (report && (report.firefighting || report.firefightingMoments || report.top)) || [];
    for (const m of moments) {
      ol.append(node("li", null, (m.signalType || m.type || "signal") + " · " + (m.signalId || "") + " · " +
        human(m.timeToResponseMs != null ? m.timeToResponseMs : m.ms)));
    }
    if (moments.length === 0) ol.append(node("li", "muted", "None yet."));
  }

  function human(ms) {
    if (ms == null) return "no response yet";
    if (ms < 1000) return ms + " ms";
    if (ms < 60000) return (ms / 1000).toFixed(1) + " s";
    if (ms < 3600000) return (ms / 60000).toFixed(1) + " min";
    return (ms / 3600000).toFixed(1) + " h";
  }

  function drawChart(rows) {
    const svg = $("#chart");
    const ns = "http://www.w3.org/2000/svg";
    svg.replaceChildren();
    if (rows.length === 0) {
      const t = document.createElementNS(ns, "text");
      t.setAttribute("x", 10); t.setAttribute("y", 20); t.textContent = "No sends yet.";
      svg.append(t);
      return;
    }
    const width = svg.clientWidth || 800, left = 190, barH = 12, gap = 14;
    const max = Math.max(1, ...rows.map((r) => r.p95 || r.p50 || 0));
    svg.setAttribute("height", rows.length * (2 * barH + gap) + 20);
    rows.forEach((r, i) => {
      const y = 10 + i * (2 * barH + gap);
      const label = document.createElementNS(ns, "text");
      label.setAttribute("x", 0); label.setAttribute("y", y + barH + 3); label.textContent = r.type;
      svg.append(label);
      [["p50", r.p50, "#0b6bcb", 0], ["p95", r.p95, "#93c5fd", barH]].forEach(([name, v, color, dy]) => {
        const w = Math.max(1, ((v || 0) / max) * (width - left - 90));
        const rect = document.createElementNS(ns, "rect");
        rect.setAttribute("x", left); rect.setAttribute("y", y + dy); rect.setAttribute("width", w);
        rect.setAttribute("height", barH - 2); rect.setAttribute("fill", color);
        const t = document.createElementNS(ns, "text");
        t.setAttribute("x", left + w + 6); t.setAttribute("y", y + dy + barH - 3); t.textContent = name + " " + human(v);
        svg.append(rect, t);
      });
    });
  }

  async function refresh() {
    try {
      approvals = list(await api("GET", "/approvals"), "approvals");
      renderApprovals();
      $("#who").textContent = "signed in";
      showError("");
    } catch (e) {
      approvals = [];
      renderApprovals();
      $("#who").textContent = "";
      showError(e.status === 401 ? "Enter the newsroom token to see approvals." : "approvals: " + e.message);
    }
    try { renderDecisions(list(await api("GET", "/decisions?limit=20"), "decisions")); } catch (_) { /* not served by every deployment */ }
    try { renderReport(await api("GET", "/reports/response-times")); } catch (_) { /* needs the token */ }
  }

  setInterval(tick, 1000);
  setInterval(refresh, 3000);
  refresh();
})();
