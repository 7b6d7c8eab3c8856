// Evident's web page. Every text that comes from a source is set with textContent (never parsed
// as markup), links are followed only when they are http(s), and nothing is loaded from
// anywhere but this server: the page works offline under a strict Content-Security-Policy.
"use strict";

const KINDS = [
  "practice guideline", "guideline summary", "agency page", "systematic review", "meta-analysis",
  "randomized trial", "clinical trial", "observational study", "review", "case report", "commentary",
  "journal article",
];

const state = { answer: null, request: null, documents: new Map() };

// ---- small DOM helpers -------------------------------------------------------------------

/** An element with a class and text (text is always data, never markup). */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/** An http(s) URL, or null for anything else (javascript:, data:, relative paths). */
function safeURL(text) {
  if (typeof text !== "string" || text.length === 0) return null;
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch (_) {
    return null;
  }
}

/** A link to a source that opens in a new tab and tells it nothing about this page. */
function externalLink(href, text) {
  const url = safeURL(href);
  if (!url) return el("span", null, text);
  const a = el("a", null, text);
  a.href = url;
  a.target = "_blank";
  a.rel = "noopener noreferrer";
  return a;
}

function setStatus(text, kind) {
  const status = document.getElementById("status");
  status.textContent = text || "";
  status.className = kind ? `status-${kind}` : "";
}

// ---- asking ------------------------------------------------------------------------------

function currentRequest() {
  const request = { question: document.getElementById("question").value.trim() };
  const tier = document.getElementById("tier").value;
  if (tier) request.tier = tier;
  const from = parseInt(document.getElementById("year-from").value, 10);
  const to = parseInt(document.getElementById("year-to").value, 10);
  if (!Number.isNaN(from)) request.yearFrom = from;
  if (!Number.isNaN(to)) request.yearTo = to;
  const kinds = [...document.querySelectorAll("#kinds input:checked")].map((box) => box.value);
  if (kinds.length) request.kinds = kinds;
  return request;
}

function headers() {
  const result = { "Content-Type": "application/json", Accept: "application/json" };
  const key = sessionStorage.getItem("evident-api-key");
  if (key) result.Authorization = `Bearer ${key}`;
  return result;
}

/** Calls the API; returns the response, or throws an Error whose message is for the reader. */
async function api(path, options = {}) {
  let response;
  try {
    response = await fetch(path, { ...options, headers: { ...headers(), ...(options.headers || {}) } });
  } catch (_) {
    throw new Error("The server cannot be reached. Is evident serve still running?");
  }
  if (response.ok) return response;
  let message = `The server answered ${response.status}.`;
  try {
    const body = await response.json();
    if (body && body.error && body.error.message) message = body.error.message;
  } catch (_) { /* not JSON */ }
  if (response.status === 401) {
    document.getElementById("api-key-row").hidden = false;
    message = "This server needs an API key: enter it above and ask again.";
  } else if (response.status === 429) {
    message = `Too many questions at once: try again in ${response.headers.get("Retry-After") || "a few"} seconds.`;
  }
  throw new Error(message);
}

async function ask(event) {
  if (event) event.preventDefault();
  const request = currentRequest();
  if (!request.question) {
    setStatus("Type a question first.", "error");
    document.getElementById("question").focus();
    return;
  }
  const key = document.getElementById("api-key").value.trim();
  if (key) sessionStorage.setItem("evident-api-key", key);
  const button = document.getElementById("ask-button");
  button.disabled = true;
  setStatus("Looking through the library…", "busy");
  const started = performance.now();
  try {
    const response = await api("/v1/answers", { method: "POST", body: JSON.stringify(request) });
    const answer = await response.json();
    const roundTrip = performance.now() - started;
    state.answer = answer;
    state.request = request;
    renderAnswer(answer, roundTrip);
    const url = new URL(window.location.href);
    url.searchParams.set("q", request.question);
    history.replaceState(null, "", url);
    setStatus(answer.message ? "No evidence found in this library." : "Answer ready.", "done");
    document.getElementById("answer").focus();
  } catch (error) {
    setStatus(error.message, "error");
  } finally {
    button.disabled = false;
  }
}

// ---- rendering the answer -----------------------------------------------------------------

