/** The events a host page may listen to, with what they carry. */
export interface WidgetEventMap {
  started: { chatId: string; resumed: boolean };
  messageReceived: {
    seq: number;
    text: string;
    displayName: string;
    participantType: string;
    mine: boolean;
    at: number;
  };
  ended: { chatId: string; reason: string };
}
export type WidgetEventName = keyof WidgetEventMap;

type Listener<K extends WidgetEventName> = (detail: WidgetEventMap[K]) => void;

/**
 * Listeners registered with `window.tandemWidget.on(name, fn)`; every event is also dispatched on
 * `window` as a DOM `CustomEvent` named `tandem:<name>`. A throwing listener does not stop the others.
 */
export class WidgetEvents {
  private readonly listeners = new Map<WidgetEventName, Set<Listener<WidgetEventName>>>();

  constructor(private readonly target: EventTarget | undefined) {}

  on<K extends WidgetEventName>(name: K, listener: Listener<K>): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener as Listener<WidgetEventName>);
    return () => set.delete(listener as Listener<WidgetEventName>);
  }

  emit<K extends WidgetEventName>(name: K, detail: WidgetEventMap[K]): void {
    for (const listener of [...(this.listeners.get(name) ?? [])]) {
      try {
        listener(detail);
      } catch (error) {
        console.error(`tandem widget: a '${name}' listener threw`, error);
      }
    }
    this.target?.dispatchEvent(new CustomEvent(`tandem:${name}`, { detail }));
  }
}
