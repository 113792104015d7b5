/*
 * Klara: how many characters are left in a field with data-klara-limit. Progressive enhancement:
 * without this script the field's hint already says the limit and the server checks it. The count
 * is shown at once and told to screen readers only after a pause in typing, not on every key.
 */
(() => {
  const fields = document.querySelectorAll("[data-klara-limit]");
  for (const field of fields) {
    const limit = Number(field.getAttribute("data-klara-limit"));
    const left = field.getAttribute("data-klara-left") || "{n}";
    const over = field.getAttribute("data-klara-over") || "-{n}";
    const shown = document.createElement("span");
    shown.className = "form-hint";
    shown.id = `${field.id}-count`;
    shown.setAttribute("aria-hidden", "true");
    const told = document.createElement("span");
    told.className = "sr-only";
    told.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", shown);
    shown.insertAdjacentElement("afterend", told);
    const words = () => {
      const n = limit - field.value.length;
      return (n >= 0 ? left : over).replace("{n}", String(Math.abs(n)));
    };
    let pause;
    field.addEventListener("input", () => {
      shown.textContent = words();
      clearTimeout(pause);
      pause = setTimeout(() => {
        told.textContent = words();
      }, 1000);
    });
    shown.textContent = words();
  }
})();
