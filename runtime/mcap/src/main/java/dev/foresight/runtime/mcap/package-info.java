/**
 * A compact MCAP (https://mcap.dev/spec, major version 0) writer and reader. There is no maintained
 * Java MCAP library, and Foresight needs only a small, exact subset: schemas, channels, messages in
 * CRC-checked chunks with message indexes, metadata, and a summary section (schemas, channels,
 * statistics, chunk and metadata indexes, summary offsets) written on a clean close, so the files
 * open in Foxglove, Lichtblick and PlotJuggler and pass {@code mcap doctor}.
 *
 * <p>Durability: each chunk is written as one complete record followed by its message indexes, so a
 * file cut short by a kill or a power loss stays readable up to its last complete chunk;
 * {@link dev.foresight.runtime.mcap.McapReader} reads linearly, checks every chunk's CRC, and
 * says where and why it stopped.
 *
 * <pre>{@code
 * try (McapWriter w = McapWriter.create(path, "foresight", McapWriter.Options.DEFAULT)) {
 *   int schema = w.schema("state", "jsonschema", schemaJson);
 *   int channel = w.channel("/state", schema, "json", Map.of());
 *   w.message(channel, logTimeNs, logTimeNs, jsonBytes);
 * }
 * }</pre>
 */
package dev.foresight.runtime.mcap;
