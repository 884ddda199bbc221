// One server-side function per append: lock the stream row, check the expectation (or
// recognise a replay), chain the hashes and insert every event in one statement. One
// round trip per append keeps single-event appends fast.
//
// The hash chain: when the adapter knew the stream's head it sends the chain it computed
// (p_hashes, on top of p_assumed_revision/p_assumed_hash); the function takes it only if
// that is exactly the head it locked, and otherwise hashes here. Hashing in the process
// takes that work (a few µs per event in plpgsql) off the server, which all writers share.
//
// Data and metadata arrive as one text each, the events' canonical JSON joined by the
// record separator U+001E: canonical JSON never holds a raw control character, and unlike
// a text[] literal it needs no escaping on either side. Event ids and types arrive as JSON
// arrays (each type element is its canonical JSON, which the hashed text needs) and the
// process's hashes comma-joined: text[] parameters cost more to encode than all the rest.

//
// A long append may arrive as chunks (chunked-append.ts): several calls of this function
// in one implicit transaction, chunk k expecting exactly the revision chunk k-1 left.
// p_chunk says which: NULL for a whole append, 'first', then 'next'. A chunk after one
// that replayed must replay too (a transaction-local setting carries that), or an earlier
// append of exactly the first chunk's events would let the later chunks append where the
// whole batch would have been a WrongExpectedRevision.
//
// NOTIFY inside the transaction is optional (p_notify_channel NULL skips it); the adapter
// chooses (notify-placement.ts), and commit-signal.ts is the other way.
//
// The hashed text is the canonical document of hash-chain.ts#eventDocument, assembled here
// from canonical fragments that the adapter sends (stream, type, data and metadata are
// canonical JSON already; revision is an integer and previousHash a hex string, so
// neither needs escaping). The contract suite's verify() proves both sides agree.
import { GENESIS_HASH } from '../hash-chain.js';

/** SQLSTATEs raised by the function; the adapter turns them into the port's errors. */
export const WRONG_EXPECTED_REVISION = 'RL409';
export const DUPLICATE_EVENT_ID = 'RL422';

/** Transaction-local: whether the first chunk of a chunked append was a replay. */
export const CHUNK_REPLAYED_SETTING = 'event_store.chunk_replayed';

/** Joins the events' canonical JSON documents into one parameter. */
export const DOCUMENT_SEPARATOR = '\u001e';

// Earlier signatures of the function; migrate() drops them.
export const DROP_PREVIOUS_APPEND_FUNCTION_SQL = `
DROP FUNCTION IF EXISTS event_store.append(text, text, text, bigint, text[], text[], text[], text[], text[], text);
DROP FUNCTION IF EXISTS event_store.append(text, text, text, bigint, text[], text[], text[], text, text, text, bigint, text, text[]);
DROP FUNCTION IF EXISTS event_store.append(text, text, text, bigint, json, json, text, text, text, bigint, text, text);
`;

