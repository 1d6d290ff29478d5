/**
 * Badge palettes. `bg1`→`bg2` is the background (gradient ends, stripe or checker colours),
 * `fg` the title, `sub` the subtitle, `shadow` the text's drop shadow, `border` the outer line,
 * `light`/`dark` the bevel.
 */
export interface BadgePalette {
  bg1: string;
  bg2: string;
  fg: string;
  sub: string;
  shadow: string;
  border: string;
  light: string;
  dark: string;
}

export const PALETTES = {
  ink: {
    bg1: '#29366f',
    bg2: '#1a1c2c',
    fg: '#f4f4f4',
    sub: '#ffcd75',
    shadow: '#0b0c14',
    border: '#0b0c14',
    light: '#5a6ea8',
    dark: '#101223',
  },
  forest: {
    bg1: '#38b764',
    bg2: '#257179',
    fg: '#f4f4f4',
    sub: '#d9f7a0',
    shadow: '#12302a',
    border: '#0f2620',
    light: '#a7f070',
    dark: '#1b4a40',
  },
  ember: {
    bg1: '#ef7d57',
    bg2: '#b13e53',
    fg: '#fff6d3',
    sub: '#ffe3a3',
    shadow: '#4a1622',
    border: '#3a101a',
    light: '#ffcd75',
    dark: '#6e2233',
  },
  ocean: {
    bg1: '#41a6f6',
    bg2: '#3b5dc9',
    fg: '#f4f4f4',
    sub: '#c9f3ff',
    shadow: '#17224f',
    border: '#121a3d',
    light: '#73eff7',
    dark: '#27367a',
  },
  gold: {
    bg1: '#ffcd75',
    bg2: '#c28b3a',
    fg: '#3a2410',
    sub: '#5d3a1a',
    shadow: '#fff0c8',
    border: '#4a2e12',
    light: '#fff6d3',
    dark: '#8b5a2b',
  },
  plum: {
    bg1: '#8e4ca8',
    bg2: '#5d275d',
    fg: '#f4f4f4',
    sub: '#f2c6ff',
    shadow: '#2a1030',
    border: '#210b26',
    light: '#c58ee0',
    dark: '#3d1840',
  },
  slate: {
    bg1: '#566c86',
    bg2: '#333c57',
    fg: '#f4f4f4',
    sub: '#c2d3e0',
    shadow: '#161b29',
    border: '#11151f',
    light: '#94b0c2',
    dark: '#232a3d',
  },
  rose: {
    bg1: '#f7a1b5',
    bg2: '#e04f7a',
    fg: '#ffffff',
    sub: '#fff0f4',
    shadow: '#6e1d3a',
    border: '#4f1329',
    light: '#ffd3de',
    dark: '#9c2f55',
  },
  mint: {
    bg1: '#a7f070',
    bg2: '#38b7a4',
    fg: '#10302a',
    sub: '#1f4d3a',
    shadow: '#e8ffd0',
    border: '#143a33',
    light: '#e2ffc2',
    dark: '#22776a',
  },
  mono: {
    bg1: '#f4f4f4',
    bg2: '#c2c3c7',
    fg: '#1a1c2c',
    sub: '#333c57',
    shadow: '#ffffff',
    border: '#1a1c2c',
    light: '#ffffff',
    dark: '#7a7b80',
  },
} satisfies Record<string, BadgePalette>;

export type PaletteName = keyof typeof PALETTES;
export const PALETTE_NAMES = Object.keys(PALETTES) as PaletteName[];