function renderAnswer(answer, roundTrip) {
  const body = document.getElementById("answer-body");
  body.replaceChildren();
  document.getElementById("timing").textContent =
    `Answered in ${Math.round(answer.elapsedMs)} ms (${Math.round(roundTrip)} ms with the network)`;

  if (answer.correctedQuestion) {
    body.append(el("p", "corrected", `Answered as: ${answer.correctedQuestion}`));
  }
  for (const note of answer.notes || []) body.append(el("p", "note", note));

  const hasStatements = answer.guidelines.summary.length + answer.guidelines.sections.length + answer.research.sections.length > 0;
  if (answer.message && !hasStatements) {
    const empty = el("section", "no-evidence");
    empty.append(el("h3", null, "No evidence in this library"));
    empty.append(el("p", null, answer.message));
    if (answer.topics && answer.topics.length) {
      empty.append(el("p", "hint", `Understood as being about: ${answer.topics.map((t) => t.label).join(", ")}.`));
    }
    body.append(empty);
  } else {
    body.append(renderTier("From the Guidelines", "guidelines", answer.guidelines.summary, answer.guidelines.sections, answer.guidelines.note));
    body.append(renderTier("From the Research", "research", [], answer.research.sections, answer.research.note));
    body.append(renderReferences(answer.references));
  }
  if (answer.disclaimer) body.append(el("p", "disclaimer", answer.disclaimer));

  const hasReferences = (answer.references || []).length > 0;
  document.getElementById("export-bibtex").disabled = !hasReferences;
  document.getElementById("export-ris").disabled = !hasReferences;
  document.getElementById("answer").hidden = false;
}

function renderTier(title, id, summary, sections, note) {
  const section = el("section", `tier tier-${id}`);
  section.setAttribute("aria-labelledby", `tier-${id}`);
  const heading = el("h2", null, title);
  heading.id = `tier-${id}`;
  section.append(heading);
  if (summary.length) {
    const lead = el("div", "lead");
    for (const statement of summary) lead.append(renderStatement(statement));
    section.append(lead);
  }
  for (const part of sections) {
    section.append(el("h3", null, part.heading));
    for (const statement of part.statements) section.append(renderStatement(statement));
  }
  if (note) section.append(el("p", "note", note));
  if (!summary.length && !sections.length && !note) section.append(el("p", "note", "Nothing in this part of the library speaks to the question."));
  return section;
}

function renderStatement(statement) {
  const block = el("div", "statement");
  const paragraph = el("p");
  if (statement.label) {
    paragraph.append(el("span", "context", statement.label));
    paragraph.append(document.createTextNode(" "));
  }
  if (statement.text) paragraph.append(document.createTextNode(statement.text));
  if (statement.strength) {
    const grade = el("span", "grade", statement.strength.grade);
    if (statement.strength.definition) grade.title = statement.strength.definition;
    paragraph.append(document.createTextNode(" "), grade);
  }
  paragraph.append(document.createTextNode(" "), renderCitations(statement));
  block.append(paragraph);
  if (statement.items && statement.items.length) {
    const list = el("ul", "items");
    for (const item of statement.items) list.append(el("li", null, item));
    block.append(list);
  }
  return block;
}

function renderCitations(statement) {
  const group = el("span", "citations");
  statement.citations.forEach((number, index) => {
    const evidence = statement.evidence.find((e) => e.reference === number) || statement.evidence[index];
    const link = el("a", "cite", `[${number}]`);
    link.href = `#ref-${number}`;
    link.setAttribute("aria-label", `Reference ${number}`);
    link.setAttribute("aria-describedby", "popover");
    if (evidence) {
      link.dataset.quote = evidence.quote;
      link.dataset.passage = evidence.passageId;
    }
    link.dataset.reference = String(number);
    group.append(link);
  });
  return group;
}

function referenceTitle(reference) {
  return reference.title || (reference.pmid ? `PubMed record ${reference.pmid}` : "Untitled document");
}

