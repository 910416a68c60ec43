import './error-note.css';
import type { ReactNode } from 'react';

export interface ErrorNoteProps {
  /** `forbidden` explains that a right is missing; the others show the server's message. */
  tone?: 'forbidden' | 'conflict' | 'error';
  title?: string;
  children: ReactNode;
  testId?: string;
}

const TITLES = { forbidden: 'Not allowed', conflict: 'Changed meanwhile', error: 'Something went wrong' } as const;

/** An error in the page (not a toast): stays until the cause is gone; announced to screen readers. */
export function ErrorNote({ tone = 'error', title, children, testId }: ErrorNoteProps) {
  return (
    <div className={`error-note error-note-${tone}`} role="alert" data-testid={testId}>
      <strong>{title ?? TITLES[tone]}</strong>
      <div>{children}</div>
    </div>
  );
}
