import { z } from 'zod';
import { ICON_NAMES, type IconName } from './icons';
import { PALETTE_NAMES, type BadgePalette, type PaletteName } from './palettes';

/** What a Folio-drawn 88×31 badge looks like; stored with the stamp, edited in the UI. */
const hex = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Colours are #rrggbb');

export const badgeSpecSchema = z.strictObject({
  text: z.string().trim().min(1, 'A badge needs a title').max(40, 'Keep the title under 40 characters'),
  subtext: z.string().trim().max(40, 'Keep the subtitle under 40 characters').optional(),
  icon: z.enum(ICON_NAMES as [IconName, ...IconName[]]).optional(),
  palette: z
    .union([
      z.enum(PALETTE_NAMES as [PaletteName, ...PaletteName[]]),
      z.strictObject({ bg1: hex, bg2: hex, fg: hex, sub: hex, shadow: hex, border: hex, light: hex, dark: hex }),
    ])
    .optional(),
  background: z.enum(['solid', 'gradient', 'stripes', 'checker', 'dots']).optional(),
});

export interface BadgeSpec {
  text: string;
  subtext?: string;
  icon?: IconName;
  palette?: PaletteName | BadgePalette;
  background?: 'solid' | 'gradient' | 'stripes' | 'checker' | 'dots';
}
