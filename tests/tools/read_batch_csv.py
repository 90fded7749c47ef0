#!/usr/bin/env python3
"""Independent reader for the export tests: parses a batch CSV with Python's csv module (RFC 4180) and prints
the records as JSON, together with what it noticed about the raw bytes (BOM, line ends, quoting)."""
import csv, json, sys

path = sys.argv[1]
raw = open(path, 'rb').read()
with open(path, newline='', encoding='utf-8-sig') as f:
    records = list(csv.reader(f, strict=True))
lines = raw[3:].split(b'\r\n') if raw.startswith(b'\xef\xbb\xbf') else raw.split(b'\r\n')
print(json.dumps({
    'bom': raw.startswith(b'\xef\xbb\xbf'),
    'crlf_only': b'\n' not in raw.replace(b'\r\n', b''),
    'records': records,
}, ensure_ascii=True))  # escaped: a raw U+FEFF at a string's start would be dropped by Qt's JSON reader
