import type { InvokeWebServiceEffect, ProcessValue } from '@tandem/core';
import { httpExchange, type HttpExchangeAnswer } from './http-exchange.js';

/**
 * Invoke Web Service: one HTTP request with the action's timeout. JSON: the body fields as a JSON
 * object (as the query string for GET and DELETE), outputs read from the JSON answer by dotted
 * path (`data.score`, `items.0.id`). SOAP 1.1: the fields as elements of the body, `SOAPAction`
 * header, outputs read from the first element of each name; a SOAP fault fails the action.
 * Throws with the reason on a network error, a timeout, a non-2xx answer or an unreadable body.
 */
export async function invokeWebService(effect: InvokeWebServiceEffect): Promise<Record<string, unknown>> {
  const response = effect.protocol === 'soap' ? await soapRequest(effect) : await jsonRequest(effect);
  const ok = response.status >= 200 && response.status < 300;
  if (!ok && !(effect.protocol === 'soap' && response.status === 500))
    throw new Error(`${effect.method} ${redactUrl(effect.url)} answered HTTP ${response.status}`);
  return effect.protocol === 'soap' ? soapOutputs(effect, response.text) : jsonOutputs(effect, response.text);
}

function jsonRequest(effect: InvokeWebServiceEffect): Promise<HttpExchangeAnswer> {
  const withQuery = effect.method === 'GET' || effect.method === 'DELETE';
  const url = new URL(effect.url);
  if (withQuery) for (const [k, v] of Object.entries(effect.body)) url.searchParams.set(k, text(v));
  return httpExchange({
    method: effect.method,
    url,
    timeoutMs: effect.timeoutMs,
    headers: { accept: 'application/json', ...(withQuery ? {} : { 'content-type': 'application/json' }) },
    ...(withQuery ? {} : { body: JSON.stringify(effect.body) }),
  });
}

function jsonOutputs(effect: InvokeWebServiceEffect, body: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = body === '' ? null : JSON.parse(body);
  } catch {
    throw new Error(`${redactUrl(effect.url)} answered something that is not JSON`);
  }
  const outputs: Record<string, unknown> = {};
  for (const m of effect.outputs) {
    const value = m.from.split('.').reduce<unknown>((at, key) => {
      if (at === null || typeof at !== 'object') return undefined;
      return (at as Record<string, unknown>)[key];
    }, parsed);
    if (value !== undefined) outputs[m.from] = value;
  }
  return outputs;
}

function soapRequest(effect: InvokeWebServiceEffect): Promise<HttpExchangeAnswer> {
  const fields = Object.entries(effect.body)
    .map(([k, v]) => `<${k}>${escapeXml(text(v))}</${k}>`)
    .join('');
  const envelope =
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">' +
    `<soap:Body><Request>${fields}</Request></soap:Body></soap:Envelope>`;
  return httpExchange({
    method: 'POST',
    url: new URL(effect.url),
    timeoutMs: effect.timeoutMs,
    headers: { 'content-type': 'text/xml; charset=utf-8', SOAPAction: `"${effect.soapAction ?? ''}"` },
    body: envelope,
  });
}

function soapOutputs(effect: InvokeWebServiceEffect, body: string): Record<string, unknown> {
  const fault = /<(?:\w+:)?Fault\b[\s\S]*?<faultstring[^>]*>([\s\S]*?)<\/faultstring>/i.exec(body);
  if (fault) throw new Error(`SOAP fault: ${unescapeXml(fault[1] ?? '').slice(0, 200)}`);
  if (!/<(?:\w+:)?Envelope\b/.test(body)) throw new Error(`${redactUrl(effect.url)} answered no SOAP envelope`);
  const outputs: Record<string, unknown> = {};
  for (const m of effect.outputs) {
    const name = m.from.replace(/[^\w.-]/g, '');
    const found = new RegExp(`<(?:\\w+:)?${name}\\b[^>]*>([^<]*)</(?:\\w+:)?${name}>`).exec(body);
    if (found) outputs[m.from] = unescapeXml(found[1] ?? '');
  }
  return outputs;
}

function text(value: ProcessValue): string {
  if (value === null) return '';
  return Array.isArray(value) ? value.map(text).join(',') : String(value);
}

function escapeXml(s: string): string {
  return s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c,
  );
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The URL's origin only: its path and query may carry process values (`/credit/{SSN}`). */
function redactUrl(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the service';
  }
}
