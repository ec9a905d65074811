// The rows chosen for a bulk action: ids on the shown page, with shift-click ranges from the last row clicked.

export class RowSelection {
  constructor() {
    this.ids = new Set();
    this.anchor = null; // the id a shift-click range starts from
  }

  get size() {
    return this.ids.size;
  }

  has(id) {
    return this.ids.has(id);
  }

  /**
   * Sets one row, or with `range` every row between the anchor and this one (in the page's order) to `checked`,
   * as file managers and mail clients do.
   */
  set(id, checked, range, order) {
    const from = order.indexOf(this.anchor);
    const to = order.indexOf(id);
    const span = range && from >= 0 && to >= 0 ? order.slice(Math.min(from, to), Math.max(from, to) + 1) : [id];
    for (const each of span) {
      if (checked) {
        this.ids.add(each);
      } else {
        this.ids.delete(each);
      }
    }
    this.anchor = id;
  }

  toggle(id, order) {
    this.set(id, !this.ids.has(id), false, order);
  }

  setAll(order, checked) {
    this.ids = new Set(checked ? order : []);
    this.anchor = null;
  }

  /** Keeps only the ids still shown (others were deleted, or the page changed). */
  retain(order) {
    const shown = new Set(order);
    this.ids = new Set([...this.ids].filter((id) => shown.has(id)));
    if (!shown.has(this.anchor)) {
      this.anchor = null;
    }
  }
}
