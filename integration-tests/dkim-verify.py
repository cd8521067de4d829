#!/usr/bin/python3
"""Verifies the DKIM signatures of a message with dkimpy (Debian's python3-dkim), a second DKIM
implementation besides the jDKIM that signed it, asking the tests' dnsmasq for the key.

Usage: dkim-verify.py DNS_PORT MESSAGE_FILE; prints pass or fail with the signing domain (and why it failed), exits 0 on pass.
"""
import sys

import dkim
import dns.exception
import dns.resolver

port, path = int(sys.argv[1]), sys.argv[2]
message = open(path, 'rb').read()
if b'\r\n' not in message:
    # smtp-sink writes the message with LF line ends; on the wire it had CRLF
    message = message.replace(b'\n', b'\r\n')

resolver = dns.resolver.Resolver(configure=False)
resolver.nameservers = ['127.0.0.1']
resolver.port = port


def txt(name, timeout=5):
    name = name.decode('ascii') if isinstance(name, bytes) else name
    try:
        answer = resolver.resolve(name, 'TXT', lifetime=timeout)
    except dns.exception.DNSException:
        return None
    for record in answer:
        return b''.join(record.strings)
    return None


verifier = dkim.DKIM(message)
try:
    passed, reason = verifier.verify(dnsfunc=txt), ''
except dkim.ValidationError as error:
    # dkimpy raises on some failures (a body hash mismatch) and returns False on others
    passed, reason = False, ': ' + str(error)
domain = (verifier.domain or b'').decode('ascii')
print(('pass' if passed else 'fail') + ' d=' + domain + reason)
sys.exit(0 if passed else 1)
