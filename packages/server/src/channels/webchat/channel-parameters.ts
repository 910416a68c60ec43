import { CHANNEL_PARAMETERS, type Directory, type ParameterSpec, type ParameterValue } from '@tandem/core';

/** The channel parameters are in core's catalogue (validated by the configuration API); read here with fallbacks. */
export { CHANNEL_PARAMETERS };

export type ChannelParameter = keyof typeof CHANNEL_PARAMETERS;

function stored(directory: Directory, name: ChannelParameter): ParameterValue | undefined {
  return directory.parameter(name);
}

/** A whole-number parameter; a stored numeric string counts (values outside the catalogue are kept as sent). */
export function intParameter(directory: Directory, name: ChannelParameter): number {
  const spec = CHANNEL_PARAMETERS[name] as ParameterSpec;
  const raw = stored(directory, name);
  const value = typeof raw === 'string' && /^-?\d{1,15}$/.test(raw.trim()) ? Number(raw) : raw;
  const fallback = spec.default as number;
  if (typeof value !== 'number' || !Number.isInteger(value)) return fallback;
  if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) return fallback;
  return value;
}

export function boolParameter(directory: Directory, name: ChannelParameter): boolean {
  const raw = stored(directory, name);
  if (typeof raw === 'boolean') return raw;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  return CHANNEL_PARAMETERS[name].default as boolean;
}

export function stringParameter(directory: Directory, name: ChannelParameter): string {
  const raw = stored(directory, name);
  return typeof raw === 'string' ? raw : (CHANNEL_PARAMETERS[name].default as string);
}
