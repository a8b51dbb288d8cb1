// A list that grows a page at a time ({items, next_cursor}) with a "Load more" button: the new
// items are added at the end, the count is announced, and the keyboard focus moves to the first
// new item so nobody has to find their place again.
import { h } from "./dom.js";
import { alertSlot, isBusy, setBusy, showAlert } from "./forms.js";
import { count } from "./format.js";

// A page can come back empty with more to follow (items a customer may not see are left out):
// a few more pages are asked for before giving up, so "Load more" never adds nothing.
const MAX_EMPTY_PAGES = 5;

/**
 * pagedList({ fetchPage(cursor) → api result, renderItem(item) → <li>, focusIn(li) → element,
 *             one: "visit", many: "visits", loadLabel: "Load more visits", empty: "No visits…" })
 * → { el, start() → api result of the first page, load() and show(loaded): the same in two steps,
 *     announce(text) }
 */
export function pagedList(options) {
  const { fetchPage, renderItem, focusIn, one, many, loadLabel, empty } = options;
  const list = h("ol", { class: "records" });
  const none = h("p", { class: "empty", hidden: true }, empty);
  const live = h("p", { class: "visually-hidden", role: "status" });
  const alert = alertSlot();
  const button = h("button", { type: "button", class: "button button-secondary" }, loadLabel);
  const more = h("div", { class: "actions", hidden: true }, button);
  let cursor = null;
  let generation = 0;

  async function page(from) {
    const items = [];
    let next = from;
    for (let tries = 0; tries < MAX_EMPTY_PAGES; tries += 1) {
      const result = await fetchPage(next);
      if (!result.ok) return result;
      items.push(...(Array.isArray(result.data?.items) ? result.data.items : []));
      next = result.data?.next_cursor ?? null;
      if (items.length || !next) break;
    }
    return { ok: true, items, next };
  }

  /** Ask for the first page (a new start: any answer still on its way is ignored). */
  function load() {
    generation += 1;
    const mine = generation;
    return page(null).then((result) => ({ ...result, generation: mine }));
  }

  /** Show what load() answered: the list, or nothing and the error for the caller to show. */
  function show(result) {
    if (result.generation !== generation) return { ok: true, stale: true };
    alert.replaceChildren();
    if (!result.ok) {
      list.replaceChildren();
      more.hidden = true;
      none.hidden = true;
      return result;
    }
    cursor = result.next;
    list.replaceChildren(...result.items.map(renderItem));
    none.hidden = result.items.length > 0;
    more.hidden = !cursor;
    return { ok: true, count: result.items.length };
  }

  async function start() {
    return show(await load());
  }

  button.addEventListener("click", async () => {
    if (isBusy(button)) return;
    const mine = generation;
    alert.replaceChildren();
    const done = setBusy(button, "Loading…");
    const result = await page(cursor);
    done();
    if (mine !== generation) return;
    if (!result.ok) {
      showAlert(alert, result.data.message);
      return;
    }
    cursor = result.next;
    const added = result.items.map(renderItem);
    list.append(...added);
    more.hidden = !cursor;
    announce(added.length ? `${count(added.length, `more ${one}`, `more ${many}`)} loaded.` : `There are no more ${many}.`);
    const target = added.length ? focusIn(added[0]) : focusIn(list.lastElementChild ?? list);
    if (!target) return;
    target.setAttribute("tabindex", "-1");
    target.focus();
  });

  function announce(text) {
    live.textContent = text;
  }

  return { el: h("div", { class: "paged" }, list, none, live, alert, more), load, show, start, announce };
}
