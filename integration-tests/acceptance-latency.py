#!/usr/bin/env python3
"""Acceptance latency as one client sees it: one session at a time, one connection per message
(as smtp-source does), the time from connecting to the 250 that ends DATA. Prints p50, p90, p99
and the maximum in milliseconds.

    acceptance-latency.py PORT [MESSAGES] [SIZE] [SENDER] [RECIPIENT] [SOURCE_ADDRESS]

SOURCE_ADDRESS is the loopback address the client connects from (an unregistered client, say).
"""
import smtplib
import statistics
import sys
import time

port = int(sys.argv[1])
messages = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
size = int(sys.argv[3]) if len(sys.argv) > 3 else 4096
sender = sys.argv[4] if len(sys.argv) > 4 else "billing@managed.test"
recipient = sys.argv[5] if len(sys.argv) > 5 else "user@relay.test"
source = (sys.argv[6], 0) if len(sys.argv) > 6 else None
line = b"La De Da De Da " * 4 + b"\r\n"
body = (line * (size // len(line) + 1))[:size]

timings = []
for n in range(messages):
    content = b"From: <%s>\r\nTo: <%s>\r\nSubject: latency %d\r\nMessage-ID: <latency-%d-%f@bench.test>\r\n\r\n%s" % (
        sender.encode(), recipient.encode(), n, n, time.time(), body)
    start = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port, local_hostname="latency.bench.test", source_address=source) as smtp:
        smtp.ehlo()
        code, _ = smtp.mail(sender)
        smtp.rcpt(recipient)
        code, reply = smtp.data(content)
        elapsed = time.perf_counter() - start
    if code != 250:
        sys.exit(f"message {n}: {code} {reply!r}")
    timings.append(elapsed * 1000)

timings.sort()
q = statistics.quantiles(timings, n=100)
print(f"messages={messages} size={size} p50_ms={q[49]:.2f} p90_ms={q[89]:.2f} p99_ms={q[98]:.2f} max_ms={timings[-1]:.2f}")