function renderReferences(references) {
  const section = el("section", "references");
  section.setAttribute("aria-labelledby", "references-title");
  const heading = el("h2", null, "References");
  heading.id = "references-title";
  section.append(heading);
  const list = el("ol");
  for (const reference of references) {
    const item = el("li");
    item.id = `ref-${reference.number}`;
    item.value = reference.number;
    item.tabIndex = -1;
    const authors = reference.authors || [];
    if (authors.length) {
      item.append(el("span", "authors", (authors.length > 3 ? `${authors.slice(0, 3).join(", ")}, et al` : authors.join(", ")) + ". "));
    }
    item.append(el("span", "title", referenceTitle(reference) + ". "));
    const venue = [reference.source, reference.year].filter((x) => x !== null && x !== undefined && x !== "").join(", ");
    if (venue) item.append(el("span", "venue", venue + ". "));
    item.append(el("span", "kind", reference.kind));
    const ids = el("span", "ids");
    if (reference.pmid) ids.append(" ", externalLink(`https://pubmed.ncbi.nlm.nih.gov/${encodeURIComponent(reference.pmid)}/`, `PMID ${reference.pmid}`));
    if (reference.doi) ids.append(" ", externalLink(`https://doi.org/${encodeURI(reference.doi)}`, `doi:${reference.doi}`));
    const link = safeURL(reference.link);
    if (link && !reference.pmid && !reference.doi) ids.append(" ", externalLink(link, "Source"));
    item.append(ids);
    if (reference.citedBy && reference.citedBy.length) {
      item.append(el("span", "cited-by", ` Cited by: ${reference.citedBy.join("; ")}.`));
    }
    list.append(item);
  }
  section.append(list);
  return section;
}

// ---- the quote and its passage on hover or focus --------------------------------------------

async function passageText(passageId) {
  const documentId = passageId.slice(0, passageId.lastIndexOf("#"));
  if (!state.documents.has(documentId)) {
    state.documents.set(documentId, api(`/v1/documents/${encodeURIComponent(documentId)}`).then((r) => r.json()).catch(() => null));
  }
  const document = await state.documents.get(documentId);
  const passage = document && document.passages.find((p) => p.id === passageId);
  return passage ? { text: passage.text, heading: passage.heading || passage.label } : null;
}

/** The passage with the quote marked (built from text nodes and one <mark>). */
function markedPassage(text, quote) {
  const block = el("p", "passage");
  const at = quote ? text.indexOf(quote) : -1;
  if (at < 0) {
    block.textContent = text;
    return block;
  }
  block.append(document.createTextNode(text.slice(0, at)), el("mark", null, quote), document.createTextNode(text.slice(at + quote.length)));
  return block;
}

let popoverFor = null;

async function showPopover(link) {
  const popover = document.getElementById("popover");
  popoverFor = link;
  const number = Number(link.dataset.reference);
  const reference = (state.answer.references || []).find((r) => r.number === number);
  popover.replaceChildren();
  if (reference) popover.append(el("p", "popover-title", `[${number}] ${referenceTitle(reference)}`));
  if (link.dataset.quote) popover.append(el("blockquote", "quote", link.dataset.quote));
  popover.hidden = false;
  place(popover, link);
  if (!link.dataset.passage) return;
  const passage = await passageText(link.dataset.passage);
  if (popoverFor !== link || !passage) return;
  popover.append(el("p", "popover-label", passage.heading ? `In context (${passage.heading}):` : "In context:"));
  popover.append(markedPassage(passage.text.length > 1500 ? passage.text.slice(0, 1500) + "…" : passage.text, link.dataset.quote));
  place(popover, link);
}

function place(popover, link) {
  const box = link.getBoundingClientRect();
  const viewport = document.documentElement.clientWidth;  // without the scroll bar
  const width = Math.min(520, viewport - 16);
  popover.style.width = `${width}px`;
  popover.style.left = `${Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + viewport - width - 8))}px`;
  popover.style.top = `${box.bottom + window.scrollY + 6}px`;
}

function hidePopover(link) {
  if (link && popoverFor !== link) return;
  popoverFor = null;
  document.getElementById("popover").hidden = true;
}

// ---- copy and export ----------------------------------------------------------------------

