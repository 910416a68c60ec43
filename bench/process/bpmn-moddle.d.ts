// bpmn-moddle (a dependency of bpmn-engine) ships no types; the peer uses only its parser.
declare module 'bpmn-moddle' {
  import type context from 'moddle-context-serializer';

  export default class BpmnModdle {
    fromXML(xml: string): Promise<Parameters<typeof context>[0]>;
  }
}
