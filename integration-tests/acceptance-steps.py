#!/usr/bin/env python3
"""Acceptance latency step by step: one session at a time, one connection per message, each SMTP
command timed from its sending to its reply (connect to greeting, EHLO, MAIL, RCPT, DATA to 354,
content to 250). Prints p50, p90, p99 and the maximum of each step in milliseconds.

    acceptance-steps.py PORT [MESSAGES] [SIZE] [SENDER] [RECIPIENT]
"""
import socket
import statistics
import sys
import time

port = int(sys.argv[1])
messages = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
size = int(sys.argv[3]) if len(sys.argv) > 3 else 4096
sender = sys.argv[4] if len(sys.argv) > 4 else "billing@managed.test"
recipient = sys.argv[5] if len(sys.argv) > 5 else "user@relay.test"
line = b"La De Da De Da " * 4 + b"\r\n"
body = (line * (size // len(line) + 1))[:size]
steps = {name: [] for name in ("connect", "ehlo", "mail", "rcpt", "data", "content", "message")}


def reply(stream):
    """The last line of a (multi-line) reply."""
    while True:
        text = stream.readline()
        if len(text) < 4 or text[3:4] == b" ":
            return text


for n in range(messages):
    start = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port)) as connection:
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        stream = connection.makefile("rb")
        reply(stream)
        mark = time.perf_counter()
        steps["connect"].append(mark - start)
        content = b"From: <%s>\r\nTo: <%s>\r\nSubject: steps %d\r\nMessage-ID: <steps-%d-%f@bench.test>\r\n\r\n%s\r\n.\r\n" % (
            sender.encode(), recipient.encode(), n, n, time.time(), body)
        for step, command in (("ehlo", b"EHLO latency.bench.test\r\n"), ("mail", b"MAIL FROM:<%s>\r\n" % sender.encode()),
                              ("rcpt", b"RCPT TO:<%s>\r\n" % recipient.encode()), ("data", b"DATA\r\n"), ("content", content)):
            connection.sendall(command)
            answer = reply(stream)
            now = time.perf_counter()
            steps[step].append(now - mark)
            mark = now
        if not answer.startswith(b"250"):
            sys.exit(f"message {n}: {answer!r}")
        steps["message"].append(mark - start)
        connection.sendall(b"QUIT\r\n")
        reply(stream)

for step, timings in steps.items():
    timings.sort()
    q = statistics.quantiles(timings, n=100)
    print(f"{step:8s} p50_ms={q[49] * 1000:.2f} p90_ms={q[89] * 1000:.2f} p99_ms={q[98] * 1000:.2f} max_ms={timings[-1] * 1000:.2f}")
