// Conformance check of Foresight's MCAP files with the official TypeScript reader (@mcap/core,
// zstd chunks through @foxglove/wasm-zstd):
// every file is read as a CRC-validating stream; complete files also through their index (summary,
// chunk indexes, message indexes). Message counts per topic must equal what Foresight's own reader
// reported (FILE.json, from `foresight log info --json FILE`), every message must parse as JSON and
// every schema must be a JSON Schema. A file cut short must stream-read up to the cut.
//
//   node .ci/mcap-check.mjs FILE.mcap...      (with FILE.mcap.json next to each)
import { McapIndexedReader, McapStreamReader } from "@mcap/core";
import zstd from "@foxglove/wasm-zstd";
import { readFileSync } from "node:fs";

// zstd chunks, decompressed with the decoder Foxglove itself uses.
await zstd.isLoaded;
const decompressHandlers = { zstd: (buffer, size) => zstd.decompress(buffer, Number(size)) };

let failures = 0;
const fail = (file, what) => { console.error(`mcap-check: ${file}: ${what}`); failures++; };

for (const file of process.argv.slice(2)) {
  const bytes = readFileSync(file);
  const expected = JSON.parse(readFileSync(file + ".json", "utf8"));
  const want = Object.fromEntries(expected.channels.map((c) => [c.topic, c.messages]));

  // Stream read, CRCs validated; stops at a cut.
  const stream = new McapStreamReader({ validateCrcs: true, decompressHandlers });
  stream.append(bytes);
  const channels = new Map();
  const schemas = new Map();
  const counts = {};
  let streamError = null;
  try {
    for (let r; (r = stream.nextRecord()); ) {
      if (r.type === "Schema") schemas.set(r.id, r);
      if (r.type === "Channel") channels.set(r.id, r);
      if (r.type === "Message") {
        const topic = channels.get(r.channelId)?.topic ?? `?${r.channelId}`;
        counts[topic] = (counts[topic] ?? 0) + 1;
        JSON.parse(new TextDecoder().decode(r.data));
      }
    }
  } catch (e) {
    streamError = e.message;
  }
  for (const [topic, n] of Object.entries(want)) {
    if ((counts[topic] ?? 0) !== n) fail(file, `stream read ${counts[topic] ?? 0} messages on ${topic}, Foresight ${n}`);
  }
  for (const s of schemas.values()) {
    if (s.encoding !== "jsonschema") fail(file, `schema ${s.name} has encoding ${s.encoding}`);
    JSON.parse(new TextDecoder().decode(s.data));
  }
  for (const c of channels.values()) if (c.messageEncoding !== "json") fail(file, `${c.topic} is ${c.messageEncoding}`);

  if (expected.complete) {
    if (!stream.done()) fail(file, `a complete file did not stream to its end${streamError ? ": " + streamError : ""}`);
    const readable = { size: async () => BigInt(bytes.length), read: async (o, n) => bytes.subarray(Number(o), Number(o + n)) };
    const reader = await McapIndexedReader.Initialize({ readable, decompressHandlers });
    const indexed = {};
    for await (const m of reader.readMessages()) {
      const topic = reader.channelsById.get(m.channelId).topic;
      indexed[topic] = (indexed[topic] ?? 0) + 1;
    }
    for (const [topic, n] of Object.entries(want)) {
      if ((indexed[topic] ?? 0) !== n) fail(file, `indexed read ${indexed[topic] ?? 0} messages on ${topic}, Foresight ${n}`);
    }
    const total = Object.values(want).reduce((a, b) => a + b, 0);
    if (Number(reader.statistics?.messageCount ?? -1) !== total) fail(file, `statistics say ${reader.statistics?.messageCount} messages, not ${total}`);
    console.log(`mcap-check: ${file}: ok (${total} messages; stream with CRCs and indexed reads agree with Foresight)`);
  } else {
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`mcap-check: ${file}: cut short; stream read ${total} messages up to the cut (${streamError ?? "no more records"}), as Foresight did`);
  }
}
if (failures > 0) process.exit(1);
