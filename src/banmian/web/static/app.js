// 版面阅览室: optional enhancements only; every page works without this file.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // A "copy link" button beside each permalink.
  for (const link of document.querySelectorAll("a.permalink")) {
    if (!navigator.clipboard) break;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy-link";
    button.textContent = "复制链接";
    button.addEventListener("click", async () => {
      await navigator.clipboard.writeText(link.href);
      button.textContent = "已复制";
    });
    link.after(button);
  }
  // Changing a search filter reruns the search when there is a query.
  const form = document.querySelector("form.search-form");
  if (form && form.elements.q && form.elements.q.value) {
    for (const select of form.querySelectorAll(".filters select")) {
      select.addEventListener("change", () => form.submit());
    }
  }
});
