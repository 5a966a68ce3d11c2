/**
 * Okabe & Ito's colour-blind-safe palette, ordered so that the first arms get the most
 * distinguishable colours on white (yellow last: it is faint on a white page).
 */
export const ARM_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#000000', '#F0E442'] as const;

/** When arms outnumber colours, later cycles repeat the colours with a dash pattern. */
const DASHES = [undefined, '6 3', '2 2'] as const;

export interface ArmStyle {
  arm: string;
  colour: string;
  /** stroke-dasharray for lines, when colours repeat. */
  dash?: string;
}

export function armStyles(arms: readonly string[]): ArmStyle[] {
  return arms.map((arm, i) => {
    const dash = DASHES[Math.floor(i / ARM_COLOURS.length) % DASHES.length];
    return dash ? { arm, colour: ARM_COLOURS[i % ARM_COLOURS.length], dash } : { arm, colour: ARM_COLOURS[i % ARM_COLOURS.length] };
  });
}
