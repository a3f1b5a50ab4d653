/**
 * The realtime channel (DESIGN §4 "Carers and emergency access", §5): the owner's devices and
 * grantees in force subscribe to a vault's events; each event says only what kind of thing
 * happened and where the vault's sequences stand — never what was written.
 */
import { describe, expect, test } from 'vitest';
import * as v from 'valibot';
import { ready, toBase64Url } from '@carekey/crypto';
import { api } from '@carekey/protocol';
import type { InProcessHub } from '../realtime/hub.ts';
import { TestPatient } from '../test-actors.ts';
import { call, register } from '../test-app.ts';
import { openStream, type EventStream, type Frame } from '../test-events.ts';
import { appendEnvelopes, makeWorld, publish, type World } from '../test-world.ts';
import { MemoryRelayStore } from '../store/memory.ts';

await ready();

/** The event of a frame, checked against the protocol schema and the SSE event name. */
function parsed(frame: Frame): api.RealtimeEvent {
  const event = v.parse(api.RealtimeEventSchema, JSON.parse(frame.data));
  expect(frame.event).toBe(event.kind);
  return event;
}

async function opened(w: World, token: string): Promise<EventStream> {
  const stream = await openStream(w.relay, w.vault.id, token);
  expect(stream.status).toBe(200);
  expect(parsed(await stream.next())).toEqual({ kind: 'ready' });
  return stream;
}

/** The streams open on the world's relay. */
const openCount = (w: World): number => (w.relay.hub as InProcessHub).size;

const world = (options: Parameters<typeof makeWorld>[1] = {}) => makeWorld(new MemoryRelayStore(), options);

