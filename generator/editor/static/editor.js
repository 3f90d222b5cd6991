// The briefing editor's script: live preview and checks, saving, links added and removed,
// and the list page's "New briefing" and "Build pack". No framework and no build step.
"use strict";

const PAUSE = 600; // ms after the last key press before the page is checked and drawn again
const WAIT = 30000; // ms a request may take before the page says the editor did not answer
const PACK_WAIT = 300000; // ms a pack may take to build
const BASE = document.body.dataset.base; // the editor's secret address: every request goes under it

// A request to the editor. It always ends: with the answer, or with an error the page can show
// (the editor stopped, or did not answer in time), never with a page waiting for ever.
async function call(url, data) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), WAIT);
  try {
    const response = await fetch(BASE + url, data === undefined ? { signal: controller.signal } : {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(data),
      signal: controller.signal,
    });
    let body = {};
    try { body = await response.json(); } catch (e) { body = { error: "the editor did not answer (" + response.status + ")" }; }
    return { status: response.status, body };
  } catch (error) {
    const reason = error.name === "AbortError" ? "the editor did not answer within " + WAIT / 1000 + " seconds"
      : "the editor cannot be reached (is it still running?)";
    return { status: 0, body: { error: reason } };
  } finally {
    clearTimeout(timer);
  }
}

const post = (url, data) => call(url, data);

function say(id, text) {
  const element = document.getElementById(id);
  if (element) element.textContent = text;
}

// ---------------------------------------------------------------- the edit page

function fieldId(name) { return "f-" + name.split(".").join("-"); }

function values(form) {
  const result = {};
  for (const control of form.querySelectorAll("input[name], textarea[name]")) {
    result[control.name] = control.value;
  }
  return result;
}

function finding(item) {
  const p = document.createElement("p");
  p.className = "finding " + item.severity;
  const label = item.severity === "error" ? "Error" : item.severity === "warning" ? "Warning" : "Note";
  const strong = document.createElement("strong");
  strong.textContent = label + ": ";
  p.appendChild(strong);
  p.appendChild(document.createTextNode(item.message + (item.hint ? " \u2013 " + item.hint : "")));
  return p;
}

function where(name) {
  if (!name) return "The briefing";
  const parts = name.split(".");
  if (parts[0] !== "sections") return document.querySelector("label[for='" + fieldId(name) + "']")?.textContent || name;
  const section = "Section " + (Number(parts[1]) + 1);
  if (parts[2] === "heading") return section + " heading";
  if (parts[2] === "body") return section + " text";
  if (parts[2] === "links") return section + ", link " + (Number(parts[3]) + 1);
  return section;
}

function showFindings(form, items) {
  for (const box of form.querySelectorAll(".findings")) box.replaceChildren();
  for (const control of form.querySelectorAll("[aria-invalid]")) control.removeAttribute("aria-invalid");
  const all = document.getElementById("all-findings");
  all.replaceChildren();
  if (!items.length) {
    const p = document.createElement("p");
    p.textContent = "No findings.";
    all.appendChild(p);
  }
  const list = document.createElement("ul");
  for (const item of items) {
    let name = item.field;
    let box = document.getElementById(fieldId(name) + "-findings");
    if (!box && name.includes(".links.")) { name = name.split(".").slice(0, 2).join("."); box = document.getElementById(fieldId(name) + "-findings"); }
    if (!box) box = document.getElementById("f--findings");
    box.appendChild(finding(item));
    const control = document.getElementById(fieldId(item.field));
    if (control && item.severity === "error") control.setAttribute("aria-invalid", "true");
    const entry = document.createElement("li");
    const link = document.createElement("a");
    link.href = "#" + (control ? control.id : box.id);
    link.textContent = where(item.field);
    entry.appendChild(link);
    entry.appendChild(document.createTextNode(": "));
    entry.appendChild(finding(item));
    list.appendChild(entry);
  }
  if (items.length) all.appendChild(list);
}

function showReview(form, body) {
  const fit = document.getElementById("fit");
  fit.textContent = body.valid ? body.fit : "Not a valid briefing yet: " + body.fit;
  fit.className = "fit " + (body.fits ? "fits" : "over");
  say("fit-short", fit.textContent);
  const image = document.getElementById("preview");
  if (body.image) {
    image.src = body.image;
    image.alt = "Preview of the page as it will print: " + body.fit;
    image.classList.remove("stale");
  } else {
    image.alt = "Preview of the page as last drawn (the current text " + (body.valid ? "does not fit" : "has errors") + ")";
    image.classList.add("stale");
  }
  showFindings(form, body.findings || []);
}

