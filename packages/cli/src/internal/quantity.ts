import { InvalidParameterError } from '@memsim/core';
import { create, type FactoryFunctionMap, type Unit, unitDependencies } from 'mathjs';

// Only mathjs's unit parser (the factory keeps the rest of mathjs out): "1.5kohm", "100 ps", "300mV", "2 kHz".
// It parses a number and a unit, never evaluates code.
const math = create({ unitDependencies } as FactoryFunctionMap);
const toUnit = (text: string): Unit => math.unit(text) as Unit;

/** Physical quantity of a CLI value; its SI unit is what the value is converted to. */
export type Quantity = 'resistance' | 'time' | 'voltage' | 'frequency';

const SI_UNIT: Readonly<Record<Quantity, string>> = {
  resistance: 'ohm',
  time: 's',
  voltage: 'V',
  frequency: 'Hz',
};
const EXAMPLE: Readonly<Record<Quantity, string>> = {
  resistance: '1.5kohm',
  time: '100ps',
  voltage: '300mV',
  frequency: '2kHz',
};

/**
 * A CLI number that may carry a unit: a plain number is taken in SI units; `1.5kohm`, `100ps`, `300 mV` are converted
 * to SI (Ω, s, V, Hz) by mathjs's unit parser. With `quantity`, a unit of another dimension is refused; without one
 * (a parameter whose dimension memsim does not know), any unit is converted to its SI base value.
 *
 * @throws {InvalidParameterError} naming `--name`, the value and an example, for text that is neither.
 */
export function parseQuantity(command: string, name: string, raw: string, quantity?: Quantity): number {
  if (typeof raw !== 'string')
    throw new InvalidParameterError({
      where: `memsim ${command}`,
      parameter: name,
      value: raw,
      expected: 'a value given as text',
    });
  const text = raw.trim().replace(/Ω/g, 'ohm');
  const plain = Number(text);
  if (text !== '' && Number.isFinite(plain)) return plain;
  const fail = (why: string): never => {
    throw new InvalidParameterError({
      where: `memsim ${command}`,
      parameter: name,
      value: raw,
      expected:
        quantity === undefined
          ? `a number, optionally with a unit (${why})`
          : `a ${quantity} in ${SI_UNIT[quantity]} or with a unit, e.g. ${EXAMPLE[quantity]} (${why})`,
    });
  };
  let u: Unit;
  try {
    u = toUnit(text);
  } catch (error) {
    return fail((error as Error).message.replace(/\.$/, ''));
  }
  if (quantity !== undefined && !u.equalBase(toUnit(SI_UNIT[quantity]))) fail(`'${u.formatUnits()}' is not one`);
  // mathjs keeps a Unit's value in SI base units (1.5kohm → 1500).
  const value = (u as unknown as { value: unknown }).value;
  if (typeof value !== 'number' || !Number.isFinite(value)) fail('no finite value');
  return value as number;
}

/** The quantity of a device-model parameter, from its memsim name (rOn → resistance, vOff → voltage, …), if known. */
export function parameterQuantity(name: string): Quantity | undefined {
  if (/^r[A-Z]/.test(name)) return 'resistance';
  if (/^v[A-Z0-9]|Voltage$/.test(name)) return 'voltage';
  if (/Resolution$|Width$|Duration$|^dt$|^time/.test(name)) return 'time';
  if (/[Ff]requency$/.test(name)) return 'frequency';
  return undefined;
}
