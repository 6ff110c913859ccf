// `npm run dev -w @eventflow/console`: Vite's dev server with hot reload on :5173/console/, sending
// /api and /health to the gateway of a running platform (`npm start`), or to GATEWAY_URL.
import { consoleViteConfig } from './bundle/config.ts';

export default consoleViteConfig({ gateway: process.env['GATEWAY_URL'] ?? 'http://127.0.0.1:8080' });
