"""The main window's pages: one module per page, each `Page(ctx, parent=None)` with
`refresh()`, `status_changed`, `state()` and `restore_state()`.

Record pages: `cooperative_page` (HTX list and detail), `group_page` (THT), `cadre_page` and
`training_page`, all built on `record_list_page.RecordListPage`; `figures_grid` and
`attendee_picker` are their parts. Nothing is imported here, so the window can load each page
module on its own (and show a placeholder for one that is missing)."""
