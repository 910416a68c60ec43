/**
 * Every style of the widget, inside its shadow root. `:host` is reset with `!important` because
 * the host page's rules (`* { … }`, `div { … }`) reach the host element itself and would be
 * inherited inside; nothing here can reach the page.
 */
export const STYLES = `
:host { all: initial !important; display: block !important; position: static !important; }
.root { --accent: #2f5fd0; font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #14213d;
  -webkit-font-smoothing: antialiased; }
.root *, .root *::before, .root *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
button, input, textarea { font: inherit; color: inherit; }
:focus-visible { outline: 3px solid color-mix(in srgb, var(--accent) 55%, white); outline-offset: 2px; }
.launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; width: 60px; height: 60px;
  border: 0; border-radius: 50%; background: var(--accent); color: #fff; cursor: pointer; display: grid;
  place-items: center; box-shadow: 0 8px 24px rgba(20, 33, 61, .28); transition: transform .15s; }
.launcher:hover { transform: scale(1.06); }
.launcher svg { width: 28px; height: 28px; fill: currentColor; }
.panel { position: fixed; right: 20px; bottom: 92px; z-index: 2147483001; width: 370px; max-width: calc(100vw - 24px);
  height: 540px; max-height: calc(100vh - 112px); display: flex; flex-direction: column; background: #fff;
  border-radius: 16px; overflow: hidden; box-shadow: 0 18px 48px rgba(20, 33, 61, .3); }
header { display: flex; align-items: center; gap: 8px; padding: 14px 14px 14px 18px; background: var(--accent); color: #fff; }
header .titles { flex: 1; min-width: 0; }
h2 { margin: 0; font-size: 16px; font-weight: 650; }
.sub { font-size: 12.5px; opacity: .85; }
.icon { border: 0; background: transparent; color: #fff; cursor: pointer; border-radius: 8px; padding: 4px 8px; font-size: 13px; }
.icon:hover { background: rgba(255, 255, 255, .18); }
.close { font-size: 22px; line-height: 1; }
.status { font-size: 12.5px; padding: 6px 18px; background: #fff6dc; color: #6b5200; }
.view { flex: 1; display: flex; flex-direction: column; min-height: 0; }
.scroll { flex: 1; overflow-y: auto; padding: 16px 18px; }
.greeting { margin: 0 0 14px; padding: 12px 14px; background: #f1f4fb; border-radius: 12px; }
.waiting { margin: 14px 14px 0; font-size: 13.5px; }
label { display: block; margin: 10px 0 4px; font-size: 13px; font-weight: 600; }
input, textarea { width: 100%; padding: 9px 11px; border: 1px solid #c9cfdd; border-radius: 9px; background: #fff; }
input:focus, textarea:focus { border-color: var(--accent); outline: none; box-shadow: 0 0 0 3px color-mix(in srgb, var(--accent) 22%, transparent); }
.primary { margin-top: 16px; width: 100%; padding: 11px; border: 0; border-radius: 999px; background: var(--accent);
  color: #fff; font-weight: 600; cursor: pointer; }
.primary:disabled { opacity: .6; cursor: default; }
.link { margin-top: 12px; width: 100%; border: 0; background: transparent; color: var(--accent); cursor: pointer; text-decoration: underline; }
.error { color: #b3261e; font-size: 13px; margin: 8px 0 0; }
.log { list-style: none; margin: 0; padding: 16px 14px; flex: 1; overflow-y: auto; display: flex; flex-direction: column; gap: 8px; }
.msg { max-width: 82%; padding: 8px 12px; border-radius: 14px; background: #eef1f7; white-space: pre-wrap; overflow-wrap: anywhere; }
.msg .who { display: block; font-size: 11.5px; font-weight: 600; opacity: .7; margin-bottom: 2px; }
.msg.mine { align-self: flex-end; background: var(--accent); color: #fff; border-bottom-right-radius: 4px; }
.msg.mine .who { display: none; }
.msg.agent { align-self: flex-start; border-bottom-left-radius: 4px; }
.msg.system { align-self: center; background: transparent; color: #5b6478; font-size: 12.5px; text-align: center; }
.typing { min-height: 22px; padding: 0 18px; font-size: 12.5px; color: #5b6478; font-style: italic; }
.composer { display: flex; gap: 8px; padding: 10px 12px 12px; border-top: 1px solid #e6e9f0; }
.composer textarea { resize: none; height: 42px; max-height: 120px; }
.send { border: 0; border-radius: 10px; padding: 0 16px; background: var(--accent); color: #fff; font-weight: 600; cursor: pointer; }
.done { padding: 14px; border-radius: 12px; background: #e8f6ec; color: #1d5c2e; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 480px) { .panel { right: 0; bottom: 0; width: 100vw; max-width: 100vw; height: 100vh; max-height: 100vh; border-radius: 0; } }
`;
