// Filter cards by tag (Anki style: ml::statistics::* or a tag and its children) and by text; switch night mode and phone width.
function tagMatches(filter, tag) {
  if (!filter) return true;
  if (filter.endsWith("*")) return tag.startsWith(filter.slice(0, -1));
  return tag === filter || tag.startsWith(filter + "::");
}

function applyFilters() {
  const tag = document.getElementById("tag-filter").value.trim();
  const text = document.getElementById("text-filter").value.trim().toLowerCase();
  let shown = 0;
  const pairs = document.querySelectorAll(".pair");
  pairs.forEach((pair) => {
    const tags = pair.dataset.tags.split(" ");
    const ok = tags.some((t) => tagMatches(tag, t)) && (!text || pair.textContent.toLowerCase().includes(text));
    pair.classList.toggle("hidden", !ok);
    if (ok) shown += 1;
  });
  document.getElementById("shown").textContent = shown + " of " + pairs.length + " cards";
}

document.addEventListener("DOMContentLoaded", () => {
  const params = new URLSearchParams(location.search);
  document.getElementById("tag-filter").value = params.get("tag") || "";
  document.getElementById("text-filter").value = params.get("q") || "";
  document.body.classList.toggle("nightMode", params.get("night") === "1");
  document.body.classList.toggle("phone", params.get("phone") === "1");
  for (const id of ["tag-filter", "text-filter"]) {
    document.getElementById(id).addEventListener("input", applyFilters);
  }
  document.getElementById("night").addEventListener("click", () => document.body.classList.toggle("nightMode"));
  document.getElementById("phone").addEventListener("click", () => document.body.classList.toggle("phone"));
  applyFilters();
});