describe('GET /v1/vaults/:vault/events', () => {
  test('needs a session; a stranger is refused', async () => {
    const w = await world();
    const anonymous = await openStream(w.relay, w.vault.id);
    expect({ status: anonymous.status, error: anonymous.error }).toEqual({ status: 401, error: 'unauthorized' });
    const forged = await openStream(w.relay, w.vault.id, 'x'.repeat(43));
    expect({ status: forged.status, error: forged.error }).toEqual({ status: 401, error: 'unauthorized' });
    const stranger = await openStream(w.relay, w.vault.id, w.clinicianToken);
    expect({ status: stranger.status, error: stranger.error }).toEqual({ status: 403, error: 'forbidden' });
    const unknown = await openStream(w.relay, 'ab'.repeat(16), w.ownerToken);
    expect({ status: unknown.status, error: unknown.error }).toEqual({ status: 404, error: 'not-found' });
  });

  test('the owner hears of new envelopes with the new cursor, and nothing of their content', async () => {
    const w = await world();
    const stream = await opened(w, w.ownerToken);
    const another = await openStream(w.relay, w.vault.id, w.ownerToken);
    expect(another.contentType).toBe('text/event-stream; charset=utf-8');
    await another.close();
    const [a] = w.vault.collections;
    const envelope = w.owner.seal(w.vault, { collection: a!, month: w.month, marker: 'PEANUT-ALLERGY-MARKER' });
    const reply = await appendEnvelopes(w, w.ownerToken, [envelope]);
    expect(reply.status).toBe(200);
    const { seq, hash } = v.parse(api.AppendEnvelopesResponse, reply.body).results[0]!;
    const frame = await stream.next();
    expect(parsed(frame)).toEqual({ kind: 'envelopes', cursor: String(seq) });
    // Only a kind and a cursor: no envelope, hash, collection, entry or marker.
    expect(Object.keys(JSON.parse(frame.data) as object).sort()).toEqual(['cursor', 'kind']);
    for (const secret of [toBase64Url(envelope).slice(0, 40), hash, a!.id, 'PEANUT']) expect(frame.data).not.toContain(secret);

    // Sending the same envelope again stores nothing and says nothing; the next batch is heard.
    expect((await appendEnvelopes(w, w.ownerToken, [envelope])).status).toBe(200);
    const next = await appendEnvelopes(w, w.ownerToken, [w.owner.seal(w.vault, { collection: a!, month: w.month })]);
    const nextSeq = v.parse(api.AppendEnvelopesResponse, next.body).results[0]!.seq;
    expect(parsed(await stream.next())).toEqual({ kind: 'envelopes', cursor: String(nextSeq) });
    await stream.close();
    expect(openCount(w)).toBe(0);
  });

  test('control-log appends are heard with the new seq, by the owner and a grantee', async () => {
    const w = await world();
    const grant = w.owner.issueGrant(w.vault, w.clinician, {});
    expect((await publish(w, grant)).status).toBe(200);
    const owner = await opened(w, w.ownerToken);
    const grantee = await opened(w, w.clinicianToken);
    const carer = TestPatient.create();
    await register(w.relay, carer);
    expect((await publish(w, w.owner.issueGrant(w.vault, carer, {}))).status).toBe(200);
    const seq = w.vault.log.length;
    expect(parsed(await owner.next())).toEqual({ kind: 'control', seq });
    expect(parsed(await grantee.next())).toEqual({ kind: 'control', seq });
    await owner.close();
    await grantee.close();
  });

  test('an emergency request and refusal reach the owner at once; the grantee hears neither', async () => {
    const w = await world();
    const issued = w.owner.issueGrant(w.vault, w.clinician, { emergencyWaitHours: 12 });
    expect((await publish(w, issued)).status).toBe(200);
    const owner = await opened(w, w.ownerToken);
    const second = await opened(w, w.ownerToken); // a second device (or tab) of the patient's
    const carer = await opened(w, w.clinicianToken);
    const path = (action: string) => `/v1/vaults/${w.vault.id}/emergency/${issued.grant.id}/${action}`;

    expect((await call(w.relay.app, 'POST', path('request'), { token: w.clinicianToken })).status).toBe(200);
    expect(parsed(await owner.next())).toEqual({ kind: 'emergency' });
    expect(parsed(await second.next())).toEqual({ kind: 'emergency' });
    // Asking again while waiting changes nothing and tells no one.
    expect((await call(w.relay.app, 'POST', path('request'), { token: w.clinicianToken })).status).toBe(200);
    expect((await call(w.relay.app, 'POST', path('refuse'), { token: w.ownerToken })).status).toBe(200);
    expect(parsed(await owner.next())).toEqual({ kind: 'emergency' });
    expect(parsed(await second.next())).toEqual({ kind: 'emergency' });

    // The carer's first event is the next control-log change: no emergency event came before it.
    const carerGrant = TestPatient.create();
    await register(w.relay, carerGrant);
    expect((await publish(w, w.owner.issueGrant(w.vault, carerGrant, {}))).status).toBe(200);
    expect(parsed(await carer.next())).toEqual({ kind: 'control', seq: w.vault.log.length });
    for (const s of [owner, second, carer]) await s.close();
  });

  test('a grantee hears only of batches in its collections and months, and nothing while emergency access waits', async () => {
    const w = await world();
    const [a, b] = w.vault.collections;
    expect((await publish(w, w.owner.issueGrant(w.vault, w.clinician, { collections: [a!] }))).status).toBe(200);
    const grantee = await opened(w, w.clinicianToken);
    expect((await appendEnvelopes(w, w.ownerToken, [w.owner.seal(w.vault, { collection: b!, month: w.month })])).status).toBe(200);
    expect((await appendEnvelopes(w, w.ownerToken, [w.owner.seal(w.vault, { collection: a!, month: 202512 })])).status).toBe(200);
    const inA = await appendEnvelopes(w, w.ownerToken, [w.owner.seal(w.vault, { collection: a!, month: w.month })]);
    const seq = v.parse(api.AppendEnvelopesResponse, inA.body).results[0]!.seq;
    expect(seq).toBe(3);
    expect(parsed(await grantee.next())).toEqual({ kind: 'envelopes', cursor: '3' });
    await grantee.close();

    const held = await world();
    const [c] = held.vault.collections;
    expect(
      (await publish(held, held.owner.issueGrant(held.vault, held.clinician, { collections: [c!], emergencyWaitHours: 1 }))).status,
    ).toBe(200);
    const waiting = await opened(held, held.clinicianToken);
    expect(
      (await appendEnvelopes(held, held.ownerToken, [held.owner.seal(held.vault, { collection: c!, month: held.month })])).status,
    ).toBe(200);
    const carer = TestPatient.create();
    await register(held.relay, carer);
    expect((await publish(held, held.owner.issueGrant(held.vault, carer, {}))).status).toBe(200);
    expect(parsed(await waiting.next())).toEqual({ kind: 'control', seq: held.vault.log.length });
    await waiting.close();
  });

  test('a revoked grantee is refused, and its open stream closes when the grant is revoked', async () => {
    const w = await world();
    const issued = w.owner.issueGrant(w.vault, w.clinician, {});
    expect((await publish(w, issued)).status).toBe(200);
    const grantee = await opened(w, w.clinicianToken);
    expect((await publish(w, w.owner.revokeGrant(w.vault, issued.grant.id))).status).toBe(200);
    // The revocation itself may be heard; then the stream ends.
    await grantee.ended();
    const again = await openStream(w.relay, w.vault.id, w.clinicianToken);
    expect({ status: again.status, error: again.error }).toEqual({ status: 403, error: 'access-ended' });
    expect(openCount(w)).toBe(0);
  });

  test('heartbeats keep the stream alive; it closes when the session expires', async () => {
    const w = await world({ heartbeatMs: 20 });
    const stream = await opened(w, w.ownerToken);
    expect(await stream.comment()).toBe(': heartbeat');
    w.relay.clock.advance(60 * 60 * 1000 + 1);
    await stream.ended();
    expect(openCount(w)).toBe(0);
    const expired = await openStream(w.relay, w.vault.id, w.ownerToken);
    expect({ status: expired.status, error: expired.error }).toEqual({ status: 401, error: 'session-expired' });
  });

  test('an account may hold only so many streams open at once', async () => {
    const w = await world({ maxStreamsPerAccount: 2 });
    const first = await opened(w, w.ownerToken);
    const second = await opened(w, w.ownerToken);
    const third = await openStream(w.relay, w.vault.id, w.ownerToken);
    expect({ status: third.status, error: third.error }).toEqual({ status: 429, error: 'rate-limited' });
    await first.close();
    await expect.poll(() => openCount(w)).toBe(1);
    const fourth = await opened(w, w.ownerToken);
    await second.close();
    await fourth.close();
  });

  test('closing the hub ends every stream', async () => {
    const w = await world();
    const stream = await opened(w, w.ownerToken);
    await w.relay.hub.close();
    await stream.ended();
    expect(openCount(w)).toBe(0);
  });
});
