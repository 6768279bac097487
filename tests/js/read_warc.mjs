// Reads a WARC file with warcio (an independent implementation of ISO 28500) and prints one JSON
// object per record, for the C++ fetch tests to check: node read_warc.mjs FILE
import { WARCParser } from "warcio";
import { createHash } from "node:crypto";
import fs from "node:fs";

const out = [];
const parser = new WARCParser(fs.createReadStream(process.argv[2]));
for await (const record of parser) {
  const payload = await record.readFully(false);
  const r = {
    type: record.warcType,
    id: record.warcHeader("WARC-Record-ID"),
    target: record.warcTargetURI ?? null,
    date: record.warcDate,
    concurrentTo: record.warcHeader("WARC-Concurrent-To") ?? null,
    payloadDigest: record.warcPayloadDigest ?? null,
    blockDigest: record.warcBlockDigest ?? null,
    truncated: record.warcHeader("WARC-Truncated") ?? null,
    length: record.warcContentLength,
    payloadSha256: createHash("sha256").update(payload).digest("hex"),
    payloadBytes: payload.length,
  };
  if (record.httpHeaders) {
    r.httpStatus = record.httpHeaders.statusCode ?? null;
    r.httpMethod = record.httpHeaders.method ?? null;
    r.userAgent = record.httpHeaders.headers.get("user-agent") ?? null;
  }
  out.push(r);
}
process.stdout.write(JSON.stringify(out) + "\n");
