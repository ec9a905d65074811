"""Python's imaplib against fakemail's IMAP server, as an application would use it.

Usage: imap_client.py HOST PORT USER PASSWORD {plain|starttls|ssl}

The test has delivered two messages to USER by SMTP before (subjects "First" and "Second"). Every step prints
one line "step: result"; any surprise raises, so the exit code is non-zero and the traceback says where.
"""
import email
import imaplib
import ssl
import sys


def check(condition, what):
    if not condition:
        raise AssertionError(what)


def ok(response, what):
    typ, data = response
    check(typ == "OK", "%s: %s %r" % (what, typ, data))
    return data


def main():
    host, port, user, password, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
    trust_all = ssl.create_default_context()
    trust_all.check_hostname = False
    trust_all.verify_mode = ssl.CERT_NONE
    if mode == "ssl":
        imap = imaplib.IMAP4_SSL(host, port, ssl_context=trust_all)
    else:
        imap = imaplib.IMAP4(host, port)
        if mode == "starttls":
            ok(imap.starttls(ssl_context=trust_all), "starttls")
    print("capabilities:", " ".join(sorted(imap.capabilities)))
    ok(imap.login(user, password), "login")

    names = ok(imap.list(), "list")
    print("list:", " | ".join(n.decode() for n in names))

    count = int(ok(imap.select("INBOX"), "select")[0])
    print("select: %d" % count)

    found = ok(imap.search(None, "SUBJECT", "Second"), "search")[0].split()
    print("search subject Second: %s" % b" ".join(found).decode())

    data = ok(imap.fetch(b"1:*", "(UID FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (SUBJECT)])"), "fetch headers")
    subjects = [part[1].decode().strip() for part in data if isinstance(part, tuple)]
    print("fetch subjects: %s" % " ; ".join(subjects))

    data = ok(imap.fetch(found[0], "(RFC822)"), "fetch rfc822")
    message = email.message_from_bytes(data[0][1])
    print("fetch rfc822 subject: %s" % message["Subject"])
    flags = ok(imap.fetch(found[0], "(FLAGS)"), "fetch flags")[0].decode()
    print("seen after fetch: %s" % ("\\Seen" in flags))

    ok(imap.create("Archive/2024"), "create")
    uid_data = ok(imap.uid("COPY", "1", "Archive/2024"), "uid copy")
    print("copy: ok")
    status = ok(imap.status("Archive/2024", "(MESSAGES UIDNEXT)"), "status")[0].decode()
    print("status: %s" % status)

    appended = ok(imap.append("Drafts", "(\\Draft)", None,
                              b"From: app@example.test\r\nSubject: Draft one\r\n\r\nDraft body\r\n"), "append")
    print("append: %s" % appended[0].decode())

    ok(imap.store(b"1", "+FLAGS", "(\\Deleted)"), "store")
    expunged = ok(imap.expunge(), "expunge")
    print("expunge: %s" % b" ".join(e for e in expunged if e).decode())
    print("select again: %d" % int(ok(imap.select("INBOX", readonly=True), "examine")[0]))
    ok(imap.close(), "close")
    typ, _ = imap.logout()
    print("logout: %s" % typ)


if __name__ == "__main__":
    main()
