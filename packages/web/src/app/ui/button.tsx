import type { ButtonHTMLAttributes } from 'react';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost';
  size?: 'sm' | 'md';
  /** Shown as a keyboard hint after the label (also in the tooltip). */
  shortcut?: string;
}

/** A button; `type="button"` unless said otherwise, so it never submits a form by accident. */
export function Button({
  variant = 'secondary',
  size = 'md',
  shortcut,
  className,
  children,
  title,
  ...rest
}: ButtonProps) {
  const classes = ['btn', `btn-${variant}`, size === 'sm' ? 'btn-sm' : '', className ?? ''].filter(Boolean).join(' ');
  const hint = shortcut ? `${title ?? (typeof children === 'string' ? children : '')} (${shortcut})`.trim() : title;
  return (
    <button type="button" className={classes} title={hint} {...rest}>
      {children}
      {shortcut ? <kbd className="btn-kbd">{shortcut}</kbd> : null}
    </button>
  );
}
