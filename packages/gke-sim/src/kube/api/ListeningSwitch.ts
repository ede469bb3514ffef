import { once } from 'node:events';
import { Server } from 'node:http';

/**
 * Keeps a server listening on one port or not, so a cluster can refuse
 * connections and later accept them again at the same address. Changes are
 * serialised, so quick toggles settle on the last one asked for.
 */
export class ListeningSwitch {
  readonly #server: Server;
  readonly #host: string;
  #port: number;
  #listening = false;
  #wanted = true;
  #settling: Promise<void> = Promise.resolve();

  static async start(options: {
    server: Server;
    host: string;
    port: number;
  }): Promise<ListeningSwitch> {
    const listeningSwitch = new ListeningSwitch(
      options.server,
      options.host,
      options.port,
    );
    await listeningSwitch.set(true);
    return listeningSwitch;
  }

  private constructor(server: Server, host: string, port: number) {
    this.#server = server;
    this.#host = host;
    this.#port = port;
  }

  /** The port, fixed after the first listen (also when it was 0). */
  get port(): number {
    return this.#port;
  }

  /** Listens (true) or closes the port and drops open connections (false). */
  set(listening: boolean): Promise<void> {
    this.#wanted = listening;
    this.#settling = this.#settling.then(() => this.#settle());
    return this.#settling;
  }

  async #settle() {
    if (this.#wanted && !this.#listening) {
      this.#server.listen(this.#port, this.#host);
      await once(this.#server, 'listening');
      const address = this.#server.address();
      if (typeof address === 'object' && address) {
        this.#port = address.port;
      }
      this.#listening = true;
    } else if (!this.#wanted && this.#listening) {
      const closed = new Promise<void>(resolve =>
        this.#server.close(() => resolve()),
      );
      this.#server.closeAllConnections();
      await closed;
      this.#listening = false;
    }
  }
}
