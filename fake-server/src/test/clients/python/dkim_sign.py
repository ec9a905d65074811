#!/usr/bin/env python3
"""Signs a message with Debian's dkimpy, an independent DKIM signer, for fakemail's verification tests.

usage: dkim_sign.py KEYFILE DOMAIN SELECTOR ALGORITHM CANON HEADERS [length]
  KEYFILE    PKCS#8 PEM (rsa-sha256) or the base64 Ed25519 seed (ed25519-sha256)
  CANON      header/body, e.g. relaxed/simple
  HEADERS    colon-separated header names to sign, e.g. from:to:subject
  length     add l= (the body length) to the signature
The message comes on stdin (CR LF line ends); the signed message goes to stdout.
"""
import sys

import dkim


def main():
    keyfile, domain, selector, algorithm, canon, headers = sys.argv[1:7]
    length = len(sys.argv) > 7 and sys.argv[7] == "length"
    message = sys.stdin.buffer.read()
    with open(keyfile, "rb") as f:
        key = f.read().strip()
    header_canon, body_canon = canon.split("/")
    signature = dkim.sign(message, selector.encode(), domain.encode(), key,
                          canonicalize=(header_canon.encode(), body_canon.encode()),
                          signature_algorithm=algorithm.encode(),
                          include_headers=[name.encode() for name in headers.split(":")],
                          length=length)
    sys.stdout.buffer.write(signature + message)


if __name__ == "__main__":
    main()