function setUpEditor(form) {
  const name = form.dataset.name;
  let timer = null;
  let sequence = 0;
  let shown = 0;

  async function review() {
    const mine = ++sequence;
    const { status, body } = await post("api/review/" + encodeURIComponent(name), { values: values(form) });
    if (mine < shown) return; // an older answer arriving late
    shown = mine;
    if (status !== 200) { say("fit", body.error || "The page could not be checked."); return; }
    showReview(form, body);
  }

  form.addEventListener("input", (event) => {
    if (event.target.name === "title") say("heading-title", event.target.value);
    clearTimeout(timer);
    timer = setTimeout(review, PAUSE);
  });

  async function save(loaded) {
    say("save-status", "Saving\u2026");
    const { status, body } = await post("api/save/" + encodeURIComponent(name), { values: values(form), loaded });
    const conflict = document.getElementById("conflict");
    if (status === 409) {
      conflict.hidden = false;
      document.getElementById("disk-version").value = body.disk;
      const download = document.getElementById("download-mine");
      download.href = URL.createObjectURL(new Blob([body.mine], { type: "text/yaml" }));
      download.download = name + ".mine.yaml";
      document.getElementById("open-disk").href = BASE + "edit/" + encodeURIComponent(name);
      form.dataset.disk = body.digest;
      say("save-status", "Not saved: the file changed on disk since you opened it (see below).");
      document.getElementById("conflict-heading").focus();
      return;
    }
    if (status === 200) {
      form.dataset.loaded = body.digest;
      conflict.hidden = true;
      const time = new Date().toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
      say("save-status", "Saved at " + time + (body.fits ? "." : ", but it " + body.fit + ".")
        + (body.published ? " The PDF is in the output folder." : body.held ? " " + body.held + "." : ""));
      showReview(form, body);
      return;
    }
    if (status === 422) {
      say("save-status", "Not saved: fix the errors marked in the form first.");
      showReview(form, body);
      return;
    }
    if (status === 0) {
      say("save-status", "Not saved: " + body.error + ". Your text is still here: try again.");
      return;
    }
    say("save-status", "Not saved: " + (body.error || "the editor could not save (" + status + ")."));
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); save(form.dataset.loaded); });
  document.getElementById("replace").addEventListener("click", () => save(form.dataset.disk));
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === "s") { event.preventDefault(); save(form.dataset.loaded); }
  });

  function renumber(section) {
    const n = section.dataset.section;
    section.querySelectorAll(".link").forEach((row, m) => {
      row.dataset.link = m;
      row.querySelector("legend").textContent = "Link " + (m + 1);
      row.querySelector(".remove-link").textContent = "Remove link " + (m + 1);
      for (const control of row.querySelectorAll("input")) {
        const part = control.name.split(".").pop();
        const fieldName = "sections." + n + ".links." + m + "." + part;
        control.name = fieldName;
        control.id = fieldId(fieldName);
        control.setAttribute("aria-describedby", fieldId(fieldName) + "-findings");
        control.closest(".field").querySelector("label").htmlFor = control.id;
        control.closest(".field").querySelector(".findings").id = fieldId(fieldName) + "-findings";
      }
    });
  }

  form.addEventListener("click", (event) => {
    const section = event.target.closest(".section");
    if (event.target.classList.contains("add-link")) {
      const row = document.getElementById("link-template").content.firstElementChild.cloneNode(true);
      section.querySelector(".links").appendChild(row);
      renumber(section);
      row.querySelector("input").focus();
    } else if (event.target.classList.contains("remove-link")) {
      event.target.closest(".link").remove();
      renumber(section);
      section.querySelector(".add-link").focus();
      clearTimeout(timer);
      timer = setTimeout(review, PAUSE);
    }
  });

  review();
}

// ---------------------------------------------------------------- the list page

function setUpList() {
  const creating = document.getElementById("new-briefing");
  creating.addEventListener("submit", async (event) => {
    event.preventDefault();
    say("new-status", "Creating\u2026");
    const { status, body } = await post("api/new", { title: document.getElementById("new-title").value });
    if (status === 200) { window.location.href = body.href; return; }
    say("new-status", "Not created: " + body.error);
  });
  const packing = document.getElementById("build-pack");
  const button = packing.querySelector("button");
  async function follow(started) {
    const status = document.getElementById("pack-status");
    let answer = started;
    const until = Date.now() + PACK_WAIT;
    while (answer.status === 200 || answer.status === 202 || answer.status === 409) {
      if (answer.body.state !== "building") break;
      status.textContent = "Building the pack\u2026";
      if (Date.now() > until) { answer = { status: 0, body: { error: "the pack took more than five minutes" } }; break; }
      await new Promise((resolve) => setTimeout(resolve, 500));
      answer = await call("api/pack");
    }
    button.disabled = false;
    if (answer.body.state === "done") {
      status.textContent = "Built: ";
      answer.body.links.forEach((found, index) => {
        if (index) status.appendChild(document.createTextNode(", "));
        const link = document.createElement("a");
        link.href = found.href;
        link.textContent = (found.name.endsWith(".pdf") ? "open the pack (" : "open its web pages (") + found.name + ")";
        status.appendChild(link);
      });
    } else {
      status.textContent = "Not built: " + (answer.body.error || "the editor could not build the pack");
    }
  }
  packing.addEventListener("submit", async (event) => {
    event.preventDefault();
    button.disabled = true;
    document.getElementById("pack-status").textContent = "Building the pack\u2026";
    follow(await post("api/pack", { title: document.getElementById("pack-title").value }));
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("briefing");
  if (form) setUpEditor(form);
  if (document.getElementById("new-briefing")) setUpList();
});
