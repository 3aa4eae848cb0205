import react from '@vitejs/plugin-react-swc';
import { defineConfig } from 'vite';

// The browser client, built into web/dist and served by the Nest server from the same origin, so the session cookie
// and the socket need no CORS. `npm run dev:web` proxies /api and /socket.io to a server on :3000.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 2000 },
  server: {
    proxy: { '/api': 'http://localhost:3000', '/socket.io': { target: 'http://localhost:3000', ws: true } },
  },
});
