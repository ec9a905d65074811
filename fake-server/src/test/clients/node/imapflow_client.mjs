// imapflow against fakemail's IMAP server, as a Node application would use it.
//
// Usage: node imapflow_client.mjs HOST PORT USER PASSWORD
//
// The test has delivered two messages to USER by SMTP before. Each step prints one line "step: result". At
// the end the client IDLEs, prints "idling", and waits (at most 20 s) for the server to push the arrival of
// the message the test then sends; any surprise exits non-zero with the error on stderr.
import { idleUntilNewMailThenLogout, newClient } from './imapflow_common.mjs';

const client = newClient();

await client.connect();
console.log(`secure: ${client.secureConnection || client.socket?.encrypted === true}`);
console.log(`capabilities: ${[...client.capabilities.keys()].sort().join(' ')}`);

const folders = await client.list();
console.log(`list: ${folders.map(f => `${f.path}${f.specialUse ? '=' + f.specialUse : ''}`).join(' ')}`);

const lock = await client.getMailboxLock('INBOX');
try {
    const subjects = [];
    for await (const message of client.fetch('1:*', { envelope: true, uid: true, flags: true, source: true })) {
        subjects.push(`${message.uid}:${message.envelope.subject}:${message.source.length}`);
    }
    console.log(`fetch: ${subjects.join(' ')}`);
    await client.messageFlagsAdd({ seq: '1' }, ['\\Flagged', 'custom-keyword']);
    const flagged = await client.search({ flagged: true });
    console.log(`flagged: ${flagged.join(' ')}`);
    await client.mailboxCreate('Projects/Alpha');
    const moved = await client.messageMove('1', 'Projects/Alpha');
    console.log(`move: ${JSON.stringify(Object.fromEntries(moved.uidMap || []))}`);
    const appended = await client.append('Projects/Alpha', 'From: a@example.test\r\nSubject: Appended\r\n\r\nHi\r\n', ['\\Seen']);
    console.log(`append: uid ${appended.uid} uidValidity ${appended.uidValidity !== undefined}`);
    const status = await client.status('Projects/Alpha', { messages: true, unseen: true });
    console.log(`status: messages ${status.messages} unseen ${status.unseen}`);
} finally {
    lock.release();
}

await idleUntilNewMailThenLogout(client);
