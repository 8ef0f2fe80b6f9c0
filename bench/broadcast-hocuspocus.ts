// Context server for bench/broadcast.ts: Hocuspocus 4 as it comes, with none of Loupe's
// extensions (no auth, no markup guard, no persistence, no projection). Against the same
// clients it separates what the framework costs from what Loupe's hooks add.
//   PORT=… node bench/broadcast-hocuspocus.ts
import { Server } from '@hocuspocus/server';

const server = new Server({ port: Number(process.env.PORT ?? 1234), address: process.env.HOST ?? '127.0.0.1', quiet: true });
await server.listen();
console.log(`hocuspocus listening on ${server.address.port}`);
const stop = () => void server.destroy().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
