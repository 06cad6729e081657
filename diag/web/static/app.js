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
