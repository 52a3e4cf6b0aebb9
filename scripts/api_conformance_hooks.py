"""schemathesis hooks of scripts/api-conformance.ts: POST /api/restore takes an NDJSON file, sent as its text."""

import json

import schemathesis


@schemathesis.serializer("application/x-ndjson")
def ndjson(ctx, value):
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        # generated text may hold lone surrogates: they go out as the bytes they are, for the server to refuse
        return value.encode("utf-8", "surrogatepass")
    return (json.dumps(value) + "\n").encode("utf-8")
