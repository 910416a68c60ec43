-- An interaction's row is rewritten a few times in its first seconds (arrival, alert, pickup, end)
-- without any indexed column changing. With room left in each page PostgreSQL writes those new
-- versions next to the old ones (heap-only tuples) instead of adding an entry to each of the four
-- indexes: less WAL per interaction, so fewer checkpoints and less index bloat. New pages only.
ALTER TABLE interactions SET (fillfactor = 60);
