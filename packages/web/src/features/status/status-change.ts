import type { StatusChange } from '@tandem/client';

/** A `datetime-local` input value (`2026-11-21T14:05`) for epoch ms, in the browser's zone. */
export function toLocalInput(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The request body from the form's fields: empty fields are left out, `until` becomes epoch ms. */
export function statusChangeOf(form: {
  statusId: string;
  notes: string;
  until: string;
  forwardNumber: string;
}): StatusChange {
  const change: StatusChange = { statusId: form.statusId };
  if (form.notes.trim() !== '') change.notes = form.notes.trim();
  if (form.until !== '') {
    const at = new Date(form.until).getTime();
    if (Number.isFinite(at)) change.until = at;
  }
  if (form.forwardNumber.trim() !== '') change.forwardNumber = form.forwardNumber.trim();
  return change;
}
