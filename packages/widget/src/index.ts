// Entry point of the embeddable widget; the widget work replaces this placeholder.
export {};