async function copyMarkdown() {
  if (!state.request) return;
  try {
    const response = await api("/v1/answers", { method: "POST", body: JSON.stringify({ ...state.request, format: "markdown" }) });
    const markdown = await response.text();
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(markdown);
    } else {
      const area = el("textarea", "visually-hidden");
      area.value = markdown;
      document.body.append(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    setStatus("The answer is on the clipboard as Markdown.", "done");
  } catch (error) {
    setStatus(error.message, "error");
  }
}

function bibtexEscape(text) {
  return String(text).replace(/[{}\\]/g, (c) => `\\${c}`);
}

function bibtex(references) {
  return references.map((r) => {
    const type = r.pmid || r.doi ? "article" : "misc";
    const fields = [["title", referenceTitle(r)]];
    if (r.authors.length) fields.push(["author", r.authors.join(" and ")]);
    if (r.source) fields.push([type === "article" ? "journal" : "howpublished", r.source]);
    if (r.year) fields.push(["year", String(r.year)]);
    if (r.doi) fields.push(["doi", r.doi]);
    if (r.pmid) fields.push(["pmid", r.pmid]);
    const url = safeURL(r.link);
    if (url) fields.push(["url", url]);
    fields.push(["note", `Evident reference ${r.number}: ${r.kind}`]);
    const key = `evident${r.number}${r.pmid ? "_pmid" + r.pmid : ""}`.replace(/[^A-Za-z0-9_]/g, "");
    return `@${type}{${key},\n${fields.map(([k, v]) => `  ${k} = {${bibtexEscape(v)}}`).join(",\n")}\n}`;
  }).join("\n\n") + "\n";
}

function ris(references) {
  return references.map((r) => {
    const lines = [["TY", r.pmid || r.doi ? "JOUR" : "ELEC"], ["TI", referenceTitle(r)]];
    for (const author of r.authors) lines.push(["AU", author]);
    if (r.source) lines.push(["T2", r.source]);
    if (r.year) lines.push(["PY", String(r.year)]);
    if (r.doi) lines.push(["DO", r.doi]);
    if (r.pmid) lines.push(["AN", `PMID:${r.pmid}`]);
    const url = safeURL(r.link);
    if (url) lines.push(["UR", url]);
    lines.push(["N1", `Evident reference ${r.number}: ${r.kind}`], ["ER", ""]);
    return lines.map(([tag, value]) => `${tag}  - ${String(value).replace(/[\r\n]+/g, " ")}`).join("\r\n");
  }).join("\r\n") + "\r\n";
}

function download(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ---- start --------------------------------------------------------------------------------

function start() {
  const kinds = document.getElementById("kinds");
  for (const kind of KINDS) {
    const label = el("label", "kind-option");
    const box = el("input");
    box.type = "checkbox";
    box.value = kind;
    label.append(box, document.createTextNode(` ${kind}`));
    kinds.append(label);
  }
  document.getElementById("ask-form").addEventListener("submit", ask);
  document.getElementById("question").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) ask(event);
  });
  document.getElementById("copy-markdown").addEventListener("click", copyMarkdown);
  document.getElementById("export-bibtex").addEventListener("click", () => {
    if (state.answer) download(bibtex(state.answer.references), "evident-references.bib", "application/x-bibtex");
  });
  document.getElementById("export-ris").addEventListener("click", () => {
    if (state.answer) download(ris(state.answer.references), "evident-references.ris", "application/x-research-info-systems");
  });

  const body = document.getElementById("answer-body");
  body.addEventListener("mouseover", (event) => { const link = event.target.closest("a.cite"); if (link) showPopover(link); });
  body.addEventListener("mouseout", (event) => { const link = event.target.closest("a.cite"); if (link) hidePopover(link); });
  body.addEventListener("focusin", (event) => { const link = event.target.closest("a.cite"); if (link) showPopover(link); });
  body.addEventListener("focusout", (event) => { const link = event.target.closest("a.cite"); if (link) hidePopover(link); });
  body.addEventListener("click", (event) => {
    const link = event.target.closest("a.cite");
    if (!link) return;
    const target = document.getElementById(`ref-${link.dataset.reference}`);
    if (target) {
      event.preventDefault();
      target.scrollIntoView({ block: "center" });
      target.focus();
      history.replaceState(null, "", `#ref-${link.dataset.reference}`);
    }
  });
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") hidePopover(null); });

  const asked = new URL(window.location.href).searchParams.get("q");
  if (asked) {
    document.getElementById("question").value = asked;
    ask(null);
  } else {
    document.getElementById("question").focus();
  }
}

document.addEventListener("DOMContentLoaded", start);
