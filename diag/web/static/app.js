// Copy the Markdown report for the ticket; without JavaScript the text box can be copied by hand.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const button = document.getElementById("copy");
  const source = document.getElementById("markdown");
  const status = document.getElementById("copy-status");
  if (!button || !source || !status) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(source.value);
    } catch {
      source.select();
      document.execCommand("copy");
    }
    status.textContent = button.dataset.done || "";
  });
});

// Live progress of a file check (server-sent events); without JavaScript the form posts as usual
// and the page answers when the whole file is checked.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("file-form");
  const box = document.getElementById("file-progress");
  const bar = document.getElementById("file-bar");
  const status = document.getElementById("file-status");
  if (!form || !box || !bar || !status || !window.EventSource) return;
  form.addEventListener("submit", async (event) => {
    const name = (form.elements.namedItem("file").value || "").toLowerCase();
    if (name.endsWith(".eml")) return; // a message is one report: nothing to follow
    event.preventDefault();
    const data = new FormData(form);
    data.append("live", "1");
    const answer = await fetch(form.action, { method: "POST", body: data });
    if (answer.status !== 202) {
      form.submit(); // the plain post, which shows the page's own message
      return;
    }
    const job = await answer.json();
    box.hidden = false;
    const source = new EventSource(job.events);
    const show = (message) => {
      const p = JSON.parse(message.data);
      bar.max = Math.max(p.total, p.rows, 1);
      bar.value = p.rows;
      status.textContent = status.dataset.line.replace("{rows}", p.rows)
        .replace("{total}", p.total).replace("{rate}", p.rate).replace("{eta}", p.eta);
    };
    source.addEventListener("progress", show);
    source.addEventListener("done", (message) => {
      show(message);
      source.close();
      window.location.assign(job.page);
    });
  });
});

// Printing opens every address's report (closed ones print their summary line only), then
// closes again the ones the agent had not opened.
window.addEventListener("beforeprint", () => {
  for (const d of document.querySelectorAll("details:not([open])")) {
    d.open = true;
    d.dataset.printOpened = "1";
  }
});
window.addEventListener("afterprint", () => {
  for (const d of document.querySelectorAll("details[data-print-opened]")) {
    d.open = false;
    delete d.dataset.printOpened;
  }
});
