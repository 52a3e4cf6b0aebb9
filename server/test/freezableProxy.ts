import net from "node:net";

/** A TCP proxy to a real Elasticsearch that can be frozen: it keeps connections open and forwards nothing. */
export interface FreezableProxy {
  url: string;
  /** Like SIGSTOP on the engine: requests are accepted by the kernel and never answered. */
  freeze(): void;
  thaw(): void;
  close(): Promise<void>;
}

/** Starts a proxy on a free loopback port in front of `target` (an http://host:port URL). */
export async function startFreezableProxy(target: string): Promise<FreezableProxy> {
  const { hostname, port } = new URL(target);
  const clients = new Set<net.Socket>();
  let frozen = false;
  const server = net.createServer((client) => {
    clients.add(client);
    const upstream = net.connect(Number(port), hostname);
    client.pipe(upstream);
    upstream.pipe(client);
    // After pipe(), which would resume a paused source.
    if (frozen) client.pause();
    const end = () => {
      clients.delete(client);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    freeze() {
      frozen = true;
      for (const client of clients) client.pause();
    },
    thaw() {
      frozen = false;
      for (const client of clients) client.resume();
    },
    async close() {
      for (const client of clients) client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
