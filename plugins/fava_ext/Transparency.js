// @ts-check
// The Transparency extension's module: when the server is read-only, hide Fava's editing
// controls on every page (add entry, editor, import, save/delete in the entry context,
// document upload) and make source views non-editable. The server refuses edits anyway;
// this only keeps members from meeting buttons that cannot work.

const STYLE_ID = "welfare-read-only-style";

const HIDDEN = [
  'a[href="#add-transaction"]',
  'aside a[href*="/editor/"]',
  'aside a[href*="/import/"]',
  "dialog form .flex-row button",
  "dialog form .flex-row label",
  'dialog form button[type="submit"]',
  "dialog input[type=\"file\"]",
  '[role="menubar"]',
  'article button[type="submit"]:not(.welfare-transparency button)',
  "article button.round",
];

/** @param {ParentNode} root */
function lockEditors(root) {
  for (const el of root.querySelectorAll('.cm-content[contenteditable="true"]')) {
    el.setAttribute("contenteditable", "false");
    el.setAttribute("aria-readonly", "true");
  }
}

function hideEditing() {
  if (document.getElementById(STYLE_ID)) {
    return;
  }
  const style = document.createElement("style");
  style.id = STYLE_ID;
  style.textContent = `${HIDDEN.join(",\n")} { display: none !important; }`;
  document.head.append(style);
  document.documentElement.dataset.welfareReadOnly = "true";
  lockEditors(document);
  new MutationObserver(() => lockEditors(document)).observe(document.body, {
    childList: true,
    subtree: true,
  });
}

/** @type {{ init(ctx: any): Promise<void>, onExtensionPageLoad(): void }} */
export default {
  async init(ctx) {
    try {
      const mode = await ctx.api.get("mode", {});
      if (mode && mode.read_only) {
        hideEditing();
      }
    } catch (error) {
      // Unknown mode: leave Fava as it is; the server still decides what it accepts.
      console.warn("welfare-ledger: cannot ask the server's mode", error);
    }
  },
  onExtensionPageLoad() {
    const page = document.querySelector(".welfare-transparency");
    if (page instanceof HTMLElement && page.dataset.readOnly === "true") {
      hideEditing();
    }
  },
};