export const APPEND_FUNCTION_SQL = `
CREATE OR REPLACE FUNCTION event_store.append(
  p_stream text,
  p_stream_json text,
  p_expected_kind text,   -- 'exact' | 'no_stream' | 'stream_exists' | 'any'
  p_expected bigint,      -- the revision when p_expected_kind = 'exact'
  p_event_ids json,       -- array of the events' ids
  p_types json,           -- array of their types
  p_data text,            -- canonical JSON documents joined by U+001E
  p_metadata text,        -- the same for metadata
  p_notify_channel text,  -- NULL: do not NOTIFY inside this transaction
  p_assumed_revision bigint,  -- the head the adapter hashed on top of (NULL: it did not)
  p_assumed_hash text,
  p_hashes text,          -- the chain from there, comma-joined
  p_chunk text            -- NULL: a whole append; 'first' / 'next': a chunk of one (see above)
) RETURNS TABLE (next_revision bigint, commit_id xid8, prepare bigint, last_hash text)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_count int := json_array_length(p_event_ids);
  v_first_id text := p_event_ids ->> 0;
  v_client_hashes text[] := string_to_array(p_hashes, ',');
  v_type_json text[];
  v_data text[];
  v_metadata text[];
  v_current bigint;
  v_previous text;
  v_base bigint;
  v_first_revision bigint;
  v_matched int;
  v_hashes text[];
  v_previous_hashes text[];
  v_last_position bigint;
  v_must_replay boolean := false;
BEGIN
  IF coalesce(v_count, 0) = 0 THEN
    RAISE EXCEPTION 'append needs at least one event';
  END IF;
  -- No count check up front (splitting or scanning 2 x ~40 KB cost more than it saved):
  -- ROWS FROM pads a shorter list with NULLs, and every column is NOT NULL, so ids, types
  -- and documents that do not line up fail the insert (23502) and roll the append back.
  SELECT s.revision, s.last_hash INTO v_current, v_previous
    FROM event_store.streams s WHERE s.stream_name = p_stream FOR UPDATE;
  IF NOT FOUND AND p_expected_kind IN ('no_stream', 'any') THEN
    -- Waits for a concurrent creator of the same stream, then locks whichever row won.
    INSERT INTO event_store.streams (stream_name, revision, last_hash)
      VALUES (p_stream, -1, '${GENESIS_HASH}') ON CONFLICT (stream_name) DO NOTHING;
    SELECT s.revision, s.last_hash INTO v_current, v_previous
      FROM event_store.streams s WHERE s.stream_name = p_stream FOR UPDATE;
  END IF;
  v_current := coalesce(v_current, -1);
  v_previous := coalesce(v_previous, '${GENESIS_HASH}');

  IF p_expected_kind IN ('exact', 'no_stream') THEN
    IF p_chunk = 'next' THEN
      v_must_replay := coalesce(current_setting('${CHUNK_REPLAYED_SETTING}', true) = 'on', false);
    END IF;
    v_base := CASE WHEN p_expected_kind = 'no_stream' THEN -1 ELSE p_expected END;
    IF v_current <> v_base OR v_must_replay THEN
      -- EventStoreDB's rule: behind the head, the same ids at the same revisions are a replay.
      IF v_current > v_base THEN
        SELECT count(*) INTO v_matched
          FROM json_array_elements_text(p_event_ids) WITH ORDINALITY AS u(id, n)
          JOIN event_store.events e
            ON e.stream_name = p_stream AND e.revision = v_base + u.n AND e.event_id = u.id;
        IF v_matched = v_count THEN
          IF p_chunk = 'first' THEN
            PERFORM set_config('${CHUNK_REPLAYED_SETTING}', 'on', true);
          END IF;
          RETURN QUERY SELECT e.revision, e.transaction_id, e.global_position, e.hash FROM event_store.events e
            WHERE e.stream_name = p_stream AND e.revision = v_base + v_count;
          RETURN;
        END IF;
      END IF;
      RAISE EXCEPTION USING ERRCODE = '${WRONG_EXPECTED_REVISION}', MESSAGE = 'wrong expected revision',
        DETAIL = v_current::text;
    END IF;
    IF p_chunk = 'first' THEN
      -- Explicitly off: a setting left by an earlier transaction of this session reads ''.
      PERFORM set_config('${CHUNK_REPLAYED_SETTING}', 'off', true);
    END IF;
  ELSE
    SELECT e.revision INTO v_first_revision FROM event_store.events e
      WHERE e.event_id = v_first_id AND e.stream_name = p_stream;
    IF FOUND THEN
      SELECT count(*) INTO v_matched
        FROM json_array_elements_text(p_event_ids) WITH ORDINALITY AS u(id, n)
        JOIN event_store.events e
          ON e.stream_name = p_stream AND e.revision = v_first_revision + u.n - 1 AND e.event_id = u.id;
      IF v_matched = v_count THEN
        RETURN QUERY SELECT e.revision, e.transaction_id, e.global_position, e.hash FROM event_store.events e
          WHERE e.stream_name = p_stream AND e.revision = v_first_revision + v_count - 1;
        RETURN;
      END IF;
      RAISE EXCEPTION USING ERRCODE = '${DUPLICATE_EVENT_ID}', MESSAGE = 'duplicate event id',
        DETAIL = v_first_id;
    END IF;
    IF p_expected_kind = 'stream_exists' AND v_current < 0 THEN
      RAISE EXCEPTION USING ERRCODE = '${WRONG_EXPECTED_REVISION}', MESSAGE = 'wrong expected revision',
        DETAIL = v_current::text;
    END IF;
    v_base := v_current;
  END IF;

  IF p_assumed_revision = v_base AND p_assumed_hash = v_previous AND cardinality(v_client_hashes) = v_count THEN
    v_hashes := v_client_hashes;
    v_previous_hashes := array_prepend(v_previous, v_client_hashes[1:v_count - 1]);
    v_previous := v_client_hashes[v_count];
  ELSE
    v_hashes := '{}';
    v_previous_hashes := '{}';
    v_type_json := ARRAY(SELECT t::text FROM json_array_elements(p_types) AS t);
    v_data := string_to_array(p_data, chr(30));
    v_metadata := string_to_array(p_metadata, chr(30));
    FOR i IN 1..v_count LOOP
      v_previous_hashes[i] := v_previous;
      v_previous := encode(sha256(convert_to(
        '{"data":' || v_data[i] || ',"metadata":' || v_metadata[i] || ',"previousHash":"' || v_previous
          || '","revision":' || (v_base + i) || ',"stream":' || p_stream_json || ',"type":' || v_type_json[i] || '}',
        'UTF8')), 'hex');
      v_hashes[i] := v_previous;
    END LOOP;
  END IF;

  WITH inserted AS (
    INSERT INTO event_store.events (event_id, stream_name, revision, type, data, metadata, hash, previous_hash)
    SELECT u.id, p_stream, v_base + u.n, u.type, u.data::json, u.metadata::json, u.hash, u.previous_hash
      FROM ROWS FROM (json_array_elements_text(p_event_ids), json_array_elements_text(p_types),
          string_to_table(p_data, chr(30)), string_to_table(p_metadata, chr(30)), unnest(v_hashes), unnest(v_previous_hashes))
        WITH ORDINALITY AS u(id, type, data, metadata, hash, previous_hash, n)
      ORDER BY u.n
    RETURNING global_position
  )
  SELECT max(global_position) INTO v_last_position FROM inserted;

  UPDATE event_store.streams SET revision = v_base + v_count, last_hash = v_previous
    WHERE stream_name = p_stream;
  IF p_notify_channel IS NOT NULL THEN
    PERFORM pg_notify(p_notify_channel, '');
  END IF;
  RETURN QUERY SELECT v_base + v_count, pg_current_xact_id(), v_last_position, v_previous;
END
$fn$;
`;
