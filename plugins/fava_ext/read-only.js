// @ts-check
// Loaded (not as a module, so before Fava's own code runs) in the <head> of every Fava page
// when `welfare serve` is read-only. The stylesheet beside it hides the editing controls; this
// keeps the keyboard from reaching them: the add-entry shortcut `n` and the `#add-transaction`
// address do nothing, and source views are not editable. The server refuses changes anyway.
(() => {
  const ADD_ENTRY = "#add-transaction";

  /** @param {EventTarget | null} target */
  function typing(target) {
    return (
      target instanceof HTMLInputElement ||
      target instanceof HTMLTextAreaElement ||
      target instanceof HTMLSelectElement ||
      (target instanceof HTMLElement && target.isContentEditable)
    );
  }

  window.addEventListener(
    "keydown",
    (event) => {
      if (event.key === "n" && !event.ctrlKey && !event.metaKey && !event.altKey && !typing(event.target)) {
        event.stopImmediatePropagation();
        event.preventDefault();
      }
    },
    { capture: true },
  );

  window.addEventListener(
    "click",
    (event) => {
      const link = event.target instanceof Element ? event.target.closest("a") : null;
      if (link && link.getAttribute("href") === ADD_ENTRY) {
        event.stopImmediatePropagation();
        event.preventDefault();
      }
    },
    { capture: true },
  );

  function leaveAddEntry() {
    if (window.location.hash === ADD_ENTRY) {
      history.replaceState(null, "", window.location.pathname + window.location.search);
    }
  }
  window.addEventListener("hashchange", leaveAddEntry);
  leaveAddEntry();

  /** @param {ParentNode} root */
  function lockEditors(root) {
    for (const el of root.querySelectorAll('.cm-content[contenteditable="true"]')) {
      el.setAttribute("contenteditable", "false");
      el.setAttribute("aria-readonly", "true");
    }
  }
  new MutationObserver(() => lockEditors(document)).observe(document.documentElement, {
    childList: true,
    subtree: true,
  });
})();
