import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Dev harness for the journal editor: `npx vite packages/ui/dev/editor` (this folder is the root).
export default defineConfig({
  plugins: [react()],
  server: { port: 5183, strictPort: false },
});
