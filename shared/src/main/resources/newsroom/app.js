// The newsroom page: approval cards an editor decides from (who, what, triage, the proposed reply,
// the fallback and time left; approve, approve with edits, reject with a reason, hand off; keyboard),
// the latest decisions, a customer's timeline, and the response-time report. Plain JavaScript
// against the newsroom API; views are hash routes (#approval/<id>, #customer/<id>, #report).
(function () {
  "use strict";
  const $ = (sel, root) => (root || document).querySelector(sel);
  const tokenKey = "righttime.token";
  let token = localStorage.getItem(tokenKey) || "";
  let approvals = [];
  // What an editor typed, per responseId: the periodic refresh must never wipe a draft.
  const drafts = new Map();
  let rendered = null;
  let selected = null;

  $("#token").value = token;
  $("#login").addEventListener("submit", (e) => {
    e.preventDefault();
    token = $("#token").value.trim();
    localStorage.setItem(tokenKey, token);
    route();
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
  function link(href, label) { const a = node("a", null, label); a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer"; return a; }

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

  const number = (n) => Number(n).toLocaleString("en-US");

  // ------------------------------------------------------------------ approval cards
  function proposed(a) {
    return a.editedText || (a.card && a.card.proposedText) || "";
  }

  function renderApprovals() {
    // Rebuild the cards only when the list changed, so a refresh keeps focus and caret in a field.
    const key = JSON.stringify(approvals.map((a) => [a.responseId, a.deadline, a.status, a.assignment && a.assignment.to]));
    if (key === rendered) return;
    rendered = key;
    const box = $("#approvals");
    box.replaceChildren();
    $("#approvals-count").textContent = approvals.length;
    if (approvals.length === 0) {
      box.append(node("p", "muted", "Nothing is waiting."));
      return;
    }
    for (const a of approvals) box.append(cardOf(a));
    if (!approvals.some((a) => a.responseId === selected)) selected = approvals[0].responseId;
    fromHash();
    select(selected, false);
    tick();
  }

  function cardOf(a) {
    const c = a.card || {};
    const card = node("article", "card");
    card.dataset.id = a.responseId;
    card.tabIndex = -1;

    const meta = node("div", "meta");
    meta.append(node("strong", null, a.signalType || "signal"));
    if (a.triage) meta.append(node("span", "tag triage " + a.triage, a.triage + (c.triageConfidence != null ? " " + Math.round(c.triageConfidence * 100) + "%" : "")));
    meta.append(node("span", null, "channel " + (a.channel || "—")));
    meta.append(node("span", "muted", (a.reasons || []).join(", ")));
    const cd = node("span", "countdown");
    cd.dataset.deadline = a.deadline;
    meta.append(cd);
    card.append(meta);

    // Who: the author of the post, and the customer when known.
    const who = node("div", "who");
    const author = c.author || {};
    if (author.name) who.append(node("span", "name", author.name));
    if (author.handle) who.append(author.url ? link(author.url, author.handle) : node("span", "handle", author.handle));
    else if (author.url) who.append(link(author.url, "the post"));
    if (author.verified) who.append(node("span", "verified", "✓ verified"));
    if (author.followers != null) who.append(node("span", "followers", number(author.followers) + " followers"));
    if (a.customerId) {
      const cust = node("a", "customer", "customer " + a.customerId);
      cust.href = "#customer/" + encodeURIComponent(a.customerId);
      who.append(cust);
      const f = c.facts || {};
      const summary = [f.firstName, f.timezone, f.segments && f.segments.join("/"), f.preferredChannel && "prefers " + f.preferredChannel]
        .filter(Boolean).join(" · ");
      if (summary) who.append(node("span", "muted summary", summary));
    } else {
      who.append(node("span", "muted", "customer unknown"));
    }
    card.append(who);

    // What they wrote, or the trend's topic.
    if (c.topic) card.append(node("div", "topic", "Trend: " + c.topic));
    if (c.text) card.append(node("blockquote", "said", c.text));

    if (a.lastInteractions && a.lastInteractions.length) {
      const last = node("ul", "last");
      for (const i of a.lastInteractions) {
        last.append(node("li", null, (i.at || "").replace("T", " ").slice(0, 16) + " · " + (i.signalType || "") + " · " +
          (i.channel || "") + " · " + i.status.toLowerCase() + (i.detail ? " (" + i.detail + ")" : "")));
      }
      card.append(node("div", "muted", "Last interactions"), last);
    }

    const area = node("textarea", "reply");
    area.value = drafts.has(a.responseId) ? drafts.get(a.responseId) : proposed(a);
    area.addEventListener("input", () => { drafts.set(a.responseId, area.value); label(); });
    area.placeholder = "The reply to send";
    area.setAttribute("aria-label", "reply text (" + (c.trend || c.topic ? "the proposed brand post" : "the proposed reply") + ")");
    area.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); approve(a, area.value); }
    });
    card.append(area);

    const fb = node("div", "fallback", a.fallback === "holding_reply"
      ? "At the deadline the holding reply goes out: “" + (c.fallbackText || "holding reply") + "”"
      : a.fallback === "drop" ? "At the deadline it is dropped (nothing is sent)." : "No fallback.");
    card.append(fb);
    if (a.assignment) card.append(node("div", "assigned", "Handed to " + a.assignment.to + " by " + a.assignment.by));

    const actions = node("div", "actions");
    const ok = node("button", "approve", "Approve");
    ok.title = "a";
    const label = () => {
      const edited = area.value.trim() !== proposed(a).trim();
      ok.textContent = edited ? "Approve with edits" : "Approve";
    };
    label();
    const reason = node("input", "reason");
    reason.placeholder = "reason to reject (optional)";
    reason.setAttribute("aria-label", "reason to reject");
    const no = node("button", "reject", "Reject");
    no.title = "r";
    const to = node("input", "handoff-to");
    to.placeholder = "hand off to (name or email)";
    to.setAttribute("aria-label", "hand off to");
    const hand = node("button", "handoff", "Hand off");
    hand.title = "h";
    ok.addEventListener("click", () => approve(a, area.value));
    no.addEventListener("click", () => act(a.responseId, "reject", reason.value.trim() ? { reason: reason.value.trim() } : {}));
    hand.addEventListener("click", () => {
      if (!to.value.trim()) { to.focus(); showError("Say who to hand it to."); return; }
      act(a.responseId, "assign", { to: to.value.trim() });
    });
    reason.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); no.click(); } });
    to.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); hand.click(); } });
    actions.append(ok, reason, no, to, hand);
    card.append(actions);
    card.addEventListener("click", () => select(a.responseId, false));
    return card;
  }

  function approve(a, value) {
    const v = (value || "").trim();
    if (!v) { showError("The reply is empty: write one, or reject."); return; }
    // Unchanged: no text, so the server sends exactly the proposed reply it stored.
    act(a.responseId, "approve", v === proposed(a).trim() && !a.editedText ? {} : { text: v });
  }

  function tick() {
    document.querySelectorAll(".countdown").forEach((el) => {
      const c = countdown(el.dataset.deadline);
      el.textContent = c.label;
      el.classList.toggle("late", c.late);
    });
  }

  async function act(id, action, body) {
    try {
      await api("POST", "/approvals/" + encodeURIComponent(id) + "/" + action, body);
      if (action !== "assign") drafts.delete(id);
      showError("");
      rendered = null;
    } catch (e) {
      showError(action + " failed: " + e.message);
    }
    refresh();
  }

  function cards() { return Array.from(document.querySelectorAll("#approvals .card")); }

  function select(id, focus) {
    selected = id;
    for (const c of cards()) c.classList.toggle("selected", c.dataset.id === id);
    const el = cards().find((c) => c.dataset.id === id);
    if (el && focus) { el.focus(); el.scrollIntoView({ block: "nearest" }); }
  }

  function move(step) {
    const all = cards();
    if (!all.length) return;
    const i = Math.max(0, all.findIndex((c) => c.dataset.id === selected));
    select(all[Math.min(all.length - 1, Math.max(0, i + step))].dataset.id, true);
  }

  document.addEventListener("keydown", (e) => {
    const typing = e.target && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);
    if (e.key === "Escape" && typing) { e.target.blur(); return; }
    if (typing || e.ctrlKey || e.metaKey || e.altKey || view() !== "approvals") return;
    const card = cards().find((c) => c.dataset.id === selected);
    const a = approvals.find((x) => x.responseId === selected);
    switch (e.key) {
      case "j": move(1); break;
      case "k": move(-1); break;
      case "e": if (card) { e.preventDefault(); $("textarea", card).focus(); } break;
      case "a": if (card && a) { e.preventDefault(); approve(a, $("textarea", card).value); } break;
      case "r": if (card) { e.preventDefault(); $("input.reason", card).focus(); } break;
      case "h": if (card) { e.preventDefault(); $("input.handoff-to", card).focus(); } break;
      default: return;
    }
  });

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

  // ------------------------------------------------------------------ customer page
  async function showCustomer(id) {
    $("#customer-id").textContent = id || "";
    $("#customer-input").value = id || "";
    const profile = $("#customer-profile");
    const ol = $("#customer-timeline");
    profile.replaceChildren();
    ol.replaceChildren();
    $("#customer-export").hidden = !id;
    if (!id) return;
    try {
      const data = await api("GET", "/customers/" + encodeURIComponent(id) + "/timeline");
      const facts = data.profile || {};
      const rows = Object.keys(facts).length ? Object.entries(facts) : [["profile", "none held"]];
      for (const [k, v] of rows) profile.append(node("dt", null, k), node("dd", null, fact(v)));
      for (const ev of data.events || []) ol.append(eventRow(ev));
      if (!(data.events || []).length) ol.append(node("li", "muted", "Nothing held about this customer."));
      showError("");
    } catch (e) {
      showError("customer: " + e.message);
    }
  }

  function fact(v) {
    if (Array.isArray(v)) return v.join(", ");
    if (v && typeof v === "object") return Object.entries(v).map(([k, x]) => k + " " + (x === true ? "yes" : x === false ? "no" : x)).join(", ");
    return v;
  }

  function when(at) {
    return (at || "").replace("T", " ").replace(/(\d\d:\d\d:\d\d)\.\d+/, "$1").replace("Z", " UTC");
  }

  function eventRow(ev) {
    const li = node("li", "event " + ev.kind);
    li.append(node("span", "at muted", when(ev.at) + " "), node("span", "kind", ev.kind), " ");
    if (ev.kind === "signal") {
      li.append(node("span", null, ev.type + " from " + ev.source));
    } else if (ev.kind === "decision") {
      const d = ev.decision || {};
      li.append(node("span", null, d.outcome + (d.channel ? " on " + d.channel : "") + (d.sendAt ? " at " + d.sendAt : "") +
        (d.deadline ? ", deadline " + d.deadline : "")));
      if (ev.explanation && ev.explanation.length) li.append(node("div", "why", "Why: " + ev.explanation.join("; ") + "."));
      if (ev.facts) {
        const f = ev.facts;
        const used = [f.timezone && "timezone " + f.timezone, f.quietHours && "quiet hours " + f.quietHours,
          f.consent && "consent " + Object.entries(f.consent).map(([k, v]) => k + " " + (v ? "yes" : "no")).join(", "),
          f.segments && "segments " + f.segments.join(", "), f.preferredChannel && "prefers " + f.preferredChannel].filter(Boolean);
        if (used.length) li.append(node("div", "why facts-used", "Used: " + used.join("; ") + "."));
      }
    } else if (ev.kind === "review") {
      li.append(node("span", null, (ev.approved ? "approved" : "rejected") + " by " + ev.by + (ev.reason ? ": " + ev.reason : "")));
    } else if (ev.kind === "assignment") {
      li.append(node("span", null, "handed to " + ev.to + " by " + ev.by));
    } else if (ev.kind === "send") {
      li.append(node("span", null, "sent on " + ev.channel + (ev.detail ? " (" + ev.detail + ")" : "") + ": “" + (ev.text || "") + "”"));
    } else {
      li.append(node("span", null, ev.status.toLowerCase() + (ev.detail ? " (" + ev.detail + ")" : "") + " on " + (ev.channel || "—")));
    }
    return li;
  }

  $("#customer-form").addEventListener("submit", (e) => {
    e.preventDefault();
    location.hash = "#customer/" + encodeURIComponent($("#customer-input").value.trim());
  });
  $("#customer-export").addEventListener("click", async (e) => {
    e.preventDefault();
    const id = $("#customer-input").value.trim();
    try {
      const data = await api("GET", "/customers/" + encodeURIComponent(id) + "/export");
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
      const a = document.createElement("a");
      a.href = url; a.download = "customer-" + id + ".json"; a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (err) {
      showError("export: " + err.message);
    }
  });

  // ------------------------------------------------------------------ report
  function renderReport(report) {
    const rows = [];
    const per = (report && report.bySignalType) || {};
    Object.keys(per).forEach((k) => rows.push({ type: k, p50: per[k].p50Ms, p95: per[k].p95Ms, n: per[k].count }));
    drawChart(rows, report && report.targets);
    const t = report && report.timeToApprove;
    const rev = report && report.reviews;
    $("#approve-times").textContent = t && t.count
      ? "Time to approve: p50 " + human(t.p50Ms) + ", p95 " + human(t.p95Ms) + " over " + t.count + " approvals" +
        (rev ? " (" + rev.approvedUnchanged + " unchanged, " + rev.edited + " edited, " + rev.rejected + " rejected)." : ".")
      : "No approvals in this range.";
    const ol = $("#firefighting");
    ol.replaceChildren();
    const moments = (report && report.firefighting) || [];
    for (const m of moments) {
      const li = node("li", "slow");
      const took = m.timeToResponseMs == null ? "never answered (" + (m.outcome || "").replace(/_/g, " ") + ")" : human(m.timeToResponseMs);
      li.append(node("strong", m.overTarget ? "over" : null, took), " · ", node("span", null, m.signalType),
        m.author ? node("span", null, " · " + m.author) : "", m.customerId ? node("span", null, " · customer " + m.customerId) : "");
      if (m.text) li.append(node("blockquote", null, m.text));
      if (m.why && m.why.length) li.append(node("div", "muted", "Why: " + m.why.join("; ") + "."));
      ol.append(li);
    }
    if (moments.length === 0) ol.append(node("li", "muted", "None in this range."));
  }

  function human(ms) {
    if (ms == null) return "no response yet";
    if (ms < 1000) return ms + " ms";
    if (ms < 60000) return (ms / 1000).toFixed(1) + " s";
    if (ms < 3600000) return (ms / 60000).toFixed(1) + " min";
    return (ms / 3600000).toFixed(1) + " h";
  }

  function drawChart(rows, targets) {
    const svg = $("#chart");
    const ns = "http://www.w3.org/2000/svg";
    svg.replaceChildren();
    if (rows.length === 0) {
      const t = document.createElementNS(ns, "text");
      t.setAttribute("x", 10); t.setAttribute("y", 20); t.textContent = "No sends in this range.";
      svg.append(t);
      return;
    }
    const target = targets && targets.complaintMs;
    const width = svg.clientWidth || 800, left = 190, barH = 12, gap = 14;
    const max = Math.max(1, target || 0, ...rows.map((r) => r.p95 || r.p50 || 0));
    const scale = (v) => Math.max(1, ((v || 0) / max) * (width - left - 110));
    const height = rows.length * (2 * barH + gap) + 24;
    svg.setAttribute("height", height);
    rows.forEach((r, i) => {
      const y = 10 + i * (2 * barH + gap);
      const label = document.createElementNS(ns, "text");
      label.setAttribute("x", 0); label.setAttribute("y", y + barH + 3); label.textContent = r.type;
      svg.append(label);
      [["p50", r.p50, "#0b6bcb", 0], ["p95", r.p95, "#93c5fd", barH]].forEach(([name, v, color, dy]) => {
        const w = scale(v);
        const rect = document.createElementNS(ns, "rect");
        rect.setAttribute("x", left); rect.setAttribute("y", y + dy); rect.setAttribute("width", w);
        rect.setAttribute("height", barH - 2); rect.setAttribute("fill", color);
        const t = document.createElementNS(ns, "text");
        t.setAttribute("x", left + w + 6); t.setAttribute("y", y + dy + barH - 3); t.textContent = name + " " + human(v);
        svg.append(rect, t);
      });
    });
    if (target) {
      const x = left + scale(target);
      const line = document.createElementNS(ns, "line");
      line.setAttribute("x1", x); line.setAttribute("x2", x); line.setAttribute("y1", 4); line.setAttribute("y2", height - 14);
      line.setAttribute("stroke", "#c2410c"); line.setAttribute("stroke-dasharray", "4 3"); line.setAttribute("class", "target");
      const t = document.createElementNS(ns, "text");
      t.setAttribute("x", x + 4); t.setAttribute("y", height - 2); t.textContent = "target " + human(target) + " (complaints)";
      svg.append(line, t);
    }
  }

  async function loadReport() {
    const days = Number($("#report-range").value || 7);
    const to = new Date();
    const from = new Date(to.getTime() - days * 86400000);
    try { renderReport(await api("GET", "/reports/response-times?from=" + from.toISOString() + "&to=" + to.toISOString())); } catch (_) { /* needs the token */ }
  }
  $("#report-range").addEventListener("change", loadReport);

  // ------------------------------------------------------------------ autonomy (covenants)
  let settings = null;

  function minutes(iso) {
    const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(iso || "");
    if (!m) return "";
    return String((Number(m[1] || 0) * 60) + Number(m[2] || 0) + Number(m[3] || 0) / 60);
  }

  function dropdown(options, value, cls) {
    const s = node("select", cls);
    for (const o of options) { const opt = node("option", null, o); opt.value = o; if (o === value) opt.selected = true; s.append(opt); }
    return s;
  }

  function renderSettings(data) {
    settings = data;
    $("#settings-version").textContent = "Version " + data.version + (data.version === 0 ? " (the playbook's defaults)"
      : ", changed by " + data.changedBy + " at " + when(data.changedAt));
    const bands = data.reachBands || {};
    $("#reach-bands").textContent = "Reach: small " + (bands.small || "") + ", medium " + (bands.medium || "") + ", large " + (bands.large || "") + ".";
    const body = $("#covenants tbody");
    body.replaceChildren();
    for (const c of data.covenants) {
      const tr = node("tr");
      tr.dataset.key = c.signalType + "|" + c.triage + "|" + c.reach;
      const autonomy = dropdown(["auto", "ask", "never"], c.autonomy, "autonomy");
      autonomy.setAttribute("aria-label", "autonomy for " + tr.dataset.key);
      const deadline = node("input", "deadline");
      deadline.type = "number"; deadline.min = "0"; deadline.step = "any"; deadline.value = minutes(c.deadline) || "5";
      const fallback = dropdown(["holding_reply", "drop"], c.fallback || "holding_reply", "fallback");
      const sync = () => { const ask = autonomy.value === "ask"; deadline.disabled = !ask; fallback.disabled = !ask; };
      autonomy.addEventListener("change", sync);
      sync();
      const e = c.evidence || {};
      const cell = (el) => { const td = node("td"); td.append(el); return td; };
      tr.append(node("td", null, c.signalType), node("td", null, c.triage), node("td", null, c.reach), cell(autonomy), cell(deadline), cell(fallback),
        node("td", "num", e.held || 0), node("td", "num", e.approvedUnchanged || 0), node("td", "num", e.edited || 0),
        node("td", "num", e.rejected || 0), node("td", "num", e.fallback || 0), node("td", "num", e.timeToApproveP50Ms == null ? "—" : human(e.timeToApproveP50Ms)));
      body.append(tr);
    }
    const ol = $("#settings-history");
    ol.replaceChildren();
    for (const h of data.history || []) ol.append(node("li", null, "version " + h.version + " by " + h.changedBy + " at " + when(h.changedAt)));
    if (!(data.history || []).length) ol.append(node("li", null, "Never changed: the playbook's defaults apply."));
  }

  async function loadSettings() {
    try { renderSettings(await api("GET", "/settings/autonomy")); showError(""); } catch (e) { showError("autonomy: " + e.message); }
  }

  $("#save-covenants").addEventListener("click", async () => {
    if (!settings) return;
    const covenants = Array.from(document.querySelectorAll("#covenants tbody tr")).map((tr, i) => {
      const c = settings.covenants[i];
      const autonomy = $("select.autonomy", tr).value;
      const out = { signalType: c.signalType, triage: c.triage, reach: c.reach, autonomy };
      if (autonomy === "ask") {
        out.deadline = "PT" + Math.round(Number($("input.deadline", tr).value) * 60) + "S";
        out.fallback = $("select.fallback", tr).value;
      }
      return out;
    });
    try {
      renderSettings(await api("PUT", "/settings/autonomy", { version: settings.version, covenants }));
      $("#settings-saved").textContent = "Saved as version " + settings.version + ".";
      showError("");
    } catch (e) {
      showError("save failed: " + e.message);
    }
  });

  // ------------------------------------------------------------------ views
  function view() {
    const h = location.hash;
    if (h === "#settings") return "settings";
    if (h.startsWith("#customer/")) return "customer";
    if (h === "#report") return "report";
    return "approvals";
  }

  function fromHash() {
    const h = location.hash;
    if (h.startsWith("#approval/")) {
      const id = decodeURIComponent(h.slice("#approval/".length));
      if (approvals.some((a) => a.responseId === id)) { selected = id; select(id, true); }
    }
  }

  function route() {
    const v = view();
    document.querySelectorAll("main > section").forEach((s) => { s.hidden = !(s.dataset.view || "").split(" ").includes(v); });
    if (v === "customer") showCustomer(decodeURIComponent(location.hash.slice("#customer/".length)));
    if (v === "report") loadReport();
    if (v === "settings") loadSettings();
    fromHash();
  }
  window.addEventListener("hashchange", route);

  let refreshes = 0;

  async function refresh() {
    if (view() !== "approvals") return;
    // Only the latest refresh may render: an older answer (say, one sent before the token was
    // entered) arriving late must not replace newer cards.
    const mine = ++refreshes;
    try {
      const answer = list(await api("GET", "/approvals"), "approvals");
      if (mine !== refreshes) return;
      approvals = answer;
      renderApprovals();
      $("#who").textContent = "signed in";
      if (($("#error").textContent || "").startsWith("Enter the newsroom token")) showError("");
    } catch (e) {
      if (mine !== refreshes) return;
      approvals = [];
      renderApprovals();
      $("#who").textContent = "";
      showError(e.status === 401 ? "Enter the newsroom token to see approvals." : "approvals: " + e.message);
    }
    try { renderDecisions(list(await api("GET", "/decisions?limit=20"), "decisions")); } catch (_) { /* needs the token */ }
  }

  setInterval(tick, 1000);
  setInterval(refresh, 3000);
  route();
  refresh();
  loadReport();
})();
