import type { KbContext } from "../context";
import { deletedUnlessMissing, orNullIfMissing, wroteUnlessConflict } from "../storage/elasticsearch";
import { sha256 } from "./passwords";

/** How failed logins are limited: `max` failures per email and address in `windowMs`, then 429 for that pair. */
export interface LoginAttemptPolicy {
  max: number;
  windowMs: number;
}

/** What a login attempt must do first: wait `delayMs` (slowdown per email), or stop for `blockedForMs` (429). */
export interface LoginAttemptVerdict {
  blockedForMs: number;
  delayMs: number;
}

/** A failure counter as stored; the id is a hash of its key, so neither emails nor addresses are kept. */
interface CounterDocument {
  failures: number;
  windowStart: string;
}

// Past the per-pair limit, attempts on one email from other addresses are slowed (never refused), doubling
// from the first delay up to the longest: guessing from many addresses gets slow; the owner still gets in.
const FIRST_DELAY_MS = 250;
const LONGEST_DELAY_MS = 5_000;
const WRITE_RETRIES = 5;

/**
 * Failed-login counters shared by every app instance on the cluster (stored in Elasticsearch, so they also
 * survive restarts): per email-and-address pair a hard limit, per email across addresses only a slowdown,
 * so nobody can lock a known colleague out by failing logins for their email from elsewhere.
 */
export class LoginAttempts {
  constructor(
    private readonly ctx: KbContext,
    private readonly policy: LoginAttemptPolicy,
  ) {}

  /** Whether an attempt for this email from this address may go ahead now, and after what delay. */
  async verdict(address: string, email: string, now = Date.now()): Promise<LoginAttemptVerdict> {
    const [pair, perEmail] = await Promise.all([this.read(pairKey(address, email)), this.read(emailKey(email))]);
    const pairFailures = this.liveFailures(pair, now);
    const blockedForMs =
      pair && pairFailures >= this.policy.max ? Date.parse(pair.windowStart) + this.policy.windowMs - now : 0;
    const beyond = this.liveFailures(perEmail, now) - this.policy.max;
    const delayMs = beyond < 0 ? 0 : Math.min(LONGEST_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(beyond, 16));
    return { blockedForMs: Math.max(0, blockedForMs), delayMs };
  }

  /** Counts a failed attempt for the pair and for the email. */
  async recordFailure(address: string, email: string, now = Date.now()): Promise<void> {
    await Promise.all([this.increment(pairKey(address, email), now), this.increment(emailKey(email), now)]);
  }

  /** A successful login clears its pair's counter (the per-email one runs out with its window). */
  async recordSuccess(address: string, email: string): Promise<void> {
    await deletedUnlessMissing(
      this.ctx.es.delete({ index: this.ctx.names.loginAttempts, id: pairKey(address, email) }),
    );
  }

  private liveFailures(counter: CounterDocument | undefined, now: number): number {
    if (!counter || Date.parse(counter.windowStart) + this.policy.windowMs <= now) return 0;
    return counter.failures;
  }

  private async read(id: string): Promise<(CounterDocument & { seqNo: number; primaryTerm: number }) | undefined> {
    const found = await orNullIfMissing(this.ctx.es.get<CounterDocument>({ index: this.ctx.names.loginAttempts, id }));
    if (!found?._source) return undefined;
    return { ...found._source, seqNo: found._seq_no ?? 0, primaryTerm: found._primary_term ?? 0 };
  }

  /** Read, add one, write back guarded by the version read; instances racing on one key retry. */
  private async increment(id: string, now: number): Promise<void> {
    for (let attempt = 0; attempt < WRITE_RETRIES; attempt++) {
      const current = await this.read(id);
      const live = this.liveFailures(current, now);
      const next: CounterDocument = {
        failures: live + 1,
        windowStart: live > 0 && current ? current.windowStart : new Date(now).toISOString(),
      };
      const guard = current
        ? { if_seq_no: current.seqNo, if_primary_term: current.primaryTerm }
        : { op_type: "create" as const };
      const written = await wroteUnlessConflict(
        this.ctx.es.index({ index: this.ctx.names.loginAttempts, id, document: next, ...guard }),
      );
      if (written) return;
    }
  }
}

const pairKey = (address: string, email: string) => sha256(`pair|${address}|${email.trim().toLowerCase()}`);
const emailKey = (email: string) => sha256(`email|${email.trim().toLowerCase()}`);
