// A mailbox job followed live (server-sent events): the wait's countdown every second, and the
// page reloaded when the step changes (sign-in, search, wait) or the job ends, to show the
// report. Without JavaScript the page reloads itself every few seconds (<noscript> refresh).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("mailbox-job");
  if (!box || !window.EventSource) return;
  const left = document.getElementById("wait-left");
  const source = new EventSource(box.dataset.events);
  const reload = () => {
    source.close();
    window.location.reload();
  };
  source.addEventListener("state", (message) => {
    const state = JSON.parse(message.data);
    if (state.phase !== box.dataset.phase) {
      reload();
    } else if (left) {
      const seconds = Math.max(state.left, 0);
      left.textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
    }
  });
  source.addEventListener("done", reload);
});
